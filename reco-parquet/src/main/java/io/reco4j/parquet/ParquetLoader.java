package io.reco4j.parquet;

import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBDriver;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;

/**
 * Loads interactions from an Apache Parquet file into a {@link Dataset}.
 *
 * <p>The file is read by an in-process DuckDB (its JDBC driver, native code) and handed over in
 * columnar chunks of about 2048 rows, straight into primitive arrays; see this module's README for
 * why DuckDB was chosen over parquet-java and the measurements behind it. Rows are read in file
 * order, so {@link DuplicatePolicy#FIRST} and {@link DuplicatePolicy#LAST} refer to file order.
 *
 * <p>Supported column types: ids as any integer type (Parquet INT32/INT64, signed or unsigned) or
 * strings; when either id column is a string, both become string ids. Ratings as any integer,
 * FLOAT, DOUBLE or DECIMAL column, read as {@code float}. Timestamps as integers, kept as given
 * (usually seconds since the epoch), or Parquet TIMESTAMP/DATE columns, converted to whole seconds
 * since the epoch. Null values are an error naming the file, row and column.
 *
 * <p>Thread-safe: every call opens and closes its own in-memory DuckDB instance.
 */
public final class ParquetLoader {
  /** Characters that DuckDB's read_parquet treats as a glob pattern. */
  private static final Pattern GLOB_CHARACTERS = Pattern.compile("[*?\\[\\]{}]");

  private ParquetLoader() {}

  /**
   * Loads a Parquet file.
   *
   * @param file a single Parquet file (not a glob or directory; glob characters in its name are
   *     taken literally)
   * @param mapping which columns hold user, item, rating and timestamp
   * @param duplicates what to do with repeated (user, item) pairs, in file order
   * @param threads threads for decoding and dataset assembly ({@code <= 0}: all cores)
   * @return a dataset named after the file (without {@code .parquet}); explicit when a rating
   *     column was loaded
   * @throws NoSuchFileException when the file does not exist or is not a regular file
   * @throws ParquetInputException when the file is not Parquet or is corrupt, when a column is
   *     missing or has an unsupported type, or when a loaded column holds a null
   */
  public static Dataset load(Path file, ParquetColumns mapping, DuplicatePolicy duplicates,
      int threads) throws IOException {
    RawColumns c = read(file, mapping, threads);
    String name = datasetName(file);
    if (c.userNames() != null) {
      return Datasets.fromStringIds(name, c.userNames(), c.itemNames(), c.ratings(), c.times(),
          duplicates, threads);
    }
    return Datasets.fromNumericIds(name, c.userIds(), c.itemIds(), c.ratings(), c.times(),
        duplicates, threads);
  }

  /** Loads a Parquet file with {@link ParquetColumns#defaults()}, last duplicate winning. */
  public static Dataset load(Path file, int threads) throws IOException {
    return load(file, ParquetColumns.defaults(), DuplicatePolicy.LAST, threads);
  }

  /**
   * Columns as read, in file order, before ids are indexed. Either the numeric or the string id
   * arrays are set; ratings and times are null when not loaded.
   */
  record RawColumns(long[] userIds, long[] itemIds, String[] userNames, String[] itemNames,
      float[] ratings, long[] times) {
    int size() {
      return userIds != null ? userIds.length : userNames.length;
    }
  }

  /** How a column's DuckDB type can be used. */
  private enum Kind { INTEGER, STRING, DECIMAL, TEMPORAL, OTHER }

  /** A role resolved to a file column. */
  private record Resolved(String role, String column, String type, Kind kind) {
    String quoted() {
      return '"' + column.replace("\"", "\"\"") + '"';
    }
  }

