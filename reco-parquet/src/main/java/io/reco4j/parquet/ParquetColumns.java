package io.reco4j.parquet;

import java.util.List;
import java.util.Objects;

/**
 * Which Parquet columns hold the user id, item id, rating and timestamp of an interaction.
 *
 * <p>Each role is a {@link Column}: a list of candidate names, the first one present in the file
 * being used, and whether the role is required. User and item are always required; rating and
 * timestamp may be optional (loaded when present) or left out altogether. Names match exactly
 * first, then case-insensitively when exactly one column matches that way.
 *
 * <p>{@link #defaults()} suits MovieLens-style files: user from {@code userId}, {@code user_id} or
 * {@code user}; item from {@code movieId}, {@code itemId}, {@code item_id} or {@code item};
 * rating from {@code rating} when present (else the data are implicit); timestamp from
 * {@code timestamp} or {@code ts} when present. Immutable.
 *
 * @param user the external user id column (integer or string)
 * @param item the external item id column (integer or string)
 * @param rating the rating column (any numeric type, read as {@code float}); {@link Column#none()}
 *     loads implicit data
 * @param timestamp the timestamp column (integer, kept as is; or a Parquet timestamp/date, read
 *     as seconds since the epoch); {@link Column#none()} loads no times
 */
public record ParquetColumns(Column user, Column item, Column rating, Column timestamp) {

  public ParquetColumns {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(timestamp, "timestamp");
    if (!user.required() || !item.required()) {
      throw new IllegalArgumentException("user and item columns must be required");
    }
  }

  /** The MovieLens-style defaults described in the class comment. */
  public static ParquetColumns defaults() {
    return new ParquetColumns(
        Column.firstOf(true, "userId", "user_id", "user"),
        Column.firstOf(true, "movieId", "itemId", "item_id", "item"),
        Column.firstOf(false, "rating"),
        Column.firstOf(false, "timestamp", "ts"));
  }

  /**
   * Exactly these columns, each required when named.
   *
   * @param rating the rating column, or null for implicit data
   * @param timestamp the timestamp column, or null for none
   */
  public static ParquetColumns of(String user, String item, String rating, String timestamp) {
    return new ParquetColumns(Column.named(user), Column.named(item),
        rating == null ? Column.none() : Column.named(rating),
        timestamp == null ? Column.none() : Column.named(timestamp));
  }

  /** The same mapping with the user id in the named (required) column. */
  public ParquetColumns withUser(String name) {
    return new ParquetColumns(Column.named(name), item, rating, timestamp);
  }

  /** The same mapping with the item id in the named (required) column. */
  public ParquetColumns withItem(String name) {
    return new ParquetColumns(user, Column.named(name), rating, timestamp);
  }

  /** The same mapping with ratings in the named (required) column. */
  public ParquetColumns withRating(String name) {
    return new ParquetColumns(user, item, Column.named(name), timestamp);
  }

  /** The same mapping, loading implicit data even when the file has a rating column. */
  public ParquetColumns withoutRating() {
    return new ParquetColumns(user, item, Column.none(), timestamp);
  }

  /** The same mapping with timestamps in the named (required) column. */
  public ParquetColumns withTimestamp(String name) {
    return new ParquetColumns(user, item, rating, Column.named(name));
  }

  /** The same mapping, loading no timestamps. */
  public ParquetColumns withoutTimestamp() {
    return new ParquetColumns(user, item, rating, Column.none());
  }

  /**
   * One role's column: candidate names in order of preference.
   *
   * @param candidates names to look for, first match wins; empty when the role is not loaded
   * @param required whether a file without any candidate is an error
   */
  public record Column(List<String> candidates, boolean required) {

    public Column {
      candidates = List.copyOf(candidates);
      for (String c : candidates) {
        if (c.isBlank()) {
          throw new IllegalArgumentException("blank column name");
        }
      }
      if (required && candidates.isEmpty()) {
        throw new IllegalArgumentException("a required column needs at least one name");
      }
    }

    /** A required column with exactly this name. */
    public static Column named(String name) {
      return new Column(List.of(name), true);
    }

    /** The first of these names that the file has. */
    public static Column firstOf(boolean required, String... names) {
      return new Column(List.of(names), required);
    }

    /** A role that is not loaded. */
    public static Column none() {
      return new Column(List.of(), false);
    }

    /** Whether this role is loaded at all. */
    public boolean wanted() {
      return !candidates.isEmpty();
    }
  }
}
