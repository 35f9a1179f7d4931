package io.reco4j.bench;

import io.reco4j.algorithms.mf.SvdConfig;
import io.reco4j.algorithms.mf.SvdTrainer;
import io.reco4j.algorithms.mf.SvdppConfig;
import io.reco4j.algorithms.mf.SvdppTrainer;
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
 * One epoch of {@code svd} (per thread count) and {@code svdpp} SGD on a synthetic ML-1M-sized
 * dataset (6,040 users, 3,700 items, 1,000,209 ratings), by number of factors. The score is the
 * time of a one-epoch training (setup included: initialisation and the blocked layout).
 *
 * <pre>java -jar reco-bench/target/benchmarks.jar SgdBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class SgdBenchmark {
  @Param({"20", "100"})
  int factors;

  @Param({"1", "2"})
  int threads;

  Dataset data;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    Path dir = Files.createTempDirectory("reco4j-sgd-jmh");
    Path csv = dir.resolve("ratings.csv");
    SyntheticRatings.write(SynthConfig.of(6040, 3700, 1_000_209, 1), csv);
    data = DelimitedLoader.load(csv, LoadOptions.defaults()).dataset();
    Files.delete(csv);
    Files.delete(dir);
  }

  @Benchmark
  public Object svdEpoch() {
    return new SvdTrainer(SvdConfig.defaults().withSize(factors, 1).withThreads(threads))
        .train(data);
  }

  /** SVD++ trains on one thread; the {@code threads} parameter does not apply. */
  @Benchmark
  public Object svdppEpoch() {
    return new SvdppTrainer(SvdppConfig.defaults().withSize(factors, 1)).train(data);
  }
}
