package io.reco4j.bench;

import io.reco4j.linalg.Gram;
import io.reco4j.linalg.ImplicitLeastSquares;
import io.reco4j.linalg.PaddedRows;
import io.reco4j.linalg.VectorKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forming and solving the per-row normal equations of ALS / iALS, {@value #ROWS} rows of
 * {@value #ENTRIES} entries each over random rows of a fixed factor matrix of {@code fixedRows}
 * rows (26,741: the items of the 20M benchmark matrix, ~1 MB at f = 10, L2-resident; 138,493:
 * its users, ~5.5 MB). Compares the rank-1 kernel ({@link VectorKernels#normalEquations}, the
 * path for f ≤ the lane count) with the previous transposed gather plus dot products, and times
 * the two production row solvers on unpadded rows ({@link ImplicitLeastSquares#cholesky} and CG:
 * the formed-matrix CG when {@link ImplicitLeastSquares#formsMatrix}, else the sparse one). Run:
 *
 * <pre>java -jar reco-bench/target/benchmarks.jar NormalEquationsBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class NormalEquationsBenchmark {
  static final int ROWS = 64;
  static final int ENTRIES = 150;

  @Param({"4", "10", "16", "32", "64"})
  int factors;

  @Param({"26741", "138493"})
  int fixedRows;

  float[] y;
  float[] padded;
  float[] gram;
  int[] cols;
  float[] w;
  float[] x;
  double[] a;
  double[] b;
  float[] transposed;
  float[] cgScratch;
  int next;

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(3);
    y = new float[fixedRows * factors];
    for (int k = 0; k < y.length; k++) {
      y[k] = (float) (0.1 * rnd.nextGaussian());
    }
    padded = factors <= PaddedRows.STRIDE ? PaddedRows.copy(y, fixedRows, factors, false) : y;
    gram = new float[factors * factors];
    Gram.compute(y, fixedRows, factors, gram, 1);
    // many rows' worth of entries, so successive ops touch different parts of y
    cols = new int[ROWS * ENTRIES * 64];
    w = new float[cols.length];
    for (int k = 0; k < cols.length; k++) {
      cols[k] = rnd.nextInt(fixedRows);
      w[k] = 10f;
    }
    x = new float[factors];
    a = new double[factors * factors];
    b = new double[4 * factors];
    transposed = new float[(2 * factors + 1) * ENTRIES];
    cgScratch = new float[ImplicitLeastSquares.cgScratchSize(factors, ENTRIES)];
  }

  private int nextBase() {
    int base = next;
    next = (next + ROWS * ENTRIES) % cols.length;
    return base;
  }

  /** The rank-1 kernel: A = Σ w y yᵀ, b = Σ (1 + w) y (f ≤ lanes; above, a double reference). */
  @Benchmark
  public double rank1() {
    VectorKernels k = VectorKernels.provider();
    int base = nextBase();
    double s = 0;
    for (int r = 0; r < ROWS; r++) {
      int from = base + r * ENTRIES;
      java.util.Arrays.fill(a, 0.0);
      java.util.Arrays.fill(b, 0.0);
      k.normalEquations(y, 0, factors, factors, false, cols, from, from + ENTRIES, w, w, from, 1f,
          a, b);
      s += a[1] + b[0];
    }
    return s;
  }

  /**
   * {@link #rank1} over the rows padded to one cache line ({@link PaddedRows}, as the trainers
   * do when it is enabled; f ≤ 16 only, else the same as {@link #rank1}).
   */
  @Benchmark
  public double rank1Padded() {
    VectorKernels k = VectorKernels.provider();
    boolean pad = padded != y;
    int off = pad ? PaddedRows.offset() : 0;
    int stride = pad ? PaddedRows.STRIDE : factors;
    int base = nextBase();
    double s = 0;
    for (int r = 0; r < ROWS; r++) {
      int from = base + r * ENTRIES;
      java.util.Arrays.fill(a, 0.0);
      java.util.Arrays.fill(b, 0.0);
      k.normalEquations(padded, off, stride, factors, false, cols, from, from + ENTRIES, w, w,
          from, 1f, a, b);
      s += a[1] + b[0];
    }
    return s;
  }

  /** The previous way: the entries gathered transposed, then f(f+1)/2 + f dot products. */
  @Benchmark
  public double transposedDots() {
    VectorKernels k = VectorKernels.provider();
    int f = factors;
    int n = ENTRIES;
    float[] g = transposed;
    int base = nextBase();
    double s = 0;
    for (int r = 0; r < ROWS; r++) {
      int from = base + r * ENTRIES;
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
      for (int i = 0; i < f; i++) {
        for (int j = 0; j <= i; j++) {
          a[i * f + j] = k.dot(g, wyOff + i * n, g, j * n, n);
        }
        b[i] = k.dot(g, i * n, g, cOff, n);
      }
      s += a[f] + b[0];
    }
    return s;
  }

  /** The production exact row solve (forms, factors, solves). */
  @Benchmark
  public float cholesky() {
    int base = nextBase();
    for (int r = 0; r < ROWS; r++) {
      int from = base + r * ENTRIES;
      ImplicitLeastSquares.cholesky(gram, 20f, y, factors, cols, w, from, from + ENTRIES, x, 0,
          a, b);
    }
    return x[0];
  }

  /** The production CG row solve, three steps warm-started. */
  @Benchmark
  public float conjugateGradient() {
    int base = nextBase();
    boolean dense = ImplicitLeastSquares.formsMatrix(factors);
    for (int r = 0; r < ROWS; r++) {
      int from = base + r * ENTRIES;
      if (dense) {
        ImplicitLeastSquares.denseConjugateGradient(gram, 20f, y, factors, cols, w, from,
            from + ENTRIES, x, 0, 3, a, b);
      } else {
        ImplicitLeastSquares.conjugateGradient(gram, 20f, y, factors, cols, w, from,
            from + ENTRIES, x, 0, 3, cgScratch);
      }
    }
    return x[0];
  }
}
