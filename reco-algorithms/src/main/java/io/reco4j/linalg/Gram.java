package io.reco4j.linalg;

import io.reco4j.util.Parallel;

/**
 * The Gram matrix Y<sup>T</sup>Y of a flat row-major factor matrix, the term shared by every row
 * of an implicit-ALS half-step (Hu, Koren, Volinsky, ICDM 2008, §4).
 *
 * <p>Rows are cut into fixed blocks of {@value #BLOCK_ROWS}; each block accumulates its partial
 * upper triangle by rank-1 updates (inner loops are contiguous and vectorise), and the partials are
 * added in block order. The result therefore depends only on {@code y}, never on the thread count.
 * Cost: {@code rows · f · (f + 1)} flops (the upper triangle, mirrored at the end).
 */
public final class Gram {
  /** Rows per block of the fixed-order reduction. */
  public static final int BLOCK_ROWS = 1024;

  private Gram() {}

  /**
   * Writes Y<sup>T</sup>Y, {@code f × f} row-major and symmetric, into {@code out}.
   *
   * @param y row-major {@code rows × f}
   * @param out length at least {@code f * f}; overwritten
   * @param threads worker threads, 0 meaning all cores
   */
  public static void compute(float[] y, int rows, int f, float[] out, int threads) {
    compute(VectorKernels.provider(), y, rows, f, out, threads);
  }

  /** {@link #compute(float[], int, int, float[], int)} with the given kernels. */
  public static void compute(VectorKernels kernels, float[] y, int rows, int f, float[] out,
      int threads) {
    int blocks = Math.max(1, (rows + BLOCK_ROWS - 1) / BLOCK_ROWS);
    float[][] partial = new float[blocks][];
    Parallel.forEachBlock(threads, blocks, b -> {
      float[] g = new float[f * f];
      int from = b * BLOCK_ROWS;
      int to = Math.min(rows, from + BLOCK_ROWS);
      kernels.gramAccumulate(y, from, to, f, g);
      partial[b] = g;
    });
    java.util.Arrays.fill(out, 0, f * f, 0f);
    for (float[] g : partial) {
      for (int k = 0; k < f * f; k++) {
        out[k] += g[k];
      }
    }
    for (int a = 0; a < f; a++) {
      for (int c = 0; c < a; c++) {
        out[a * f + c] = out[c * f + a];
      }
    }
  }
}
