package io.reco4j.cli;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.EvaluationReport;
import io.reco4j.eval.EvaluationRunner;
import io.reco4j.model.Trainer;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reco evaluate}: cross-validated evaluation of one or more algorithms. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate algorithms on a split protocol; prints mean ± std over folds and writes "
        + "the same as JSON with provenance (data fingerprint, split, configs, seed, commit, JVM, "
        + "timings).")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Mixin
  EvalArgs eval;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Dataset d = eval.prepare(data.dataset(null, err));
    EvaluationReport report = eval.run(d, data.threads, err);
    out.print(report.toTable());
    Path json = eval.outputPath(d);
    report.writeJson(json);
    out.println("report: " + json);
    return 0;
  }

  /** Evaluation options shared by {@code evaluate} and {@code quickstart}. */
  static final class EvalArgs {
    @Option(names = "--split", defaultValue = "kfold:5", paramLabel = "SPEC",
        description = "random:F, user:F, kfold:K, temporal:F, user-temporal:N, loo, "
            + "heldout-users:N[:F][:seen-items][:floor]. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and of every "
        + "stochastic algorithm. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"--algo", "--algorithms"}, paramLabel = "NAMES", split = ",",
        description = "Algorithms, comma-separated: global-mean, bias, popular, random, itemknn, "
            + "userknn, svd, svdpp, als, ials, bpr, ease. Default: bias.")
    List<String> algorithms;

    @Option(names = "--param", paramLabel = "[ALGO.]FIELD=VALUE",
        description = "Override a config field, e.g. --param bias.userRegularization=20 "
            + "(the ALGO. prefix may be left out with a single algorithm).")
    Map<String, String> params;

    @Option(names = "--metrics", paramLabel = "LIST",
        description = "Comma-separated metrics, e.g. rmse,mae,ndcg@10,recall@20,precision@10,"
            + "map@10,mrr@10,hitrate@10,auc,coverage@10,novelty@10,arp@10. Default: rmse,mae "
            + "for ratings plus ndcg@10,recall@20 for every data set.")
    String metrics;

    @Option(names = "--implicit", description = "Treat every rating as an interaction (value 1).")
    boolean implicit;

    @Option(names = "--min-rating", paramLabel = "R",
        description = "With --implicit, keep only ratings >= R as interactions.")
    Float minRating;

    @Option(names = "--relevance-threshold", paramLabel = "R",
        description = "Explicit data: only test ratings >= R count as relevant for ranking metrics.")
    Double relevanceThreshold;

    @Option(names = "--sampled-negatives", paramLabel = "N", defaultValue = "0",
        description = "Rank each test positive among N sampled negatives instead of all items "
            + "(as in the NCF paper). Default: full ranking.")
    int sampledNegatives;

    @Option(names = "--include-seen", description = "Do not exclude each user's training items "
        + "from the ranking.")
    boolean includeSeen;

    @Option(names = "--candidates", paramLabel = "WHICH", defaultValue = "all",
        description = "Items to rank: all (every item) or train-items (only items with a "
            + "training entry, as Liang et al.'s held-out-users code). Default: ${DEFAULT-VALUE}.")
    String candidates = "all";

    @Option(names = {"--out", "-o"}, paramLabel = "FILE",
        description = "JSON report path. Default: reco-results/evaluate-<data>-<time>.json.")
    Path out;

    Dataset prepare(Dataset d) {
      if (minRating != null && !implicit) {
        throw new IllegalArgumentException("--min-rating needs --implicit");
      }
      return implicit ? d.implicit(minRating == null ? Float.NaN : minRating) : d;
    }

    List<String> algorithmNames() {
      return algorithms == null || algorithms.isEmpty() ? List.of("bias") : algorithms;
    }

    EvaluationReport run(Dataset d, int threads, PrintWriter err) {
      List<String> names = algorithmNames();
      Map<String, Supplier<? extends Trainer<?>>> trainers = new LinkedHashMap<>();
      for (String raw : names) {
        String name = Algorithms.canonicalName(raw.strip());
        Map<String, String> p = paramsFor(name, names.size());
        // fail fast on a bad parameter, before any training
        Algorithms.trainer(name, p);
        trainers.put(name, () -> Algorithms.trainer(name, p));
      }
      boolean trainItemsOnly = switch (candidates) {
        case "all" -> false;
        case "train-items" -> true;
        default -> throw new IllegalArgumentException("--candidates: expected all or train-items, "
            + "got '" + candidates + "'");
      };
      EvalOptions opts = EvalOptions.of(metrics != null ? metrics
              : d.explicit() ? "rmse,mae,ndcg@10,recall@20" : "ndcg@10,recall@20")
          .withThreads(threads)
          .withSeed(seed)
          .withExcludeHistory(!includeSeen)
          .withTrainItemsOnly(trainItemsOnly);
      if (relevanceThreshold != null) {
        opts = opts.withRelevanceThreshold(relevanceThreshold);
      }
      if (sampledNegatives > 0) {
        opts = opts.withSampledNegatives(sampledNegatives);
      }
      long t0 = System.nanoTime();
      List<Split> folds = Splits.parse(split).split(d, seed);
      err.printf(Locale.ROOT, "%s: %,d users, %,d items, %,d interactions; %s (seed %d) in %.2f s%n",
          d.name(), d.userCount(), d.itemCount(), d.size(), split, seed,
          (System.nanoTime() - t0) / 1e9);
      EvaluationRunner runner = new EvaluationRunner(opts, line -> err.println("  " + line));
      return runner.run(d, folds, trainers);
    }

    private Map<String, String> paramsFor(String algo, int algoCount) {
      Map<String, String> p = new LinkedHashMap<>();
      if (params == null) {
        return p;
      }
      for (Map.Entry<String, String> e : params.entrySet()) {
        String key = e.getKey();
        int dot = key.indexOf('.');
        if (dot > 0) {
          if (Algorithms.canonicalName(key.substring(0, dot)).equals(algo)) {
            p.put(key.substring(dot + 1), e.getValue());
          }
        } else if (algoCount == 1) {
          p.put(key, e.getValue());
        } else {
          throw new IllegalArgumentException("--param " + key + ": with several algorithms, "
              + "prefix the field with the algorithm, e.g. --param " + algo + "." + key + "=...");
        }
      }
      return p;
    }

    Path outputPath(Dataset d) {
      if (out != null) {
        return out;
      }
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      return Path.of("reco-results", "evaluate-" + d.name().replaceAll("[^A-Za-z0-9._-]", "_")
          + "-" + stamp + ".json");
    }
  }
}
