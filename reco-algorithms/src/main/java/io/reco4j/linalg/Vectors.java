package io.reco4j.linalg;

/**
 * Dense vector kernels on slices of flat {@code float[]} arrays (row-major factor matrices).
 * Reductions use a fixed order (four interleaved partial sums combined as (s0+s1)+(s2+s3), then
 * the tail), so a result depends only on the inputs, never on threads or call sites.
 */
public final class Vectors {
  private Vectors() {}

  /** {@code sum_k a[aOff+k] * b[bOff+k]} for {@code k < n}. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += a[aOff + k] * b[bOff + k];
      s1 += a[aOff + k + 1] * b[bOff + k + 1];
      s2 += a[aOff + k + 2] * b[bOff + k + 2];
      s3 += a[aOff + k + 3] * b[bOff + k + 3];
    }
    float s = (s0 + s1) + (s2 + s3);
    for (; k < n; k++) {
      s += a[aOff + k] * b[bOff + k];
    }
    return s;
  }

  /** {@code y[yOff+k] += alpha * x[xOff+k]} for {@code k < n}. */
  public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int k = 0; k < n; k++) {
      y[yOff + k] += alpha * x[xOff + k];
    }
  }

  /** {@code x[off+k] *= alpha} for {@code k < n}. */
  public static void scale(float alpha, float[] x, int off, int n) {
    for (int k = 0; k < n; k++) {
      x[off + k] *= alpha;
    }
  }
}
