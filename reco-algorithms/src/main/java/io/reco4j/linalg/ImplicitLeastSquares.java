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
 * exactly in double precision: nnz<sub>row</sub> · f² + f³/3 flops. For f up to the vector
 * width ({@link #formsMatrix}) the matrix is formed for both by rank-1 updates
 * ({@link VectorKernels#normalEquations}) and {@link #denseConjugateGradient} takes the same CG
 * steps on it: nnz<sub>row</sub> · f² + (steps + 1) · 2 f² flops, one load per entry.
 *
 * <p>Both are pure functions of their inputs (no shared state, fixed summation order) and allocate
 * nothing: callers pass scratch arrays.
 */
public final class ImplicitLeastSquares {
  private ImplicitLeastSquares() {}

  /** The scratch length {@link #conjugateGradient} needs for a row of {@code nnz} entries. */
  public static int cgScratchSize(int f, int nnz) {
    // for f below the lane count (at most 16) the vector kernels transpose the row's vectors,
    // padding nnz to whole vectors, plus weights, coefficients and two padded vectors
    int padded = (nnz + 15) / 16 * 16;
    return Math.max(3 * f + nnz * (2 * f + 1), (Math.min(f, 16) + 2) * padded + 32);
  }

  /**
   * Improves {@code x[xOff .. xOff+f)} in place by up to {@code steps} conjugate-gradient steps,
   * with the kernels of {@link VectorKernels#provider()}.
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
    VectorKernels.provider().conjugateGradient(gram, lambda, y, f, cols, w, from, to, x, xOff,
        steps, scratch);
  }

  /**
   * Whether, at {@code f} factors, the active kernels form each row's matrix A and right-hand
   * side b by rank-1 updates ({@link VectorKernels#normalEquations}); the trainer then solves
   * with {@link #denseConjugateGradient} instead of {@link #conjugateGradient}.
   */
  public static boolean formsMatrix(int f) {
    return f <= VectorKernels.provider().normalEquationsMaxDim();
  }

  /**
   * a = Y<sup>T</sup>Y + λI + Σ w<sub>e</sub> y<sub>e</sub> y<sub>e</sub><sup>T</sup> (both
   * triangles, {@code f × f}) and b = Σ c<sub>e</sub> y<sub>e</sub>, in double.
   */
  private static void formMatrix(float[] gram, float lambda, float[] y, int yOff, int stride,
      int f, int[] cols,
      float[] w, int from, int to, double[] a, double[] b) {
    for (int i = 0; i < f * f; i++) {
      a[i] = gram[i];
    }
    for (int i = 0; i < f; i++) {
      a[i * f + i] += lambda;
      b[i] = 0;
    }
    VectorKernels.provider().normalEquations(y, yOff, stride, f, false, cols, from, to, w, w,
        from, 1f, a, b);
  }

  /**
   * The same conjugate-gradient steps as {@link #conjugateGradient} (warm-started from x, same
   * stopping rules), on the row's matrix formed explicitly ({@link #formsMatrix}): cheaper when
   * f is small, since each step then costs f² instead of a pass over the row's entries. Works in
   * double precision; {@code a} holds at least f², {@code work} at least 4 f.
   */
  public static void denseConjugateGradient(float[] gram, float lambda, float[] y, int f,
      int[] cols, float[] w, int from, int to, float[] x, int xOff, int steps, double[] a,
      double[] work) {
    denseConjugateGradient(gram, lambda, y, 0, f, f, cols, w, from, to, x, xOff, steps, a, work);
  }

  /**
   * {@link #denseConjugateGradient(float[], float, float[], int, int[], float[], int, int,
   * float[], int, int, double[], double[])} with the fixed factors at {@code y[yOff + row·stride
   * ..)} ({@code stride ≥ f}: padded rows, see {@link PaddedRows}).
   */
  public static void denseConjugateGradient(float[] gram, float lambda, float[] y, int yOff,
      int stride, int f, int[] cols, float[] w, int from, int to, float[] x, int xOff, int steps,
      double[] a, double[] work) {
    final int r = 0;
    final int p = f;
    final int ap = 2 * f;
    final int xs = 3 * f;
    formMatrix(gram, lambda, y, yOff, stride, f, cols, w, from, to, a, work); // b lands in r
    for (int i = 0; i < f; i++) {
      work[xs + i] = x[xOff + i];
    }
    // r = b − A x
    for (int i = 0; i < f; i++) {
      double s = 0;
      int ri = i * f;
      for (int j = 0; j < f; j++) {
        s += a[ri + j] * work[xs + j];
      }
      work[r + i] -= s;
    }
    double rsOld = 0;
    for (int i = 0; i < f; i++) {
      work[p + i] = work[r + i];
      rsOld += work[r + i] * work[r + i];
    }
    for (int st = 0; st < steps; st++) {
      if (!(rsOld > 1e-20)) {
        break;
      }
      double pAp = 0;
      for (int i = 0; i < f; i++) {
        double s = 0;
        int ri = i * f;
        for (int j = 0; j < f; j++) {
          s += a[ri + j] * work[p + j];
        }
        work[ap + i] = s;
        pAp += work[p + i] * s;
      }
      if (!(pAp > 0)) {
        break;
      }
      double alpha = rsOld / pAp;
      double rsNew = 0;
      for (int i = 0; i < f; i++) {
        work[xs + i] += alpha * work[p + i];
        double ri = work[r + i] - alpha * work[ap + i];
        work[r + i] = ri;
        rsNew += ri * ri;
      }
      double beta = rsNew / rsOld;
      for (int i = 0; i < f; i++) {
        work[p + i] = work[r + i] + beta * work[p + i];
      }
      rsOld = rsNew;
    }
    for (int i = 0; i < f; i++) {
      x[xOff + i] = (float) work[xs + i];
    }
  }

  /** Per-thread gather buffer of {@link #cholesky}; grows to the longest row seen. */
  private static final ThreadLocal<float[]> GATHER = ThreadLocal.withInitial(() -> new float[1024]);

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
    return cholesky(gram, lambda, y, 0, f, f, cols, w, from, to, x, xOff, a, b);
  }

  /**
   * {@link #cholesky(float[], float, float[], int, int[], float[], int, int, float[], int,
   * double[], double[])} with the fixed factors at {@code y[yOff + row·stride ..)}; a stride other
   * than f only when {@link #formsMatrix}.
   */
  public static boolean cholesky(float[] gram, float lambda, float[] y, int yOff, int stride,
      int f, int[] cols, float[] w, int from, int to, float[] x, int xOff, double[] a,
      double[] b) {
    if (formsMatrix(f)) {
      formMatrix(gram, lambda, y, yOff, stride, f, cols, w, from, to, a, b);
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
    for (int i = 0; i < f; i++) {
      int ri = i * f;
      for (int j = 0; j <= i; j++) {
        a[ri + j] = gram[ri + j];
      }
      a[ri + i] += lambda;
      b[i] = 0;
    }
    // the sparse correction Σ w_e y_e y_eᵀ and b = Σ c_e y_e as dot products along the row, over
    // the entries' vectors gathered transposed (long vectorisable loops even when f is small)
    int n = to - from;
    float[] g = GATHER.get();
    int need = (2 * f + 1) * n;
    if (g.length < need) {
      g = new float[Math.max(need, g.length * 2)];
      GATHER.set(g);
    }
    int wyOff = f * n;
    int cOff = 2 * f * n;
    for (int q = 0; q < n; q++) {
      int yi = cols[from + q] * f;
      float we = w[from + q];
      g[cOff + q] = 1f + we;
      for (int i = 0; i < f; i++) {
        float v = y[yi + i];
        g[i * n + q] = v;
        g[wyOff + i * n + q] = we * v;
      }
    }
    VectorKernels k = VectorKernels.provider();
    for (int i = 0; i < f; i++) {
      int ri = i * f;
      for (int j = 0; j <= i; j++) {
        a[ri + j] += k.dot(g, wyOff + i * n, g, j * n, n);
      }
      b[i] = k.dot(g, i * n, g, cOff, n);
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
