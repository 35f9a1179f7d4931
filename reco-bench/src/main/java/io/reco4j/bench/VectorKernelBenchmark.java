package io.reco4j.bench;

import io.reco4j.linalg.Vectors;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * Scalar (production {@link Vectors}, and an 8-accumulator variant) against
 * {@code jdk.incubator.vector} for the two iALS kernels: the sparse CG correction (for each of a
 * row's entries, {@code d = y_i·p} then {@code ap += w d y_i}) and the Gram rank-1 updates
 * (upper triangle). Each op covers {@value #ROWS} rows. Run:
 *
 * <pre>java -jar reco-bench/target/benchmarks.jar VectorKernelBenchmark</pre>
 *
 * The fork adds {@code --add-modules jdk.incubator.vector}; nothing in production uses it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class VectorKernelBenchmark {
  static final int ROWS = 256;
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  @Param({"32", "64", "128"})
  int factors;

  float[] y;
  int[] cols;
  float[] p;
  float[] ap;
  float[] gram;

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(1);
    int items = 4096;
    y = new float[items * factors];
    for (int k = 0; k < y.length; k++) {
      y[k] = (float) rnd.nextGaussian();
    }
    cols = new int[ROWS];
    for (int k = 0; k < ROWS; k++) {
      cols[k] = rnd.nextInt(items);
    }
    p = new float[factors];
    for (int k = 0; k < factors; k++) {
      p[k] = (float) rnd.nextGaussian();
    }
    ap = new float[factors];
    gram = new float[factors * factors];
  }

  @Benchmark
  public float correctionScalar() {
    int f = factors;
    for (int e = 0; e < ROWS; e++) {
      int o = cols[e] * f;
      Vectors.axpy(0.5f * Vectors.dot(y, o, p, 0, f), y, o, ap, 0, f);
    }
    return ap[0];
  }

  @Benchmark
  public float correctionScalar8() {
    int f = factors;
    for (int e = 0; e < ROWS; e++) {
      int o = cols[e] * f;
      Vectors.axpy(0.5f * dot8(y, o, p, 0, f), y, o, ap, 0, f);
    }
    return ap[0];
  }

  @Benchmark
  public float correctionVector() {
    int f = factors;
    for (int e = 0; e < ROWS; e++) {
      int o = cols[e] * f;
      float d = dotVector(y, o, p, 0, f);
      axpyVector(0.5f * d, y, o, ap, 0, f);
    }
    return ap[0];
  }

  @Benchmark
  public float dotOnlyScalar() {
    float s = 0;
    for (int e = 0; e < ROWS; e++) {
      s += Vectors.dot(y, cols[e] * factors, p, 0, factors);
    }
    return s;
  }

  @Benchmark
  public float dotOnlyVector() {
    float s = 0;
    for (int e = 0; e < ROWS; e++) {
      s += dotVector(y, cols[e] * factors, p, 0, factors);
    }
    return s;
  }

  @Benchmark
  public float gramScalar() {
    int f = factors;
    float[] g = gram;
    for (int r = 0; r < ROWS; r++) {
      int off = r * f;
      for (int a = 0; a < f; a++) {
        float ya = y[off + a];
        int row = a * f;
        for (int c = a; c < f; c++) {
          g[row + c] += ya * y[off + c];
        }
      }
    }
    return g[1];
  }

  @Benchmark
  public float gramVector() {
    int f = factors;
    float[] g = gram;
    for (int r = 0; r < ROWS; r++) {
      int off = r * f;
      for (int a = 0; a < f; a++) {
        float ya = y[off + a];
        int row = a * f;
        // full rows from the aligned start below a: a few redundant lanes, no scalar tail
        int c = a - (a % S.length());
        FloatVector va = FloatVector.broadcast(S, ya);
        for (; c + S.length() <= f; c += S.length()) {
          FloatVector.fromArray(S, y, off + c).fma(va, FloatVector.fromArray(S, g, row + c))
              .intoArray(g, row + c);
        }
        for (; c < f; c++) {
          g[row + c] += ya * y[off + c];
        }
      }
    }
    return g[1];
  }

  static float dot8(float[] a, int ao, float[] b, int bo, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int k = 0;
    for (; k + 7 < n; k += 8) {
      s0 += a[ao + k] * b[bo + k];
      s1 += a[ao + k + 1] * b[bo + k + 1];
      s2 += a[ao + k + 2] * b[bo + k + 2];
      s3 += a[ao + k + 3] * b[bo + k + 3];
      s4 += a[ao + k + 4] * b[bo + k + 4];
      s5 += a[ao + k + 5] * b[bo + k + 5];
      s6 += a[ao + k + 6] * b[bo + k + 6];
      s7 += a[ao + k + 7] * b[bo + k + 7];
    }
    float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    for (; k < n; k++) {
      s += a[ao + k] * b[bo + k];
    }
    return s;
  }

  static float dotVector(float[] a, int ao, float[] b, int bo, int n) {
    FloatVector acc = FloatVector.zero(S);
    int k = 0;
    for (; k + S.length() <= n; k += S.length()) {
      acc = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) {
      s += a[ao + k] * b[bo + k];
    }
    return s;
  }

  static void axpyVector(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    FloatVector va = FloatVector.broadcast(S, alpha);
    int k = 0;
    for (; k + S.length() <= n; k += S.length()) {
      FloatVector.fromArray(S, x, xo + k).fma(va, FloatVector.fromArray(S, y, yo + k))
          .intoArray(y, yo + k);
    }
    for (; k < n; k++) {
      y[yo + k] += alpha * x[xo + k];
    }
  }
}
