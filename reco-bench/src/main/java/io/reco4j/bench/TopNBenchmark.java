package io.reco4j.bench;

import io.reco4j.rank.TopN;
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
 * Top-N selection over a user's scores for every item, excluding the user's training items: the
 * inner loop of full-ranking evaluation and of serving. Compared with a full sort of the scores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopNBenchmark {
  @Param({"10000", "27000", "100000"})
  int items;

  @Param({"10", "100"})
  int k;

  float[] scores;
  int[] seen;
  TopN top;
  int[] out;

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(1);
    scores = new float[items];
    for (int i = 0; i < items; i++) {
      scores[i] = (float) rnd.nextGaussian();
    }
    seen = rnd.ints(150, 0, items).distinct().sorted().toArray();
    top = new TopN(k);
    out = new int[k];
  }

  @Benchmark
  public int boundedHeap() {
    top.clear();
    top.offerAllExcept(scores, seen, 0, seen.length);
    return top.drainTo(out, null);
  }

  @Benchmark
  public int fullSort() {
    long[] keys = new long[scores.length];
    for (int i = 0; i < scores.length; i++) {
      int bits = Float.floatToIntBits(scores[i]);
      bits ^= (bits >> 31) & 0x7fffffff; // order-preserving for negative floats
      keys[i] = ((long) ~bits << 32) | i;
    }
    java.util.Arrays.sort(keys);
    return (int) keys[0];
  }
}
