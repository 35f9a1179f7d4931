package io.reco4j.linalg;

/**
 * Per-row solvers of the implicit-feedback least-squares problem of Hu, Koren and Volinsky
 * ("Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008, eq. 4): for one user (or
 * item) with entries {@code i} of confidence c<sub>i</sub> = 1 + w<sub>i</sub>, the vector x
 * minimising
 *
 * <pre>
 *   Σ<sub>all i</sub> c<sub>i</sub> (p<sub>i</sub> − x·y<sub>i</sub>)² + λ ‖x‖²,   p<sub>i</sub> = 1 on entries, 0 elsewhere,
 * </pre>
 *
 * solves (Y<sup>T</sup>Y + Σ<sub>entries</sub> w<sub>i</sub> y<sub>i</sub> y<sub>i</sub><sup>T</sup> + λI) x
 * = Σ<sub>entries</sub> c<sub>i</sub> y<sub>i</sub>. Y<sup>T</sup>Y ({@link Gram}) is shared by all
 * rows; the sparse correction touches only the row's entries.
 *
 * <p>{@link #conjugateGradient} follows Takács, Pilászy and Tikk ("Applications of the conjugate
 * gradient method for implicit feedback collaborative filtering", RecSys 2011): a few CG steps
 * warm-started from the previous x, applying A as matrix–vector products (Gram times p, plus
 * Σ w<sub>i</sub> (y<sub>i</sub>·p) y<sub>i</sub>) without ever forming the per-row matrix. Cost per
 * row: (steps + 1) · (4 f · nnz<sub>row</sub> + 2 f²) flops. {@link #cholesky} forms A and solves
 * exactly in double precision: nnz<sub>row</sub> · f² + f³/3 flops.
 *
 * <p>Both are pure functions of their inputs (no shared state, fixed summation order) and allocate
 * nothing: callers pass scratch arrays.
 */
public final class ImplicitLeastSquares {
  private ImplicitLeastSquares() {}

  /**
   * Improves {@code x[xOff .. xOff+f)} in place by up to {@code steps} conjugate-gradient steps.
   *
   * @param gram Y<sup>T</sup>Y, {@code f × f} row-major
   * @param lambda the row's regularisation λ (added to the diagonal)
   * @param y the fixed factors, row-major, {@code f} per row
   * @param cols the column (row of {@code y}) of every entry
   * @param w the confidence excess c − 1 of every entry, aligned with {@code cols}
   * @param from first entry of the row in {@code cols}/{@code w}
   * @param to one past the last entry
   * @param scratch length at least {@code 3 f}
   */
  public static void conjugateGradient(float[] gram, float lambda, float[] y, int f, int[] cols,
      float[] w, int from, int to, float[] x, int xOff, int steps, float[] scratch) {
    final int r = 0;
    final int p = f;
    final int ap = 2 * f;
    // r = b − A x = Σ (c_i − w_i (y_i·x)) y_i − (G + λI) x
    for (int a = 0; a < f; a++) {
      scratch[r + a] = -(Vectors.dot(gram, a * f, x, xOff, f) + lambda * x[xOff + a]);
    }
    for (int e = from; e < to; e++) {
      int yi = cols[e] * f;
      float we = w[e];
      float coef = 1f + we;
      if (we != 0f) {
        coef -= we * Vectors.dot(y, yi, x, xOff, f);
      }
      Vectors.axpy(coef, y, yi, scratch, r, f);
    }
    System.arraycopy(scratch, r, scratch, p, f);
    float rsOld = Vectors.dot(scratch, r, scratch, r, f);
    for (int s = 0; s < steps; s++) {
      if (!(rsOld > 1e-20f)) {
        break;
      }
      // ap = (G + λI) p + Σ w_i (y_i·p) y_i
      for (int a = 0; a < f; a++) {
        scratch[ap + a] = Vectors.dot(gram, a * f, scratch, p, f) + lambda * scratch[p + a];
      }
      for (int e = from; e < to; e++) {
        float we = w[e];
        if (we != 0f) {
          int yi = cols[e] * f;
          Vectors.axpy(we * Vectors.dot(y, yi, scratch, p, f), y, yi, scratch, ap, f);
        }
      }
      float pAp = Vectors.dot(scratch, p, scratch, ap, f);
      if (!(pAp > 0f)) {
        break;
      }
      float alpha = rsOld / pAp;
      Vectors.axpy(alpha, scratch, p, x, xOff, f);
      Vectors.axpy(-alpha, scratch, ap, scratch, r, f);
      float rsNew = Vectors.dot(scratch, r, scratch, r, f);
      float beta = rsNew / rsOld;
      for (int a = 0; a < f; a++) {
        scratch[p + a] = scratch[r + a] + beta * scratch[p + a];
      }
      rsOld = rsNew;
    }
  }

  /**
   * Writes the exact solution into {@code x[xOff .. xOff+f)} by Cholesky factorisation in double
   * precision. Parameters as {@link #conjugateGradient}; {@code a} has length at least
   * {@code f * f} and {@code b} at least {@code f}.
   *
   * @return false when the system is not positive definite (λ = 0 and too few entries); x is then
   *     set to zero
   */
  public static boolean cholesky(float[] gram, float lambda, float[] y, int f, int[] cols,
      float[] w, int from, int to, float[] x, int xOff, double[] a, double[] b) {
    for (int i = 0; i < f; i++) {
      int ri = i * f;
      for (int j = 0; j <= i; j++) {
        a[ri + j] = gram[ri + j];
      }
      a[ri + i] += lambda;
      b[i] = 0;
    }
    for (int e = from; e < to; e++) {
      int yi = cols[e] * f;
      double we = w[e];
      double c = 1.0 + we;
      for (int i = 0; i < f; i++) {
        double v = y[yi + i];
        b[i] += c * v;
        if (we != 0) {
          double wv = we * v;
          int ri = i * f;
          for (int j = 0; j <= i; j++) {
            a[ri + j] += wv * y[yi + j];
          }
        }
      }
    }
    if (!Cholesky.factor(a, f)) {
      java.util.Arrays.fill(x, xOff, xOff + f, 0f);
      return false;
    }
    Cholesky.solve(a, f, b);
    for (int i = 0; i < f; i++) {
      x[xOff + i] = (float) b[i];
    }
    return true;
  }
}
