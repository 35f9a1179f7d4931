package io.reco4j.data;

import io.reco4j.util.Parallel;
import java.util.Arrays;

/**
 * Coordinate entries to {@link CsrMatrix}: a stable counting sort by row, then a per-row sort by
 * column (skipped for rows that are already ascending, as in MovieLens files), then duplicate
 * resolution. Work is O(nnz) plus the per-row sorts, which run in parallel over row blocks; the
 * result does not depend on the thread count.
 */
final class CsrBuilder {
  private CsrBuilder() {}

  static CsrMatrix build(int rows, int cols, int[] rowIndex, int[] colIndex, float[] values,
      long[] times, DuplicatePolicy duplicates, int threads) {
    int n = rowIndex.length;
    if (colIndex.length != n || values.length != n || (times != null && times.length != n)) {
      throw new IllegalArgumentException("coordinate arrays differ in length");
    }
    int[] ptr = new int[rows + 1];
    for (int i = 0; i < n; i++) {
      int r = rowIndex[i];
      int c = colIndex[i];
      if (r < 0 || r >= rows || c < 0 || c >= cols) {
        throw new IllegalArgumentException(
            "entry " + i + " at (" + r + "," + c + ") outside " + rows + "x" + cols);
      }
      ptr[r + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      ptr[r + 1] += ptr[r];
    }
    int[] fill = Arrays.copyOf(ptr, rows);
    int[] col = new int[n];
    float[] val = new float[n];
    long[] time = times != null ? new long[n] : null;
    for (int i = 0; i < n; i++) {
      int q = fill[rowIndex[i]]++;
      col[q] = colIndex[i];
      val[q] = values[i];
      if (time != null) {
        time[q] = times[i];
      }
    }
    return sortRows(rows, cols, ptr, col, val, time, duplicates, threads);
  }

  /**
   * Sorts each row of row-grouped arrays by column (stable: input order breaks ties) and resolves
   * duplicates; rows already strictly ascending are left alone. Arrays are reused when nothing
   * merged.
   */
  static CsrMatrix sortRows(int rows, int cols, int[] ptr, int[] col, float[] val, long[] time,
      DuplicatePolicy duplicates, int threads) {
    int[] newLen = new int[rows];
    boolean[] shrank = new boolean[1];
    int grain = Math.max(1024, rows / (Parallel.resolve(threads) * 8 + 1));
    Parallel.forRange(threads, rows, grain, (from, to) -> {
      long[] keys = new long[0];
      boolean anyShrink = false;
      for (int r = from; r < to; r++) {
        int s = ptr[r];
        int e = ptr[r + 1];
        if (isStrictlyAscending(col, s, e)) {
          newLen[r] = e - s;
          continue;
        }
        int len = e - s;
        if (keys.length < len) {
          keys = new long[Math.max(len, keys.length * 2)];
        }
        for (int k = 0; k < len; k++) {
          keys[k] = ((long) col[s + k] << 32) | k;
        }
        Arrays.sort(keys, 0, len);
        int m = mergeRow(r, s, len, keys, col, val, time, duplicates);
        newLen[r] = m;
        anyShrink |= m != len;
      }
      if (anyShrink) {
        synchronized (shrank) {
          shrank[0] = true;
        }
      }
    });
    if (!shrank[0]) {
      return new CsrMatrix(rows, cols, ptr, col, val, time != null ? Timestamps.of(time) : null,
          false);
    }
    int[] outPtr = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      outPtr[r + 1] = outPtr[r] + newLen[r];
    }
    int nnz = outPtr[rows];
    int[] outCol = new int[nnz];
    float[] outVal = new float[nnz];
    long[] outTime = time != null ? new long[nnz] : null;
    for (int r = 0; r < rows; r++) {
      System.arraycopy(col, ptr[r], outCol, outPtr[r], newLen[r]);
      System.arraycopy(val, ptr[r], outVal, outPtr[r], newLen[r]);
      if (time != null) {
        System.arraycopy(time, ptr[r], outTime, outPtr[r], newLen[r]);
      }
    }
    return new CsrMatrix(rows, cols, outPtr, outCol, outVal,
        outTime != null ? Timestamps.of(outTime) : null, false);
  }

  private static boolean isStrictlyAscending(int[] col, int s, int e) {
    for (int p = s + 1; p < e; p++) {
      if (col[p] <= col[p - 1]) {
        return false;
      }
    }
    return true;
  }

  /** Rewrites row segment [s, s+len) in sorted order with duplicates merged; returns new length. */
  private static int mergeRow(int row, int s, int len, long[] keys, int[] col, float[] val,
      long[] time, DuplicatePolicy policy) {
    int[] c = new int[len];
    float[] v = new float[len];
    long[] t = time != null ? new long[len] : null;
    int m = 0;
    int count = 0; // entries merged into the current output slot
    for (int k = 0; k < len; k++) {
      int local = (int) keys[k];
      int cc = (int) (keys[k] >>> 32);
      float vv = val[s + local];
      long tt = time != null ? time[s + local] : 0;
      if (m > 0 && c[m - 1] == cc) {
        count++;
        switch (policy) {
          case LAST -> {
            v[m - 1] = vv;
            if (t != null) {
              t[m - 1] = tt;
            }
          }
          case FIRST -> { }
          case SUM, MEAN -> {
            v[m - 1] += vv;
            if (t != null) {
              t[m - 1] = Math.max(t[m - 1], tt);
            }
          }
          case ERROR -> throw new DuplicateEntryException(row, cc);
          default -> throw new AssertionError(policy);
        }
        if (policy == DuplicatePolicy.MEAN && (k + 1 == len || (int) (keys[k + 1] >>> 32) != cc)) {
          v[m - 1] /= count;
        }
      } else {
        c[m] = cc;
        v[m] = vv;
        if (t != null) {
          t[m] = tt;
        }
        m++;
        count = 1;
      }
    }
    System.arraycopy(c, 0, col, s, m);
    System.arraycopy(v, 0, val, s, m);
    if (t != null) {
      System.arraycopy(t, 0, time, s, m);
    }
    return m;
  }
}
