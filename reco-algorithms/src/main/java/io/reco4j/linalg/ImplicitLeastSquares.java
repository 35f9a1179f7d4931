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
 * row: (steps + 1) · (4 f · nnz<sub>row</sub> + 2 f²) flops, plus one gather of the row's item
 * vectors (2 f · nnz<sub>row</sub> copies). {@link #cholesky} forms A and solves
 * exactly in double precision: nnz<sub>row</sub> · f² + f³/3 flops.
 *
 * <p>Both are pure functions of their inputs (no shared state, fixed summation order) and allocate
 * nothing: callers pass scratch arrays.
 */
public final class ImplicitLeastSquares {
  private static final int TILE = 16;

  private ImplicitLeastSquares() {}

  /** The scratch length {@link #conjugateGradient} needs for a row of {@code nnz} entries. */
  public static int cgScratchSize(int f, int nnz) {
    return 3 * f + nnz * (2 * f + 1);
  }

  /**
   * Improves {@code x[xOff .. xOff+f)} in place by up to {@code steps} conjugate-gradient steps.
   *
   * <p>Every product is written as a sum of scaled rows (axpy), which the JIT vectorises, rather
   * than as dot products, which it does not: the row's item vectors are first gathered into
   * scratch, row-major (n × f, so the random rows of {@code y} are read once) and transposed
   * (f × n), so Y<sub>u</sub>p = Σ<sub>k</sub> p<sub>k</sub> (row k of the
   * transpose), Y<sub>u</sub><sup>T</sup>d = Σ<sub>e</sub> d<sub>e</sub> y<sub>e</sub>, and the
   * symmetric Gram times p = Σ<sub>k</sub> p<sub>k</sub> G<sub>k</sub>.
   *
   * @param gram Y<sup>T</sup>Y, {@code f × f} row-major (symmetric)
   * @param lambda the row's regularisation λ (added to the diagonal)
   * @param y the fixed factors, row-major, {@code f} per row
   * @param cols the column (row of {@code y}) of every entry
   * @param w the confidence excess c − 1 of every entry, aligned with {@code cols}
   * @param from first entry of the row in {@code cols}/{@code w}
   * @param to one past the last entry
   * @param scratch length at least {@link #cgScratchSize}{@code (f, to − from)}
   */
  public static void conjugateGradient(float[] gram, float lambda, float[] y, int f, int[] cols,
      float[] w, int from, int to, float[] x, int xOff, int steps, float[] scratch) {
    final int n = to - from;
    final int r = 0;
    final int p = f;
    final int ap = 2 * f;
    final int q = 3 * f; // n per-entry values
    final int rows = q + n; // n × f, the entries' vectors gathered (read y once per row)
    final int yt = rows + n * f; // f × n, the same transposed
    for (int e = 0; e < n; e++) {
      System.arraycopy(y, cols[from + e] * f, scratch, rows + e * f, f);
    }
    // transpose in tiles of TILE entries: the source tile (TILE × f) stays in L1
    for (int e0 = 0; e0 < n; e0 += TILE) {
      int e1 = Math.min(n, e0 + TILE);
      for (int k = 0; k < f; k++) {
        int dst = yt + k * n;
        for (int e = e0; e < e1; e++) {
          scratch[dst + e] = scratch[rows + e * f + k];
        }
      }
    }
    // r = b − A x = Σ (c_e − w_e (y_e·x)) y_e − (G + λI) x
    symmetricProduct(gram, lambda, x, xOff, f, scratch, r);
    transposedProduct(scratch, yt, n, f, x, xOff, scratch, q);
    for (int e = 0; e < n; e++) {
      float we = w[from + e];
      scratch[q + e] = 1f + we - we * scratch[q + e];
    }
    Vectors.scale(-1f, scratch, r, f);
    for (int e = 0; e < n; e++) {
      Vectors.axpy(scratch[q + e], scratch, rows + e * f, scratch, r, f);
    }
    System.arraycopy(scratch, r, scratch, p, f);
    float rsOld = Vectors.dot(scratch, r, scratch, r, f);
    for (int s = 0; s < steps; s++) {
      if (!(rsOld > 1e-20f)) {
        break;
      }
      // ap = (G + λI) p + Σ w_e (y_e·p) y_e
      symmetricProduct(gram, lambda, scratch, p, f, scratch, ap);
      transposedProduct(scratch, yt, n, f, scratch, p, scratch, q);
      for (int e = 0; e < n; e++) {
        float c = w[from + e] * scratch[q + e];
        if (c != 0f) {
          Vectors.axpy(c, scratch, rows + e * f, scratch, ap, f);
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

  /** out[outOff..+f) = (G + λI) v, as Σ_k v_k G_k (G symmetric, so its rows are its columns). */
  private static void symmetricProduct(float[] gram, float lambda, float[] v, int vOff, int f,
      float[] out, int outOff) {
    for (int a = 0; a < f; a++) {
      out[outOff + a] = lambda * v[vOff + a];
    }
    for (int k = 0; k < f; k++) {
      float vk = v[vOff + k];
      if (vk != 0f) {
        Vectors.axpy(vk, gram, k * f, out, outOff, f);
      }
    }
  }

  /** out[outOff..+n) = Y_u v with Y_u stored transposed (f rows of n) at {@code yt}. */
  private static void transposedProduct(float[] t, int yt, int n, int f, float[] v, int vOff,
      float[] out, int outOff) {
    java.util.Arrays.fill(out, outOff, outOff + n, 0f);
    for (int k = 0; k < f; k++) {
      float vk = v[vOff + k];
      if (vk != 0f) {
        Vectors.axpy(vk, t, yt + k * n, out, outOff, n);
      }
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
