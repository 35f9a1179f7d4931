package io.reco4j.linalg;

/**
 * In-place Cholesky factorisation and solve of small dense symmetric positive-definite systems in
 * double precision (the per-row normal equations of ALS, {@code n ≤} a few hundred). Matrices are
 * flat row-major {@code n × n}; only the lower triangle is read and written. No allocation.
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Replaces the lower triangle of {@code a} by L with A = L L<sup>T</sup>.
   *
   * @return false when A is not (numerically) positive definite; {@code a} is then undefined
   */
  public static boolean factor(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      int rj = j * n;
      double d = a[rj + j];
      for (int k = 0; k < j; k++) {
        d -= a[rj + k] * a[rj + k];
      }
      if (!(d > 0)) {
        return false;
      }
      double ljj = Math.sqrt(d);
      a[rj + j] = ljj;
      double inv = 1.0 / ljj;
      for (int i = j + 1; i < n; i++) {
        int ri = i * n;
        double s = a[ri + j];
        for (int k = 0; k < j; k++) {
          s -= a[ri + k] * a[rj + k];
        }
        a[ri + j] = s * inv;
      }
    }
    return true;
  }

  /** Solves L L<sup>T</sup> x = b in place ({@code b} becomes x), L from {@link #factor}. */
  public static void solve(double[] l, int n, double[] b) {
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[ri + k] * b[k];
      }
      b[i] = s / l[ri + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * b[k];
      }
      b[i] = s / l[i * n + i];
    }
  }
}
