package io.reco4j.cli;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.data.download.DataLocator;
import io.reco4j.data.download.DataNotFoundException;
import io.reco4j.data.download.DatasetDownloader;
import io.reco4j.data.download.DownloadException;
import io.reco4j.data.download.DownloadOptions;
import io.reco4j.data.download.ProgressListener;
import io.reco4j.eval.EvaluationReport;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import io.reco4j.model.RatingPredictor;
import io.reco4j.rank.TopN;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reco quickstart}: the five-fold evaluation of the baselines on ml-latest-small and a
 * top-10 with titles for one user — the first thing a new user runs.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Find (or download) ml-latest-small, run a 5-fold evaluation of the baselines, "
        + "print the table and a top-10 with titles for a sample user.")
final class QuickstartCommand implements Callable<Integer> {
  static final String DATASET = "ml-latest-small";
  static final List<String> BASELINES = List.of("global-mean", "bias", "popular", "random");

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--user", paramLabel = "ID", description = "The user to recommend for "
      + "(default: user 1, or the first user).")
  String user;

  @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    if (data.data == null) {
      data.data = findOrDownload(err).toString();
    }
    Dataset d = data.dataset(null, err);

    EvaluateCommand.EvalArgs eval = new EvaluateCommand.EvalArgs();
    eval.split = "kfold:5";
    eval.seed = seed;
    eval.algorithms = BASELINES;
    eval.metrics = d.explicit() ? "rmse,mae,ndcg@10,recall@20,coverage@10" : "ndcg@10,recall@20,coverage@10";
    EvaluationReport report = eval.run(d, data.threads, err);
    out.println();
    out.println("5-fold cross-validation on " + d.name() + " (mean ± std over folds):");
    out.print(report.toTable());
    Path json = eval.outputPath(d);
    report.writeJson(json);
    out.println("report: " + json);

    // recommendations from the bias baseline trained on everything
    Model model = Algorithms.trainer("bias").train(d);
    int u = sampleUser(d);
    printTopN(out, d, (ItemScorer) model, u, 10);
    out.printf(Locale.ROOT, "%ndone in %.1f s. Next: reco evaluate --help, reco data info %s%n",
        (System.nanoTime() - t0) / 1e9, DATASET);
    return 0;
  }

  static Path findOrDownload(PrintWriter err) throws java.io.IOException {
    DataLocator locator = DataLocator.fromEnvironment();
    try {
      return locator.locate(DATASET);
    } catch (DataNotFoundException notFound) {
      err.println("ml-latest-small not found locally (" + String.join(", ",
          notFound.searched().stream().map(Path::toString).toList()) + "); downloading it");
      try {
        return DatasetDownloader.fromEnvironment()
            .download(DATASET, DownloadOptions.defaults(), ProgressListener.printingTo(System.err))
            .directory();
      } catch (DownloadException e) {
        throw new IllegalStateException("ml-latest-small is not available offline and could not "
            + "be downloaded (" + e.getMessage() + "). Put a copy in $RECO_DATA/ml-latest-small, "
            + "or pass --data PATH to a MovieLens folder or ratings file.", e);
      }
    }
  }

  private int sampleUser(Dataset d) {
    if (user != null) {
      return d.users().require(user);
    }
    return d.users().find("1").orElse(0);
  }

  static void printTopN(PrintWriter out, Dataset d, ItemScorer model, int u, int k) {
    float[] scores = new float[d.itemCount()];
    model.scoreItems(u, scores);
    TopN top = new TopN(k);
    var m = d.matrix();
    top.offerAllExcept(scores, m.colIdx(), m.rowStart(u), m.rowEnd(u));
    int[] items = new int[k];
    float[] s = new float[k];
    int n = top.drainTo(items, s);
    out.printf(Locale.ROOT, "%nTop-%d for user %s (%d ratings; model: %s, seen items excluded):%n",
        k, d.users().idOf(u), m.rowLength(u), model.algorithm());
    for (int r = 0; r < n; r++) {
      int i = items[r];
      String title = d.metadata() != null && d.metadata().title(i) != null
          ? d.metadata().title(i) : "item " + d.items().idOf(i);
      String genres = d.metadata() != null ? String.join("|", d.metadata().genresOf(i)) : "";
      String score = model instanceof RatingPredictor p
          ? String.format(Locale.ROOT, "predicted %.2f", p.predict(u, i))
          : String.format(Locale.ROOT, "score %.3f", s[r]);
      out.printf(Locale.ROOT, "%3d. %-55s %-30s %s%n", r + 1, truncate(title, 55), truncate(genres, 30), score);
    }
  }

  private static String truncate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
