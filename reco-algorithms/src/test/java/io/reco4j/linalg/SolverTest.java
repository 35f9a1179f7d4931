package io.reco4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SolverTest {

  /** Naive Gaussian elimination with partial pivoting on a full copy of A. */
  private static double[] gaussian(double[] a0, double[] b0, int n) {
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = a0[i * n + j];
      }
      a[i][n] = b0[i];
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      for (int r = c + 1; r < n; r++) {
        double m = a[r][c] / a[c][c];
        for (int k = c; k <= n; k++) {
          a[r][k] -= m * a[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = a[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  private static double[] randomSpd(int n, SplittableRandom rnd) {
    double[] m = new double[n * n];
    for (int k = 0; k < m.length; k++) {
      m[k] = rnd.nextGaussian();
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 0.5 : 0;
        for (int k = 0; k < n; k++) {
          s += m[i * n + k] * m[j * n + k];
        }
        a[i * n + j] = s;
      }
    }
    return a;
  }

  @Test
  void choleskyMatchesGaussianEliminationOnRandomSpdSystems() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int n : new int[] {1, 2, 5, 17, 64}) {
      double[] a = randomSpd(n, rnd);
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        b[i] = rnd.nextGaussian();
      }
      double[] expected = gaussian(a, b, n);
      double[] l = a.clone();
      assertThat(Cholesky.factor(l, n)).isTrue();
      double[] x = b.clone();
      Cholesky.solve(l, n, x);
      for (int i = 0; i < n; i++) {
        assertThat(x[i]).as("n=%d x[%d]", n, i)
            .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-8 * (1 + Math.abs(expected[i]))));
      }
    }
  }

  @Test
  void choleskyRejectsAnIndefiniteMatrix() {
    double[] a = {1, 2, 2, 1}; // eigenvalues 3 and -1
    assertThat(Cholesky.factor(a, 2)).isFalse();
  }

  /** A random implicit problem: item factors, a Gram matrix and one user's entries. */
  private record Problem(int f, float[] y, float[] gram, int[] cols, float[] w) {}

  private static Problem problem(int f, int items, int entries, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] y = new float[items * f];
    for (int k = 0; k < y.length; k++) {
      y[k] = (float) (rnd.nextGaussian() * 0.3);
    }
    float[] gram = new float[f * f];
    Gram.compute(y, items, f, gram, 1);
    int[] cols = new int[entries];
    float[] w = new float[entries];
    int next = 0;
    for (int e = 0; e < entries; e++) {
      next += 1 + rnd.nextInt(items / entries);
      cols[e] = next;
      w[e] = (float) (1 + rnd.nextInt(10));
    }
    return new Problem(f, y, gram, cols, w);
  }

  @Test
  void conjugateGradientConvergesToTheCholeskySolution() {
    for (int f : new int[] {8, 32, 64}) {
      Problem p = problem(f, 500, 40, f);
      float lambda = 0.5f;
      float[] exact = new float[f];
      assertThat(ImplicitLeastSquares.cholesky(p.gram(), lambda, p.y(), f, p.cols(), p.w(), 0,
          p.cols().length, exact, 0, new double[f * f], new double[f])).isTrue();
      float[] x = new float[f];
      float[] scratch = new float[ImplicitLeastSquares.cgScratchSize(f, p.cols().length)];
      // from zero, f steps reach the exact solution in exact arithmetic; allow float rounding
      ImplicitLeastSquares.conjugateGradient(p.gram(), lambda, p.y(), f, p.cols(), p.w(), 0,
          p.cols().length, x, 0, 2 * f, scratch);
      assertThat(relativeError(x, exact)).as("f=%d", f).isLessThan(1e-3);
    }
  }

  @Test
  void fewWarmStartedCgStepsReduceTheErrorEveryRound() {
    int f = 32;
    Problem p = problem(f, 400, 60, 3);
    float[] exact = new float[f];
    ImplicitLeastSquares.cholesky(p.gram(), 1f, p.y(), f, p.cols(), p.w(), 0, p.cols().length,
        exact, 0, new double[f * f], new double[f]);
    float[] x = new float[f];
    float[] scratch = new float[ImplicitLeastSquares.cgScratchSize(f, p.cols().length)];
    double err = relativeError(x, exact);
    assertThat(err).isEqualTo(1.0);
    for (int round = 0; round < 4; round++) {
      ImplicitLeastSquares.conjugateGradient(p.gram(), 1f, p.y(), f, p.cols(), p.w(), 0,
          p.cols().length, x, 0, 3, scratch);
      double e = relativeError(x, exact);
      assertThat(e).as("round %d", round).isLessThan(err);
      err = e;
    }
    assertThat(err).isLessThan(0.05);
  }

  @Test
  void choleskyRowSolvesTheFormedNormalEquations() {
    int f = 6;
    Problem p = problem(f, 50, 5, 11);
    float lambda = 0.3f;
    // form A and b naively, in double, and solve by Gaussian elimination
    double[] a = new double[f * f];
    double[] b = new double[f];
    for (int i = 0; i < f; i++) {
      for (int j = 0; j < f; j++) {
        a[i * f + j] = p.gram()[i * f + j] + (i == j ? lambda : 0);
      }
    }
    for (int e = 0; e < p.cols().length; e++) {
      int o = p.cols()[e] * f;
      for (int i = 0; i < f; i++) {
        b[i] += (1 + p.w()[e]) * p.y()[o + i];
        for (int j = 0; j < f; j++) {
          a[i * f + j] += p.w()[e] * p.y()[o + i] * p.y()[o + j];
        }
      }
    }
    double[] expected = gaussian(a, b, f);
    float[] x = new float[f];
    ImplicitLeastSquares.cholesky(p.gram(), lambda, p.y(), f, p.cols(), p.w(), 0, p.cols().length,
        x, 0, new double[f * f], new double[f]);
    for (int i = 0; i < f; i++) {
      assertThat((double) x[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void gramMatchesTheNaiveProductAndIsIdenticalForAnyThreadCount() {
    int f = 12;
    int rows = 3 * Gram.BLOCK_ROWS + 77;
    SplittableRandom rnd = new SplittableRandom(5);
    float[] y = new float[rows * f];
    for (int k = 0; k < y.length; k++) {
      y[k] = (float) rnd.nextGaussian();
    }
    float[] g1 = new float[f * f];
    float[] g2 = new float[f * f];
    float[] g4 = new float[f * f];
    Gram.compute(y, rows, f, g1, 1);
    Gram.compute(y, rows, f, g2, 2);
    Gram.compute(y, rows, f, g4, 4);
    assertThat(g2).isEqualTo(g1);
    assertThat(g4).isEqualTo(g1);
    for (int a = 0; a < f; a++) {
      for (int c = 0; c < f; c++) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
          s += (double) y[r * f + a] * y[r * f + c];
        }
        assertThat((double) g1[a * f + c]).isCloseTo(s,
            org.assertj.core.data.Offset.offset(1e-3 * Math.max(1, Math.abs(s))));
      }
    }
  }

  private static double relativeError(float[] x, float[] exact) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      num += (x[i] - exact[i]) * (double) (x[i] - exact[i]);
      den += exact[i] * (double) exact[i];
    }
    return Math.sqrt(num / den);
  }

  @Test
  void vectorsDotIsExactOnSmallIntegers() {
    float[] a = new float[13];
    float[] b = new float[13];
    Arrays.fill(a, 2f);
    for (int i = 0; i < 13; i++) {
      b[i] = i;
    }
    assertThat(Vectors.dot(a, 0, b, 0, 13)).isEqualTo(156f);
  }
}
