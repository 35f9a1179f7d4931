package io.reco4j.bench;

import io.reco4j.algorithms.mf.SvdConfig;
import io.reco4j.algorithms.mf.SvdTrainer;
import io.reco4j.algorithms.mf.SvdppConfig;
import io.reco4j.algorithms.mf.SvdppTrainer;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.data.synth.SynthConfig;
import io.reco4j.data.synth.SyntheticRatings;
import io.reco4j.model.RatingPredictor;
import io.reco4j.model.Trainer;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end timing of the SGD factor models ({@code svd}, {@code svdpp}): seconds per fold and
 * RMSE on MovieLens folders (5-fold {@code kfold:5}, seed 42, as Surprise's benchmark), at 1 and
 * 2 threads; then epochs per second on a synthetic ML-1M-sized dataset (6,040 users, 3,700
 * items, 1,000,209 ratings). Each configuration trains once untimed to warm the JIT.
 *
 * <pre>
 * ./mvnw -q -o -pl reco-bench -am -DskipTests package
 * java -cp reco-bench/target/benchmarks.jar io.reco4j.bench.SgdBench ../shared/data/ml-100k ../shared/data/ml-latest-small
 * </pre>
 *
 * <p>Arguments: MovieLens folders (default {@code ../shared/data/ml-100k}); {@code --no-synth}
 * skips the synthetic run.
 */
public final class SgdBench {
  private SgdBench() {}

  public static void main(String[] args) throws Exception {
    boolean synth = true;
    List<String> dirs = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.equals("--no-synth")) {
        synth = false;
      } else {
        dirs.add(a);
      }
    }
    if (dirs.isEmpty()) {
      dirs.add("../shared/data/ml-100k");
    }
    System.out.printf(Locale.ROOT, "cores %d, load average %.2f, kernels %s%n",
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        io.reco4j.linalg.VectorKernels.provider().name());
    for (String dir : dirs) {
      Dataset data = MovieLens.load(Path.of(dir), LoadOptions.defaults()).dataset();
      List<Split> folds = Splits.parse("kfold:5").split(data, 42);
      for (int threads : new int[] {1, 2}) {
        folds(data.name(), "svd", folds, new SvdTrainer(SvdConfig.defaults().withThreads(threads)),
            threads);
      }
      folds(data.name(), "svdpp", folds, new SvdppTrainer(SvdppConfig.defaults()), 1);
    }
    if (synth) {
      Path tmp = Files.createTempDirectory("reco4j-sgd-bench");
      Path csv = tmp.resolve("ratings.csv");
      try {
        SyntheticRatings.write(SynthConfig.of(6040, 3700, 1_000_209, 1), csv);
        Dataset d = DelimitedLoader.load(csv, LoadOptions.defaults()).dataset();
        int epochs = 5;
        for (int factors : new int[] {20, 100}) {
          for (int threads : new int[] {1, 2}) {
            SvdConfig c = SvdConfig.defaults().withSize(factors, epochs).withThreads(threads);
            epochs(d, "svd f=" + factors + " threads=" + threads, new SvdTrainer(c), epochs);
          }
          epochs(d, "svdpp f=" + factors, new SvdppTrainer(SvdppConfig.defaults()
              .withSize(factors, epochs)), epochs);
        }
      } finally {
        Files.deleteIfExists(csv);
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void folds(String name, String algo, List<Split> folds,
      Trainer<? extends RatingPredictor> trainer, int threads) {
    trainer.train(folds.get(0).train()); // warm-up
    double seconds = 0;
    double rmse = 0;
    for (Split s : folds) {
      long t0 = System.nanoTime();
      RatingPredictor m = trainer.train(s.train());
      seconds += (System.nanoTime() - t0) / 1e9;
      rmse += rmse(m, s.test());
    }
    System.out.printf(Locale.ROOT, "%s %s threads=%d: %.3f s/fold, RMSE %.4f (kfold:5 seed 42)%n",
        name, algo, threads, seconds / folds.size(), rmse / folds.size());
  }

  private static void epochs(Dataset d, String what, Trainer<?> trainer, int epochs) {
    trainer.train(d); // warm-up
    long t0 = System.nanoTime();
    trainer.train(d);
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "synthetic ML-1M (%,d ratings) %s: %.2f epochs/s (%.2f s for %d)%n",
        d.size(), what, epochs / s, s, epochs);
  }

  static double rmse(RatingPredictor model, Dataset test) {
    CsrMatrix m = test.matrix();
    double se = 0;
    for (int u = 0; u < m.rows(); u++) {
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        double e = m.values()[p] - model.predict(u, m.colIdx()[p]);
        se += e * e;
      }
    }
    return Math.sqrt(se / m.nnz());
  }
}
