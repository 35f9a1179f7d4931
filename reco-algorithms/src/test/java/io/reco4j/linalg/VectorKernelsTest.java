package io.reco4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both kernel providers against naive double-precision references on seeded random data, at
 * lengths around the vector width (tails, exact multiples, shorter than one vector).
 */
class VectorKernelsTest {
  private static final int[] LENGTHS = {1, 3, 7, 8, 10, 15, 16, 17, 31, 32, 33, 64, 100, 128, 131};

  static List<VectorKernels> providers() {
    List<VectorKernels> l = new ArrayList<>();
    l.add(VectorKernels.scalar());
    VectorKernels.vectorized().ifPresent(l::add);
    return l;
  }

  private static float[] random(SplittableRandom rnd, int n) {
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = (float) rnd.nextGaussian();
    }
    return a;
  }

  @Test
  void theVectorProviderIsActiveWheneverTheModuleIsPresentAndNotDisabled() {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    boolean disabled = "false".equalsIgnoreCase(System.getProperty(VectorKernels.PROPERTY));
    assertThat(VectorKernels.vectorized().isPresent()).isEqualTo(module);
    if (module && !disabled) {
      assertThat(VectorKernels.provider().name()).startsWith("panama-");
    } else {
      assertThat(VectorKernels.provider().name()).isEqualTo("scalar");
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void dotAndAxpyMatchADoubleReference(VectorKernels k) {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int n : LENGTHS) {
      float[] a = random(rnd, n + 5);
      float[] b = random(rnd, n + 3);
      double ref = 0;
      for (int i = 0; i < n; i++) {
        ref += (double) a[i + 5] * b[i + 3];
      }
      assertThat((double) k.dot(a, 5, b, 3, n)).as("dot n=%d", n).isCloseTo(ref, within(1e-4 * n));
      float[] y = b.clone();
      k.axpy(0.75f, a, 5, y, 3, n);
      for (int i = 0; i < n + 3; i++) {
        double want = i < 3 ? b[i] : b[i] + 0.75 * a[i + 2];
        assertThat((double) y[i]).as("axpy n=%d i=%d", n, i).isCloseTo(want, within(1e-5));
      }
      double[] xd = new double[n + 2];
      double[] yd = new double[n + 2];
      for (int i = 0; i < n + 2; i++) {
        xd[i] = rnd.nextGaussian();
        yd[i] = rnd.nextGaussian();
      }
      double[] y0 = yd.clone();
      k.axpy(-1.5, xd, 1, yd, 2, n);
      for (int i = 0; i < n + 2; i++) {
        double want = i < 2 ? y0[i] : y0[i] - 1.5 * xd[i - 1];
        assertThat(yd[i]).as("daxpy n=%d i=%d", n, i).isCloseTo(want, within(1e-12));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void gramAccumulateMatchesADoubleReferenceOnTheUpperTriangle(VectorKernels k) {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int f : LENGTHS) {
      int rows = 9; // four-row groups plus a remainder
      float[] y = random(rnd, (rows + 2) * f);
      float[] g = random(rnd, f * f);
      float[] g0 = g.clone();
      k.gramAccumulate(y, 2, 2 + rows, f, g);
      for (int a = 0; a < f; a++) {
        for (int c = a; c < f; c++) {
          double s = g0[a * f + c];
          for (int r = 2; r < 2 + rows; r++) {
            s += (double) y[r * f + a] * y[r * f + c];
          }
          assertThat((double) g[a * f + c]).as("f=%d (%d,%d)", f, a, c).isCloseTo(s, within(1e-4));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void symmetricProductAndSgdUpdateMatchADoubleReference(VectorKernels k) {
    SplittableRandom rnd = new SplittableRandom(13);
    for (int f : LENGTHS) {
      float[] m = random(rnd, f * f);
      float[] g = new float[f * f];
      for (int a = 0; a < f; a++) {
        for (int c = 0; c < f; c++) {
          g[a * f + c] = m[a * f + c] + m[c * f + a];
        }
      }
      float[] v = random(rnd, f + 1);
      float[] out = new float[f + 2];
      k.symmetricProduct(g, 0.3f, v, 1, f, out, 2);
      for (int a = 0; a < f; a++) {
        double s = 0.3 * v[1 + a];
        for (int c = 0; c < f; c++) {
          s += (double) g[a * f + c] * v[1 + c];
        }
        assertThat((double) out[2 + a]).as("f=%d a=%d", f, a).isCloseTo(s, within(1e-4 * f));
      }
      float[] p = random(rnd, 2 * f);
      float[] q = random(rnd, 3 * f);
      float[] p0 = p.clone();
      float[] q0 = q.clone();
      k.sgdUpdate(0.99f, 0.02f, p, f, q, 2 * f, f);
      for (int x = 0; x < f; x++) {
        assertThat((double) p[f + x]).isCloseTo(0.99 * p0[f + x] + 0.02 * q0[2 * f + x],
            within(1e-6));
        assertThat((double) q[2 * f + x]).isCloseTo(0.99 * q0[2 * f + x] + 0.02 * p0[f + x],
            within(1e-6));
        assertThat(p[x]).isEqualTo(p0[x]);
      }
    }
  }

  /** Many CG steps from zero reach the exact solution of the row's system (Cholesky, double). */
  @ParameterizedTest
  @MethodSource("providers")
  void conjugateGradientConvergesToTheExactRowSolution(VectorKernels k) {
    SplittableRandom rnd = new SplittableRandom(17);
    for (int f : new int[] {3, 10, 16, 17, 32, 40}) {
      int items = 60;
      float[] y = random(rnd, items * f);
      for (int i = 0; i < y.length; i++) {
        y[i] *= 0.3f;
      }
      float[] gram = new float[f * f];
      Gram.compute(k, y, items, f, gram, 1);
      for (int n : new int[] {1, 5, 23}) {
        int[] cols = new int[n + 2];
        float[] w = new float[n + 2];
        for (int e = 0; e < n + 2; e++) {
          cols[e] = rnd.nextInt(items);
          w[e] = 1f + 4f * (float) rnd.nextDouble();
        }
        float[] exact = new float[f];
        ImplicitLeastSquares.cholesky(gram, 0.5f, y, f, cols, w, 2, 2 + n, exact, 0,
            new double[f * f], new double[f]);
        float[] x = new float[f + 1];
        float[] scratch = new float[ImplicitLeastSquares.cgScratchSize(f, n)];
        k.conjugateGradient(gram, 0.5f, y, f, cols, w, 2, 2 + n, x, 1, 3 * f, scratch);
        for (int a = 0; a < f; a++) {
          assertThat((double) x[1 + a]).as("%s f=%d n=%d a=%d", k.name(), f, n, a)
              .isCloseTo(exact[a], within(2e-3));
        }
      }
    }
  }

  /** Three warm-started steps: both providers agree to float rounding, not bit for bit. */
  @Test
  void providersAgreeOnAFewCgStepsWithinRounding() {
    VectorKernels v = VectorKernels.vectorized().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(v != null, "jdk.incubator.vector not present");
    SplittableRandom rnd = new SplittableRandom(19);
    int f = 64;
    int items = 200;
    float[] y = random(rnd, items * f);
    float[] gram = new float[f * f];
    Gram.compute(VectorKernels.scalar(), y, items, f, gram, 1);
    int n = 50;
    int[] cols = new int[n];
    float[] w = new float[n];
    for (int e = 0; e < n; e++) {
      cols[e] = rnd.nextInt(items);
      w[e] = 2f;
    }
    float[] x0 = random(rnd, f);
    float[] xs = x0.clone();
    float[] xv = x0.clone();
    float[] scratch = new float[ImplicitLeastSquares.cgScratchSize(f, n)];
    VectorKernels.scalar().conjugateGradient(gram, 1f, y, f, cols, w, 0, n, xs, 0, 3, scratch);
    v.conjugateGradient(gram, 1f, y, f, cols, w, 0, n, xv, 0, 3, scratch);
    for (int a = 0; a < f; a++) {
      assertThat((double) xv[a]).isCloseTo(xs[a], within(1e-3 * (1 + Math.abs(xs[a]))));
    }
  }

  /**
   * Rank-1 normal equations against a double reference: dims around the lane count (with and
   * without the constant coordinate), rows that end the factor array, block boundaries, weights
   * or none, added onto existing values.
   */
  @ParameterizedTest
  @MethodSource("providers")
  void normalEquationsMatchADoubleReference(VectorKernels k) {
    SplittableRandom rnd = new SplittableRandom(23);
    for (int f : new int[] {1, 3, 7, 9, 10, 15, 16, 20}) {
      int items = 40;
      float[] y = random(rnd, items * f);
      for (int n : new int[] {1, 5, 255, 256, 257, 700}) {
        int[] cols = new int[n + 3];
        float[] w = new float[n + 3];
        float[] c = random(rnd, n + 4);
        for (int e = 0; e < n + 3; e++) {
          cols[e] = e % 7 == 0 ? items - 1 : rnd.nextInt(items); // the last row often
          w[e] = 4f * (float) rnd.nextDouble();
        }
        for (boolean one : new boolean[] {false, true}) {
          for (boolean weighted : new boolean[] {false, true}) {
            int dim = f + (one ? 1 : 0);
            double[] a = new double[dim * dim];
            double[] b = new double[dim];
            for (int i = 0; i < dim; i++) {
              a[i * dim + i] = 1.5;
              b[i] = -0.5;
            }
            double[] ra = a.clone();
            double[] rb = b.clone();
            float[] ww = weighted ? w : null;
            k.normalEquations(y, 0, f, f, one, cols, 3, 3 + n, ww, c, 1, 0.25f, a, b);
            ScalarKernels.normalEquationsReference(y, 0, f, f, one, cols, 3, 3 + n, ww, c, 1,
                0.25f, ra, rb);
            for (int i = 0; i < dim; i++) {
              assertThat(b[i]).as("%s b f=%d n=%d one=%s w=%s i=%d", k.name(), f, n, one,
                  weighted, i).isCloseTo(rb[i], within(1e-5 * n + 1e-5));
              for (int j = 0; j < dim; j++) {
                assertThat(a[i * dim + j]).as("%s a f=%d n=%d one=%s w=%s (%d,%d)", k.name(), f,
                    n, one, weighted, i, j).isCloseTo(ra[i * dim + j], within(1e-5 * n + 1e-5));
              }
            }
          }
        }
      }
    }
  }

  /** The formed-matrix CG takes the same steps as the sparse CG, to float rounding. */
  @Test
  void denseConjugateGradientMatchesTheSparseOne() {
    SplittableRandom rnd = new SplittableRandom(29);
    for (int f : new int[] {4, 10, 16}) {
      int items = 80;
      float[] y = random(rnd, items * f);
      for (int i = 0; i < y.length; i++) {
        y[i] *= 0.3f;
      }
      float[] gram = new float[f * f];
      Gram.compute(VectorKernels.scalar(), y, items, f, gram, 1);
      for (int n : new int[] {1, 9, 300}) {
        int[] cols = new int[n];
        float[] w = new float[n];
        for (int e = 0; e < n; e++) {
          cols[e] = rnd.nextInt(items);
          w[e] = 3f * (float) rnd.nextDouble();
        }
        float[] x0 = random(rnd, f);
        float[] xs = x0.clone();
        float[] xd = x0.clone();
        float[] scratch = new float[ImplicitLeastSquares.cgScratchSize(f, n)];
        VectorKernels.scalar().conjugateGradient(gram, 2f, y, f, cols, w, 0, n, xs, 0, 3,
            scratch);
        ImplicitLeastSquares.denseConjugateGradient(gram, 2f, y, f, cols, w, 0, n, xd, 0, 3,
            new double[f * f], new double[4 * f]);
        for (int a = 0; a < f; a++) {
          assertThat((double) xd[a]).as("f=%d n=%d a=%d", f, n, a)
              .isCloseTo(xs[a], within(1e-3 * (1 + Math.abs(xs[a]))));
        }
      }
    }
  }

  /** Padded rows (with the constant coordinate stored in the row) give the same equations. */
  @ParameterizedTest
  @MethodSource("providers")
  void normalEquationsOnPaddedRowsEqualThoseOnPlainRows(VectorKernels k) {
    SplittableRandom rnd = new SplittableRandom(31);
    for (int f : new int[] {2, 10, 15}) {
      int items = 50;
      float[] y = random(rnd, items * f);
      int n = 300;
      int[] cols = new int[n];
      float[] w = new float[n];
      float[] c = random(rnd, n);
      for (int e = 0; e < n; e++) {
        cols[e] = e % 5 == 0 ? items - 1 : rnd.nextInt(items);
        w[e] = 2f * (float) rnd.nextDouble();
      }
      for (boolean one : new boolean[] {false, true}) {
        int dim = f + (one ? 1 : 0);
        float[] p = PaddedRows.copy(y, items, f, one);
        double[] a = new double[dim * dim];
        double[] b = new double[dim];
        double[] pa = new double[dim * dim];
        double[] pb = new double[dim];
        k.normalEquations(y, 0, f, f, one, cols, 0, n, w, c, 0, 1f, a, b);
        k.normalEquations(p, PaddedRows.offset(), PaddedRows.STRIDE, dim, false, cols, 0, n, w,
            c, 0, 1f, pa, pb);
        assertThat(pa).as("%s f=%d one=%s", k.name(), f, one).containsExactly(a);
        assertThat(pb).as("%s f=%d one=%s", k.name(), f, one).containsExactly(b);
      }
    }
  }
}
