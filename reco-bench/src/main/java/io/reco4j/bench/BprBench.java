package io.reco4j.bench;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.algorithms.bpr.BprConfig;
import io.reco4j.algorithms.bpr.BprModel;
import io.reco4j.algorithms.bpr.BprTrainer;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.EvaluationResult;
import io.reco4j.eval.Evaluator;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end figures for {@code bpr}: training speed (samples per second) and ranking accuracy.
 *
 * <pre>
 * ./mvnw -q -o -pl reco-bench -am -DskipTests package
 * # speed: one training per thread count, samples/s = iterations × nnz / training seconds;
 * # also per CPU-second of the process, which a loaded machine distorts less than wall time
 * java -cp reco-bench/target/benchmarks.jar io.reco4j.bench.BprBench speed DATA [threads=1,2]
 *     [iterations=N] [repeats=R] [field=value ...]
 * # accuracy: user:0.2 split (or split=SPEC; seed per run), full ranking excluding training
 * # items, binary relevance, NDCG@10 and Recall@20, averaged over seeds; held-out users of a
 * # heldout-users split are scored by fold-in
 * java -cp reco-bench/target/benchmarks.jar io.reco4j.bench.BprBench accuracy DATA
 *     [seeds=42,43,44] [split=user:0.2] [threads=T] [field=value ...]
 * </pre>
 *
 * <p>DATA is a MovieLens folder (e.g. {@code ../shared/data/ml-100k}) or a ratings file in
 * ML-20M CSV format (e.g. {@code bench-data/synth-20m.csv}); it is made implicit
 * (every rating an interaction). Other {@code field=value} arguments override
 * {@link BprConfig#defaults()} fields, as {@code --param} does on the command line.
 */
public final class BprBench {
  private BprBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: BprBench speed|accuracy DATA [key=value ...]");
      System.exit(2);
    }
    String mode = args[0];
    Path data = Path.of(args[1]);
    Map<String, String> params = new LinkedHashMap<>();
    String threads = null;
    String seeds = "42";
    String split = "user:0.2";
    int repeats = 1;
    for (int k = 2; k < args.length; k++) {
      String[] kv = args[k].split("=", 2);
      switch (kv[0]) {
        case "threads" -> threads = kv[1];
        case "seeds" -> seeds = kv[1];
        case "split" -> split = kv[1];
        case "repeats" -> repeats = Integer.parseInt(kv[1]);
        default -> params.put(kv[0], kv[1]);
      }
    }
    long t0 = System.nanoTime();
    Dataset d = load(data).implicit(Float.NaN);
    System.out.printf(Locale.ROOT, "%s: %d users x %d items, %d interactions (loaded in %.1fs)%n",
        data, d.userCount(), d.itemCount(), d.size(), (System.nanoTime() - t0) / 1e9);
    switch (mode) {
      case "speed" -> speed(d, params, threads == null ? "1,2" : threads, repeats);
      case "accuracy" -> accuracy(d, params, threads, seeds, split);
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  private static Dataset load(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      return MovieLens.load(p, LoadOptions.defaults()).dataset();
    }
    return DelimitedLoader.load(p, LoadOptions.defaults()).dataset();
  }

  private static void speed(Dataset d, Map<String, String> params, String threadList,
      int repeats) {
    for (String t : threadList.split(",")) {
      Map<String, String> p = new LinkedHashMap<>(params);
      p.put("threads", t);
      BprConfig c = (BprConfig) Algorithms.config("bpr", p);
      for (int r = 0; r < repeats; r++) {
        long cpu0 = processCpuNanos();
        BprModel m = new BprTrainer(c).train(d);
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        double sec = m.provenance().trainSeconds();
        double samples = (double) c.iterations() * d.size();
        System.out.printf(Locale.ROOT,
            "threads=%s factors=%d iterations=%d: %.2fs wall, %.2f M samples/s; %.2fs cpu, "
                + "%.2f M samples per cpu-second; trainAuc %.4f%n", t, c.factors(),
            c.iterations(), sec, samples / sec / 1e6, cpu, samples / cpu / 1e6,
            m.provenance().metrics().getOrDefault("trainAuc", Double.NaN));
      }
    }
  }

  /** CPU time of the whole process (all threads, JIT and GC included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void accuracy(Dataset d, Map<String, String> params, String threads,
      String seedList, String splitSpec) {
    if (threads != null) {
      params.put("threads", threads);
    }
    BprConfig c = (BprConfig) Algorithms.config("bpr", params);
    System.out.println("config " + c);
    EvalOptions opts = EvalOptions.of("ndcg@10,recall@20");
    double ndcg = 0;
    double recall = 0;
    String[] seeds = seedList.split(",");
    for (String s : seeds) {
      long seed = Long.parseLong(s);
      Split split = Splits.parse(splitSpec).split(d, seed).get(0);
      BprModel m = new BprTrainer(c.withSeed(seed)).train(split.train());
      EvaluationResult r = Evaluator.evaluate(m, split, opts);
      double n = r.require("ndcg@10");
      double rc = r.require("recall@20");
      ndcg += n;
      recall += rc;
      System.out.printf(Locale.ROOT, "seed %d: ndcg@10 %.4f recall@20 %.4f (train %.1fs)%n", seed,
          n, rc, m.provenance().trainSeconds());
    }
    System.out.printf(Locale.ROOT, "mean over %d seeds: ndcg@10 %.4f recall@20 %.4f%n",
        seeds.length, ndcg / seeds.length, recall / seeds.length);
  }
}
