package io.reco4j.bench;

import io.reco4j.algorithms.bpr.BprTrainer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The BPR per-sample update ({@link BprTrainer#step}: one f-long dot product, a sigmoid, three
 * f-long updates, two bias updates) on random (u, i, j) triples over 10,000 users and 10,000 items,
 * so factor rows mostly come from cache misses as in training. Reported per sample.
 *
 * <pre>
 * ./mvnw -q -o -pl reco-bench -am -DskipTests package
 * java -jar reco-bench/target/benchmarks.jar BprStepBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BprStepBenchmark {
  private static final int USERS = 10_000;
  private static final int ITEMS = 10_000;
  private static final int TRIPLES = 1 << 16;

  @Param({"32", "64", "128"})
  int factors;

  float[] p;
  float[] q;
  float[] b;
  int[] us;
  int[] is;
  int[] js;
  BprTrainer.Scratch scratch;

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(1);
    p = new float[USERS * factors];
    q = new float[ITEMS * factors];
    b = new float[ITEMS];
    scratch = new BprTrainer.Scratch(factors);
    for (int k = 0; k < p.length; k++) {
      p[k] = (float) (rnd.nextDouble() - 0.5) / factors;
    }
    for (int k = 0; k < q.length; k++) {
      q[k] = (float) (rnd.nextDouble() - 0.5) / factors;
    }
    us = rnd.ints(TRIPLES, 0, USERS).toArray();
    is = rnd.ints(TRIPLES, 0, ITEMS).toArray();
    js = rnd.ints(TRIPLES, 0, ITEMS).toArray();
  }

  @Benchmark
  @OperationsPerInvocation(TRIPLES)
  public float step() {
    int f = factors;
    float s = 0;
    for (int t = 0; t < TRIPLES; t++) {
      int i = is[t];
      int j = js[t];
      s += BprTrainer.step(p, us[t] * f, q, i * f, j * f, b, i, j, f, 0.03f, 0.01f, scratch);
    }
    return s;
  }
}
