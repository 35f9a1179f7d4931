package io.reco4j.bench;

import io.reco4j.algorithms.knn.Neighbors;
import io.reco4j.algorithms.knn.Similarity;
import io.reco4j.algorithms.knn.SimilarityKernel;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.synth.SynthConfig;
import io.reco4j.data.synth.SyntheticRatings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The all-pairs item-item similarity kernel of item-kNN ({@link SimilarityKernel}) on synthetic
 * ML-20M-shaped implicit data (27,000 items, ~145 ratings per user, popularity skew of the
 * generator), top-50 neighbours per item kept. {@code cosine} is the dot-product accumulator with
 * precomputed norms, {@code pearson_baseline} the four-accumulator common-support path (values
 * are the raw ones here: the cost, not the centring, is measured), {@code jaccard} the count-only
 * path. Run: {@code java -jar reco-bench/target/benchmarks.jar SimilarityKernel} (add {@code -p
 * half=true,false} to compare the each-pair-once path with the full one).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class SimilarityKernelBenchmark {
  @Param({"1000000", "5000000"})
  long ratings;

  @Param({"cosine", "pearson_baseline", "jaccard"})
  String similarity;

  @Param({"0"})
  int threads;

  /** Whether the each-pair-once path may be taken ({@code -p half=false} for the full path). */
  @Param({"true"})
  boolean half;

  CsrMatrix byItem;
  Similarity sim;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    Path dir = Files.createTempDirectory("reco4j-knn-bench");
    Path csv = dir.resolve("ratings.csv");
    int users = (int) Math.max(1000, ratings / 145);
    SyntheticRatings.write(SynthConfig.of(users, 27000, ratings, 1), csv);
    Dataset d = DelimitedLoader.load(csv, LoadOptions.defaults()).dataset().implicit(Float.NaN);
    Files.deleteIfExists(csv);
    Files.deleteIfExists(dir);
    byItem = d.matrix().transpose();
    byItem.transpose(); // the kernel's feature-side matrix, cached
    sim = Similarity.of(similarity);
  }

  @Benchmark
  public Neighbors itemItemTop50() {
    return SimilarityKernel.compute(byItem, sim, 0f, 1, 50, threads, half);
  }
}