  static RawColumns read(Path file, ParquetColumns mapping, int threads) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    // DuckDB expands glob patterns in read_parquet's argument, with no escape: a file named
    // "a*.parquet" would silently pull in its siblings. Such a file is read through a link.
    Path link = null;
    String path = file.toAbsolutePath().toString();
    if (GLOB_CHARACTERS.matcher(path).find()) {
      link = linkWithoutGlobCharacters(file);
      path = link.toString();
    }
    try {
      return read(file, path, mapping, threads);
    } finally {
      if (link != null) {
        Files.deleteIfExists(link);
        Files.deleteIfExists(link.getParent());
      }
    }
  }

  private static Path linkWithoutGlobCharacters(Path file) throws IOException {
    Path dir = Files.createTempDirectory("reco4j-parquet");
    Path link = dir.resolve("input.parquet");
    if (GLOB_CHARACTERS.matcher(link.toString()).find()) {
      Files.delete(dir);
      throw new ParquetInputException("cannot read Parquet file " + file
          + ": the temporary directory " + dir + " has glob characters in its path");
    }
    try {
      return Files.createSymbolicLink(link, file.toAbsolutePath());
    } catch (IOException | UnsupportedOperationException e) {
      Files.delete(dir);
      throw new ParquetInputException("cannot read Parquet file " + file
          + ": its name has glob characters (*?[]{}) and no link to it could be made; rename it",
          e);
    }
  }

  private static RawColumns read(Path file, String path, ParquetColumns mapping, int threads)
      throws IOException {
    Properties config = new Properties();
    config.setProperty("threads",
        Integer.toString(threads > 0 ? threads : Runtime.getRuntime().availableProcessors()));
    config.setProperty("preserve_insertion_order", "true");
    config.setProperty("autoinstall_known_extensions", "false");
    config.setProperty("autoload_known_extensions", "false");
    try (DuckDBConnection conn = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:",
        config)) {
      Map<String, String> schema = schema(conn, path);
      Resolved user = resolve("user", mapping.user(), schema, file);
      Resolved item = resolve("item", mapping.item(), schema, file);
      Resolved rating = resolve("rating", mapping.rating(), schema, file);
      Resolved time = resolve("timestamp", mapping.timestamp(), schema, file);
      requireKind(user, file, Kind.INTEGER, Kind.STRING);
      requireKind(item, file, Kind.INTEGER, Kind.STRING);
      if (rating != null) {
        requireKind(rating, file, Kind.INTEGER, Kind.DECIMAL);
      }
      if (time != null) {
        requireKind(time, file, Kind.INTEGER, Kind.TEMPORAL);
      }
      boolean stringIds = user.kind() == Kind.STRING || item.kind() == Kind.STRING;
      List<String> select = new ArrayList<>();
      select.add(idExpression(user, stringIds));
      select.add(idExpression(item, stringIds));
      if (rating != null) {
        select.add("CAST(" + rating.quoted() + " AS FLOAT)");
      }
      if (time != null) {
        select.add(time.kind() == Kind.TEMPORAL
            ? "CAST(floor(epoch(" + time.quoted() + ")) AS BIGINT)"
            : "CAST(" + time.quoted() + " AS BIGINT)");
      }
      String sql = "SELECT " + String.join(", ", select) + " FROM read_parquet(?)";
      int n = rowCount(conn, path, file);
      RawColumns out = new RawColumns(
          stringIds ? null : new long[n], stringIds ? null : new long[n],
          stringIds ? new String[n] : null, stringIds ? new String[n] : null,
          rating == null ? null : new float[n], time == null ? null : new long[n]);
      int done = fill(conn, sql, path, file, out, user, item, rating, time);
      if (done != n) {
        throw incomplete(conn, select, path, file, done, n);
      }
      return out;
    } catch (SQLException e) {
      throw new ParquetInputException("cannot read Parquet file " + file + ": "
          + firstLine(e.getMessage()), e);
    }
  }

  /** Streams the query's chunks into {@code out}; returns the number of rows read. */
  private static int fill(DuckDBConnection conn, String sql, String path, Path file,
      RawColumns out, Resolved user, Resolved item, Resolved rating, Resolved time)
      throws SQLException, ParquetInputException {
    int n = out.size();
    int k = 0;
    try (DuckDBPreparedStatement ps = conn.prepare(sql)) {
      ps.setString(1, path);
      try (DuckDBChunkedResult result = ps.query()) {
        while (result.nextChunk()) {
          DuckDBDataChunkReader chunk = result.chunk();
          int rows = Math.toIntExact(chunk.rowCount());
          if (rows > n - k) {
            throw new ParquetInputException(
                "Parquet file " + file + " has more rows than its metadata says (" + n
                    + "); was it modified while loading?");
          }
          int col = 0;
          if (out.userIds() != null) {
            readLongs(chunk.vector(col++), out.userIds(), k, rows, user, file);
            readLongs(chunk.vector(col++), out.itemIds(), k, rows, item, file);
          } else {
            readStrings(chunk.vector(col++), out.userNames(), k, rows, user, file);
            readStrings(chunk.vector(col++), out.itemNames(), k, rows, item, file);
          }
          if (rating != null) {
            readFloats(chunk.vector(col++), out.ratings(), k, rows, rating, file);
          }
          if (time != null) {
            readLongs(chunk.vector(col), out.times(), k, rows, time, file);
          }
          k += rows;
        }
      }
    }
    return k;
  }

  private static void readLongs(DuckDBReadableVector v, long[] dst, int offset, int rows,
      Resolved column, Path file) throws ParquetInputException {
    for (int p = 0; p < rows; p++) {
      if (v.isNull(p)) {
        throw nullValue(file, offset + p, column);
      }
      dst[offset + p] = v.getLong(p);
    }
  }

  private static void readFloats(DuckDBReadableVector v, float[] dst, int offset, int rows,
      Resolved column, Path file) throws ParquetInputException {
    for (int p = 0; p < rows; p++) {
      if (v.isNull(p)) {
        throw nullValue(file, offset + p, column);
      }
      dst[offset + p] = v.getFloat(p);
    }
  }

  private static void readStrings(DuckDBReadableVector v, String[] dst, int offset, int rows,
      Resolved column, Path file) throws ParquetInputException {
    for (int p = 0; p < rows; p++) {
      if (v.isNull(p)) {
        throw nullValue(file, offset + p, column);
      }
      dst[offset + p] = v.getString(p);
    }
  }

  private static ParquetInputException nullValue(Path file, int row, Resolved column) {
    return new ParquetInputException("null " + column.role() + " in column '" + column.column()
        + "' at row " + row + " (counting from 0, in file order) of Parquet file " + file);
  }

  /**
   * The chunked result ends early, without an exception, when decoding fails part-way (a corrupt
   * page). Re-running the scan through the plain JDBC path surfaces DuckDB's error message.
   */
  private static ParquetInputException incomplete(DuckDBConnection conn, List<String> select,
      String path, Path file, int done, int expected) {
    String why = "stopped after " + done + " of " + expected + " rows";
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT max(hash(" + String.join(", ", select) + ")) FROM read_parquet(?)")) {
      ps.setString(1, path);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    } catch (SQLException e) {
      why = firstLine(e.getMessage());
    }
    return new ParquetInputException("cannot read Parquet file " + file + ": " + why);
  }

  /** Column names and DuckDB type names, in file order. */
  private static Map<String, String> schema(DuckDBConnection conn, String path)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM read_parquet(?) LIMIT 0")) {
      ps.setString(1, path);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, String> columns = new LinkedHashMap<>();
        for (int c = 1; c <= md.getColumnCount(); c++) {
          columns.put(md.getColumnName(c), md.getColumnTypeName(c));
        }
        return columns;
      }
    }
  }

  private static int rowCount(DuckDBConnection conn, String path, Path file)
      throws SQLException, ParquetInputException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM read_parquet(?)")) {
      ps.setString(1, path);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long n = rs.getLong(1);
        if (n > Integer.MAX_VALUE - 8) {
          throw new ParquetInputException("Parquet file " + file + " has " + n
              + " rows; at most " + (Integer.MAX_VALUE - 8) + " interactions can be loaded");
        }
        return (int) n;
      }
    }
  }

  /** The file column for a role, or null when an optional role is absent or not wanted. */
  private static Resolved resolve(String role, ParquetColumns.Column spec,
      Map<String, String> schema, Path file) throws ParquetInputException {
    for (String candidate : spec.candidates()) {
      String match = schema.containsKey(candidate) ? candidate : null;
      if (match == null) {
        List<String> folded = schema.keySet().stream()
            .filter(c -> c.equalsIgnoreCase(candidate)).toList();
        match = folded.size() == 1 ? folded.get(0) : null;
      }
      if (match != null) {
        String type = schema.get(match);
        return new Resolved(role, match, type, kind(type));
      }
    }
    if (spec.required()) {
      throw new ParquetInputException("Parquet file " + file + " has no " + role + " column (looked for "
          + String.join(", ", spec.candidates()) + "); its columns are "
          + describe(schema));
    }
    return null;
  }

  private static void requireKind(Resolved c, Path file, Kind... allowed)
      throws ParquetInputException {
    for (Kind k : allowed) {
      if (c.kind() == k) {
        return;
      }
    }
    String expected = switch (c.role()) {
      case "user", "item" -> "an integer or string";
      case "rating" -> "a numeric";
      default -> "an integer, timestamp or date";
    };
    throw new ParquetInputException("column '" + c.column() + "' (" + c.role() + ") of Parquet file "
        + file + " has type " + c.type() + "; expected " + expected + " column");
  }

  private static String idExpression(Resolved c, boolean stringIds) {
    if (c.kind() == Kind.STRING) {
      return c.quoted();
    }
    return "CAST(" + c.quoted() + " AS " + (stringIds ? "VARCHAR" : "BIGINT") + ")";
  }

  private static Kind kind(String duckdbType) {
    String t = duckdbType.toUpperCase(Locale.ROOT);
    return switch (t) {
      case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER",
          "UBIGINT", "HUGEINT", "UHUGEINT" -> Kind.INTEGER;
      case "VARCHAR" -> Kind.STRING;
      case "FLOAT", "DOUBLE" -> Kind.DECIMAL;
      case "DATE" -> Kind.TEMPORAL;
      default -> t.startsWith("DECIMAL") ? Kind.DECIMAL
          : t.startsWith("TIMESTAMP") ? Kind.TEMPORAL : Kind.OTHER;
    };
  }

  private static String describe(Map<String, String> schema) {
    List<String> parts = new ArrayList<>();
    schema.forEach((name, type) -> parts.add(name + " " + type));
    return parts.isEmpty() ? "(none)" : String.join(", ", parts);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  private static String datasetName(Path file) {
    String name = file.getFileName().toString();
    return name.toLowerCase(Locale.ROOT).endsWith(".parquet")
        ? name.substring(0, name.length() - ".parquet".length()) : name;
  }
}
