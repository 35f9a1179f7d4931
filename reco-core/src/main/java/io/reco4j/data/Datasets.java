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

  /**
   * The core of a dataset after minimum-count filtering, as in the preprocessing of Liang et al.,
   * "Variational Autoencoders for Collaborative Filtering", WWW 2018 (used again by Steck,
   * "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019, and Rendle et al.,
   * "Revisiting the Performance of iALS on Item Recommendation Benchmarks", RecSys 2022): one
   * pass, items first, then users, not iterated to a fixed point.
   *
   * <ol>
   *   <li>entries of items with fewer than {@code minItemInteractions} entries are dropped;
   *   <li>then entries of users with fewer than {@code minUserInteractions} remaining entries are
   *       dropped;
   *   <li>then users and items left without any entry are removed from the index spaces.
   * </ol>
   *
   * <p>The result has new, smaller dense index spaces; the external ids of the users and items
   * that remain are kept (in the same ascending order), so {@link IdIndex#find} works as before
   * for them. Values, timestamps and item metadata follow their entries and items. Runs in
   * {@code O(nnz + users + items)} over the primitive arrays. A count of 0 or 1 filters nothing at
   * that step (step 3 still removes empty rows and columns).
   *
   * @param data the dataset (typically already {@linkplain Dataset#implicit thresholded})
   * @param minUserInteractions the least number of entries a user must keep, {@code >= 0}
   * @param minItemInteractions the least number of entries an item must have, {@code >= 0}
   * @return the filtered dataset, with the same name and {@link Dataset#explicit()} flag
   * @throws IllegalArgumentException when a count is negative
   */
  public static Dataset filterByCounts(Dataset data, int minUserInteractions,
      int minItemInteractions) {
    if (minUserInteractions < 0 || minItemInteractions < 0) {
      throw new IllegalArgumentException("minimum counts must be >= 0, got users "
          + minUserInteractions + ", items " + minItemInteractions);
    }
    CsrMatrix m = data.matrix();
    int rows = m.rows();
    int cols = m.cols();
    int[] rowPtr = m.rowPtr();
    int[] colIdx = m.colIdx();
    int[] itemCounts = m.colCounts();
    boolean[] itemOk = new boolean[cols];
    for (int i = 0; i < cols; i++) {
      itemOk[i] = itemCounts[i] > 0 && itemCounts[i] >= minItemInteractions;
    }
    boolean[] userOk = new boolean[rows];
    int[] kept = new int[cols]; // entries per item that survive both steps
    int nnz = 0;
    for (int u = 0; u < rows; u++) {
      int n = 0;
      for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
        if (itemOk[colIdx[p]]) {
          n++;
        }
      }
      userOk[u] = n > 0 && n >= minUserInteractions;
      if (userOk[u]) {
        nnz += n;
        for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
          if (itemOk[colIdx[p]]) {
            kept[colIdx[p]]++;
          }
        }
      }
    }
    // monotone renumbering keeps columns ascending within rows and external ids sorted
    int[] newItem = new int[cols];
    int itemCount = 0;
    for (int i = 0; i < cols; i++) {
      newItem[i] = kept[i] > 0 ? itemCount++ : -1;
    }
    int userCount = 0;
    for (int u = 0; u < rows; u++) {
      if (userOk[u]) {
        userCount++;
      }
    }
    int[] ptr = new int[userCount + 1];
    int[] col = new int[nnz];
    float[] val = new float[nnz];
    int[] pos = m.hasTimestamps() ? new int[nnz] : null;
    int[] userMap = new int[userCount]; // new user index -> old
    float[] values = m.values();
    int q = 0;
    int r = 0;
    for (int u = 0; u < rows; u++) {
      if (!userOk[u]) {
        continue;
      }
      userMap[r] = u;
      for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
        int c = newItem[colIdx[p]];
        if (c >= 0) {
          col[q] = c;
          val[q] = values[p];
          if (pos != null) {
            pos[q] = p;
          }
          q++;
        }
      }
      ptr[++r] = q;
    }
    int[] itemMap = new int[itemCount]; // new item index -> old
    for (int i = 0; i < cols; i++) {
      if (newItem[i] >= 0) {
        itemMap[newItem[i]] = i;
      }
    }
    CsrMatrix out = new CsrMatrix(userCount, itemCount, ptr, col, val,
        pos != null ? m.timestamps().permute(pos) : null);
    return new Dataset(data.name(), subset(data.users(), userMap), subset(data.items(), itemMap),
        out, data.explicit(), data.metadata() == null ? null : subset(data.metadata(), itemMap));
  }

  /** The ids at the given ascending dense indices, as a new index. */
  private static IdIndex subset(IdIndex index, int[] keep) {
    if (index.isNumeric()) {
      long[] ids = new long[keep.length];
      for (int j = 0; j < keep.length; j++) {
        ids[j] = index.numericIdOf(keep[j]);
      }
      return IdIndex.ofNumeric(index.kind(), ids);
    }
    String[] ids = new String[keep.length];
    for (int j = 0; j < keep.length; j++) {
      ids[j] = index.idOf(keep[j]);
    }
    return IdIndex.ofStrings(index.kind(), ids);
  }

  private static ItemMetadata subset(ItemMetadata meta, int[] keep) {
    String[] titles = new String[keep.length];
    String[][] genres = new String[keep.length][];
    String[][] tags = new String[keep.length][];
    for (int j = 0; j < keep.length; j++) {
      titles[j] = meta.titles()[keep[j]];
      genres[j] = meta.genres()[keep[j]];
      tags[j] = meta.tags()[keep[j]];
    }
    return new ItemMetadata(titles, genres, tags);
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
