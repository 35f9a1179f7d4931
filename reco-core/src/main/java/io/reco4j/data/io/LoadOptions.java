package io.reco4j.data.io;

import io.reco4j.data.DuplicatePolicy;
import java.util.Objects;

/**
 * How to read a delimited interaction file.
 *
 * @param delimiter field separator ({@code ","}, {@code "\t"}, {@code "::"} …), or null to detect
 *     it from the first lines
 * @param header whether the first line is a header; null to detect it
 * @param columns which column holds what
 * @param onError fail on the first malformed line (default) or skip and count
 * @param duplicates what to do with repeated (user, item) pairs
 * @param threads parser threads ({@code <= 0}: all cores)
 */
public record LoadOptions(String delimiter, Boolean header, ColumnMapping columns, OnError onError,
    DuplicatePolicy duplicates, int threads) {

  public LoadOptions {
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(onError, "onError");
    Objects.requireNonNull(duplicates, "duplicates");
    if (delimiter != null && delimiter.isEmpty()) {
      throw new IllegalArgumentException("empty delimiter");
    }
  }

  /** Detect delimiter and header, columns by header name, fail on errors, last duplicate wins. */
  public static LoadOptions defaults() {
    return new LoadOptions(null, null, ColumnMapping.auto(), OnError.FAIL, DuplicatePolicy.LAST, 0);
  }

  /** A copy with another delimiter. */
  public LoadOptions withDelimiter(String d) {
    return new LoadOptions(d, header, columns, onError, duplicates, threads);
  }

  /** A copy with another header setting. */
  public LoadOptions withHeader(Boolean h) {
    return new LoadOptions(delimiter, h, columns, onError, duplicates, threads);
  }

  /** A copy with another column mapping. */
  public LoadOptions withColumns(ColumnMapping c) {
    return new LoadOptions(delimiter, header, c, onError, duplicates, threads);
  }

  /** A copy with another error policy. */
  public LoadOptions withOnError(OnError e) {
    return new LoadOptions(delimiter, header, columns, e, duplicates, threads);
  }

  /** A copy with another duplicate policy. */
  public LoadOptions withDuplicates(DuplicatePolicy p) {
    return new LoadOptions(delimiter, header, columns, onError, p, threads);
  }

  /** A copy with another thread count. */
  public LoadOptions withThreads(int t) {
    return new LoadOptions(delimiter, header, columns, onError, duplicates, t);
  }
}
