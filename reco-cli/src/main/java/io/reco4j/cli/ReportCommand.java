package io.reco4j.cli;

import io.reco4j.experiment.ExperimentReport;
import io.reco4j.experiment.HtmlReport;
import io.reco4j.experiment.stats.BootstrapOptions;
import io.reco4j.experiment.stats.Leaderboard;
import io.reco4j.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reco report DIR}: an experiment's results as Markdown tables with significance marks, or
 * as one self-contained HTML file with charts ({@link HtmlReport}).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Report an experiment results directory (reco experiment run --out DIR): a table "
        + "per dataset and split, best per metric in bold, '*' on runs significantly worse than "
        + "the best (paired test over users, Holm-adjusted), ± a bootstrap interval. HTML adds "
        + "charts (metric@K, time vs accuracy, convergence, popularity bias and coverage, tuning) "
        + "in one offline file.")
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The experiment results directory.")
  Path dir;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Output format: html or markdown. Default: html when --out ends with .html "
          + "or .htm, else markdown.")
  String format;

  @Option(names = {"--out", "-o"}, paramLabel = "FILE",
      description = "Write the report to FILE (atomically) instead of standard output.")
  Path out;

  @Option(names = "--test", paramLabel = "TEST", defaultValue = "t",
      description = "Paired test against the best run: t (paired t-test) or wilcoxon "
          + "(signed-rank). Default: ${DEFAULT-VALUE}.")
  String test;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
      description = "Family-wise significance level per column, Holm-adjusted. "
          + "Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(names = "--level", paramLabel = "L", defaultValue = "0.95",
      description = "Confidence level of the bootstrap intervals. Default: ${DEFAULT-VALUE}.")
  double level;

  @Option(names = "--resamples", paramLabel = "B", defaultValue = "1000",
      description = "Bootstrap resamples. Default: ${DEFAULT-VALUE}.")
  int resamples;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "Seed of the bootstrap resampling. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws Exception {
    String f = format == null ? defaultFormat() : format.toLowerCase(Locale.ROOT);
    boolean html = switch (f) {
      case "html", "htm" -> true;
      case "markdown", "md" -> false;
      default -> throw new IllegalArgumentException("--format: unknown format '" + format
          + "'; use html or markdown");
    };
    Leaderboard.Test t = switch (test.toLowerCase(Locale.ROOT)) {
      case "t", "t-test", "ttest", "paired-t" -> Leaderboard.Test.PAIRED_T;
      case "wilcoxon", "w" -> Leaderboard.Test.WILCOXON;
      default -> throw new IllegalArgumentException("--test: unknown test '" + test
          + "'; use t or wilcoxon");
    };
    Leaderboard.Options options;
    try {
      options = Leaderboard.Options.defaults().withTest(t).withAlpha(alpha)
          .withBootstrap(BootstrapOptions.defaults().withResamples(resamples).withLevel(level)
              .withSeed(seed));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--alpha/--level/--resamples: " + e.getMessage(), e);
    }
    ExperimentReport report = ExperimentReport.read(dir, options);
    PrintWriter stdout = spec.commandLine().getOut();
    if (html) {
      if (out == null) {
        stdout.print(HtmlReport.render(report, java.time.Instant.now()));
      } else {
        HtmlReport.write(report, out);
        stdout.println("report: " + out);
      }
      return 0;
    }
    String text = report.toMarkdown();
    if (out == null) {
      stdout.print(text);
    } else {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(out, o -> o.write(bytes));
      stdout.println("report: " + out);
    }
    return 0;
  }

  private String defaultFormat() {
    String name = out == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".html") || name.endsWith(".htm") ? "html" : "markdown";
  }
}
