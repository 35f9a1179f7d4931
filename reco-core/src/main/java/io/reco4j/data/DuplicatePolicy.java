package io.reco4j.data;

/**
 * What to do when the same (user, item) pair occurs more than once in the input.
 *
 * <p>"Order" means input order (file order, line by line). The timestamp kept for a merged entry
 * is the latest one of the duplicates under {@link #SUM} and {@link #MEAN}, and that of the kept
 * entry under {@link #FIRST} and {@link #LAST}.
 */
public enum DuplicatePolicy {
  /** The last occurrence in input order wins (the default: a re-rating replaces the old one). */
  LAST,
  /** The first occurrence in input order wins. */
  FIRST,
  /** Values are added (play counts, repeated clicks). */
  SUM,
  /** Values are averaged. */
  MEAN,
  /** Duplicates are an input error. */
  ERROR;

  /** Parses a command-line name such as {@code last} or {@code sum}. */
  public static DuplicatePolicy parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown duplicate policy '" + s + "' (expected last, first, sum, mean or error)");
    }
  }
}
