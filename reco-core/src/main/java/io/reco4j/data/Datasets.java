package io.reco4j.data;

import java.util.Arrays;

/**
 * Assembles a {@link Dataset} from columns of raw external ids and values, as produced by any
 * loader (delimited text, Parquet, JDBC, synthetic). External ids map to dense indices in
 * ascending id order (see {@link IdIndex}).
 */
public final class Datasets {
  private Datasets() {}

  /**
   * Builds a dataset from numeric external ids.
   *
   * @param userIds external user id per interaction
   * @param itemIds external item id per interaction
   * @param ratings rating per interaction, or null for implicit data (every value 1)
   * @param times timestamp per interaction, or null
   * @param duplicates policy for repeated (user, item) pairs, in input order
   * @param threads worker threads ({@code <= 0}: all cores)
   */
  public static Dataset fromNumericIds(String name, long[] userIds, long[] itemIds, float[] ratings,
      long[] times, DuplicatePolicy duplicates, int threads) {
    int n = userIds.length;
    long[] u = distinctSorted(userIds);
    long[] i = distinctSorted(itemIds);
    int[] rows = new int[n];
    int[] cols = new int[n];
    for (int k = 0; k < n; k++) {
      rows[k] = Arrays.binarySearch(u, userIds[k]);
      cols[k] = Arrays.binarySearch(i, itemIds[k]);
    }
    return assemble(name, IdIndex.ofNumeric("user", u), IdIndex.ofNumeric("item", i), rows, cols,
        ratings, times, duplicates, threads);
  }

  /** Builds a dataset from string external ids; see {@link #fromNumericIds}. */
  public static Dataset fromStringIds(String name, String[] userIds, String[] itemIds,
      float[] ratings, long[] times, DuplicatePolicy duplicates, int threads) {
    int n = userIds.length;
    String[] u = Arrays.stream(userIds).distinct().sorted().toArray(String[]::new);
    String[] i = Arrays.stream(itemIds).distinct().sorted().toArray(String[]::new);
    int[] rows = new int[n];
    int[] cols = new int[n];
    for (int k = 0; k < n; k++) {
      rows[k] = Arrays.binarySearch(u, userIds[k]);
      cols[k] = Arrays.binarySearch(i, itemIds[k]);
    }
    return assemble(name, IdIndex.ofStrings("user", u), IdIndex.ofStrings("item", i), rows, cols,
        ratings, times, duplicates, threads);
  }

  /** Builds a dataset from dense indices already mapped through the given id indices. */
  public static Dataset assemble(String name, IdIndex users, IdIndex items, int[] rows, int[] cols,
      float[] ratings, long[] times, DuplicatePolicy duplicates, int threads) {
    float[] values = ratings;
    if (values == null) {
      values = new float[rows.length];
      Arrays.fill(values, 1f);
    }
    CsrMatrix m = CsrMatrix.fromCoordinates(users.size(), items.size(), rows, cols, values, times,
        duplicates, threads);
    return new Dataset(name, users, items, m, ratings != null, null);
  }

  static long[] distinctSorted(long[] ids) {
    long[] s = ids.clone();
    Arrays.sort(s);
    int m = 0;
    for (int k = 0; k < s.length; k++) {
      if (k == 0 || s[k] != s[k - 1]) {
        s[m++] = s[k];
      }
    }
    return Arrays.copyOf(s, m);
  }
}
