package io.reco4j.algorithms.ease;

import io.reco4j.data.CsrMatrix;
import io.reco4j.util.Parallel;
import java.util.Arrays;

/**
 * The item-item Gram matrix G = X<sup>T</sup>X of a user-item matrix X (users × items), computed
 * row by row from the sparse data without ever forming a dense X.
 *
 * <p>Row {@code i} of G (its upper part, columns {@code j >= i}) is accumulated from the users of
 * item {@code i} (the CSC, i.e. {@link CsrMatrix#transpose()}): for each such user {@code u}, in
 * ascending user order, and each of {@code u}'s items {@code j >= i}, in ascending item order,
 * {@code G[i][j] += x_ui · x_uj}. Rows are independent, so item blocks run on worker threads
 * without any reduction, and every entry is summed in the same order whatever the thread count:
 * the result is bit-identical for any {@code threads}. Work is Σ<sub>u</sub> |u|(|u|+1)/2
 * multiply-adds, half of a full outer-product sum thanks to symmetry.
 *
 * <p>Sums are in double precision; with binary input (counts) they are exact.
 */
public final class GramKernel {
  /** Rows per work block; small enough for balance (popular items make heavy rows). */
  static final int BLOCK_ROWS = 16;

  private GramKernel() {}

  /** Receives the rows of G as they are completed; called concurrently for distinct rows. */
  @FunctionalInterface
  public interface RowSink {
    /**
     * Row {@code i} of G: {@code row[j]} holds G[i][j] for {@code j} in {@code [i, n)} (other
     * entries are unspecified). The array is the caller's scratch, reused after the call returns.
     */
    void row(int i, double[] row);
  }

  /**
   * Computes the upper triangle of G = X<sup>T</sup>X row by row.
   *
   * @param x the user-item matrix (rows users, columns items)
   * @param useValues true: x_ui is the stored value; false: every stored entry counts 1
   * @param threads worker threads (0 = all cores)
   * @param sink receives each row {@code i} in {@code [0, x.cols())} exactly once
   */
  public static void upperRows(CsrMatrix x, boolean useValues, int threads, RowSink sink) {
    int n = x.cols();
    CsrMatrix xt = x.transpose();
    int[] rowPtr = x.rowPtr();
    int[] colIdx = x.colIdx();
    float[] vals = x.values();
    int[] tPtr = xt.rowPtr();
    int[] tIdx = xt.colIdx();
    float[] tVals = xt.values();
    int blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
    int t = Parallel.resolve(threads);
    // one scratch row per worker thread (the pool's threads live for this call only)
    ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[n]);
    Parallel.forEachBlock(t, blocks, b -> {
      double[] acc = scratch.get();
      int from = b * BLOCK_ROWS;
      int to = Math.min(n, from + BLOCK_ROWS);
      for (int i = from; i < to; i++) {
        for (int q = tPtr[i]; q < tPtr[i + 1]; q++) {
          int u = tIdx[q];
          int end = rowPtr[u + 1];
          // position of item i in user u's sorted row
          int p = Arrays.binarySearch(colIdx, rowPtr[u], end, i);
          if (useValues) {
            double xui = tVals[q];
            for (; p < end; p++) {
              acc[colIdx[p]] += xui * vals[p];
            }
          } else {
            for (; p < end; p++) {
              acc[colIdx[p]] += 1.0;
            }
          }
        }
        sink.row(i, acc);
        Arrays.fill(acc, i, n, 0.0);
      }
    });
  }

  /** The full symmetric G as a dense row-major {@code n × n} double array (tests, small n). */
  public static double[] dense(CsrMatrix x, boolean useValues, int threads) {
    int n = x.cols();
    double[] g = new double[Math.multiplyExact(n, n)];
    upperRows(x, useValues, threads, (i, row) -> {
      for (int j = i; j < n; j++) {
        g[i * n + j] = row[j];
      }
    });
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        g[j * n + i] = g[i * n + j];
      }
    }
    return g;
  }
}
