package io.reco4j.bench;

import io.reco4j.algorithms.ease.GramKernel;
import io.reco4j.data.CsrMatrix;
import java.util.Arrays;
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
 * EASE's sparse Gram kernel G = XᵀX ({@link GramKernel#upperRows}) on synthetic data shaped like
 * MovieLens (Zipf item popularity, exponent 1, skewed history lengths): {@code ml100k} = 943 users
 * × 1,682 items × ~100K interactions, {@code ml1m} = 6,040 × 3,706 × ~1M. The sink sums the
 * diagonal, so the time is the kernel's, not a copy's. Run:
 * {@code java -jar reco-bench/target/benchmarks.jar GramBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GramBenchmark {
  @Param({"ml100k", "ml1m"})
  String shape;

  @Param({"1", "2"})
  int threads;

  CsrMatrix x;

  @Setup
  public void setup() {
    x = switch (shape) {
      case "ml100k" -> zipfMatrix(943, 1682, 106, 1);
      case "ml1m" -> zipfMatrix(6040, 3706, 165, 2);
      default -> throw new IllegalArgumentException(shape);
    };
    x.transpose();
  }

  @Benchmark
  public double gram() {
    double[] trace = new double[1];
    GramKernel.upperRows(x, false, threads, (i, row) -> {
      synchronized (trace) {
        trace[0] += row[i];
      }
    });
    return trace[0];
  }

  /** Users with geometric-ish history lengths around {@code meanLength}, items drawn by Zipf(1). */
  static CsrMatrix zipfMatrix(int users, int items, int meanLength, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] cdf = new double[items];
    double s = 0;
    for (int i = 0; i < items; i++) {
      s += 1.0 / (i + 1);
      cdf[i] = s;
    }
    int[] rowPtr = new int[users + 1];
    int[][] rows = new int[users][];
    boolean[] seen = new boolean[items];
    for (int u = 0; u < users; u++) {
      int len = Math.min(items / 2, 20 + (int) (-Math.log(1 - rnd.nextDouble()) * (meanLength - 20)));
      int[] r = new int[len];
      int got = 0;
      while (got < len) {
        int i = Arrays.binarySearch(cdf, rnd.nextDouble() * s);
        i = i < 0 ? -i - 1 : i;
        if (!seen[i]) {
          seen[i] = true;
          r[got++] = i;
        }
      }
      for (int i : r) {
        seen[i] = false;
      }
      Arrays.sort(r);
      rows[u] = r;
      rowPtr[u + 1] = rowPtr[u] + len;
    }
    int[] cols = new int[rowPtr[users]];
    for (int u = 0; u < users; u++) {
      System.arraycopy(rows[u], 0, cols, rowPtr[u], rows[u].length);
    }
    float[] vals = new float[cols.length];
    Arrays.fill(vals, 1f);
    return new CsrMatrix(users, items, rowPtr, cols, vals, null);
  }
}
