package io.reco4j.bench;

import io.reco4j.data.Dataset;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.Snapshots;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing a synthetic ML-20M-format ratings.csv into CSR, and reloading its snapshot, at sizes
 * that fit a JMH run (the 20M end-to-end figure comes from {@code reco bench load}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class LoadBenchmark {
  @Param({"1000000", "5000000"})
  long ratings;

  @Param({"1", "2"})
  int threads;

  Path dir;
  Path csv;
  Path snapshot;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("reco4j-load-bench");
    csv = dir.resolve("ratings.csv");
    int users = (int) Math.max(1000, ratings / 145);
    SyntheticRatings.write(SynthConfig.of(users, 27000, ratings, 1), csv);
    Dataset d = DelimitedLoader.load(csv, LoadOptions.defaults()).dataset();
    snapshot = dir.resolve("ratings.r4js");
    Snapshots.write(d, Snapshots.SourceKey.of(csv, "bench"), snapshot);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(csv);
    Files.deleteIfExists(snapshot);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public Dataset parseCsv() throws IOException {
    return DelimitedLoader.load(csv, LoadOptions.defaults().withThreads(threads)).dataset();
  }

  @Benchmark
  public Dataset reloadSnapshot() throws IOException {
    return Snapshots.read(snapshot);
  }
}
