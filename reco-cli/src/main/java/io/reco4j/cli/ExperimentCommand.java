package io.reco4j.cli;

import io.reco4j.eval.MetricSummary;
import io.reco4j.experiment.ExperimentListener;
import io.reco4j.experiment.ExperimentRunner;
import io.reco4j.experiment.ExperimentSpec;
import io.reco4j.experiment.PlannedRun;
import io.reco4j.experiment.RunResult;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reco experiment}: experiments described by a YAML file. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Run experiments: datasets × splits × algorithm configurations × seeds, "
        + "described by a YAML file.",
    subcommands = {ExperimentCommand.Run.class})
final class ExperimentCommand {

  /** {@code reco experiment run exp.yaml}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run every run of an experiment file one at a time, writing DIR/runs/<id>.json "
          + "per finished run and DIR/summary.csv; with --resume, finished runs are skipped.")
  static final class Run implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (YAML or JSON).")
    Path file;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR",
        description = "Results directory. Default: reco-results/<experiment name>.")
    Path out;

    @Option(names = "--resume", description = "Continue the experiment in DIR: skip runs whose "
        + "JSON is complete. Refused when DIR was made by a different experiment file.")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N",
        description = "Worker threads, overriding the file's threads (0 = all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
      PrintWriter stdout = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      String text = Files.readString(file, StandardCharsets.UTF_8);
      ExperimentSpec exp = ExperimentSpec.load(file);
      if (threads != null) {
        exp = exp.withThreads(threads);
      }
      Path dir = out != null ? out
          : Path.of("reco-results", exp.name().replaceAll("[^A-Za-z0-9._-]", "_"));
      Path specDir = file.toAbsolutePath().getParent();
      ExperimentRunner.Outcome o;
      try (Progress progress = new Progress(err)) {
        o = new ExperimentRunner(exp, text, specDir, dir, resume, progress).run();
      }
      stdout.printf(Locale.ROOT, "%d run(s): %d ran, %d already complete%n", o.total(), o.ran(),
          o.skipped());
      stdout.println("results: " + dir);
      stdout.println("summary: " + o.summary());
      return 0;
    }
  }

  /**
   * On a terminal, two bars: the whole experiment (runs done, ETA) and the running run (its
   * iterations over all folds, with the latest loss and convergence metric); plain lines
   * otherwise.
   */
  static final class Progress implements ExperimentListener, AutoCloseable {
    /** "fold 2: iteration 5/20", "trial 3/30: iteration 4/15". */
    private static final java.util.regex.Pattern ITERATION =
        java.util.regex.Pattern.compile(": iteration \\d+/\\d+$");
    private final PrintWriter err;
    private final boolean interactive = System.console() != null;
    private ProgressBar bar;
    private ProgressBar runBar;
    private String runLabel = "";
    private int total;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void started(int total, int done) {
      this.total = total;
      if (interactive) {
        bar = new ProgressBarBuilder().setTaskName("experiment").setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII).startsFrom(done, Duration.ZERO)
            .setConsumer(new InteractiveConsoleProgressBarConsumer(System.err)).build();
        // one bar for every run, on the line below the experiment's
        runBar = new ProgressBarBuilder().setTaskName("run").setInitialMax(-1)
            .setStyle(ProgressBarStyle.ASCII).clearDisplayOnFinish()
            .setConsumer(new InteractiveConsoleProgressBarConsumer(System.err)).build();
      } else {
        line(String.format(Locale.ROOT, "%d run(s), %d already complete", total, done));
      }
    }

    @Override
    public void runStarted(PlannedRun run) {
      if (bar != null) {
        bar.setExtraMessage(run.label() + ": starting");
        runBar.reset();
        runBar.maxHint(-1);
        runLabel = run.label();
        runBar.setExtraMessage(runLabel);
      } else {
        line(String.format(Locale.ROOT, "[%d/%d] %s (%s)", run.index() + 1, total,
            run.describe(), run.id()));
      }
    }

    @Override
    public void runProgress(PlannedRun run, String text) {
      if (bar != null) {
        bar.setExtraMessage(run.label() + " " + text);
      } else if (!ITERATION.matcher(text).find()) { // per-iteration lines only on the bar
        line("  " + text);
      }
    }

    @Override
    public void runIteration(PlannedRun run, int fold, int folds, int iteration, int iterations,
        double loss, String metric, double value) {
      if (runBar == null) {
        return;
      }
      runBar.maxHint((long) folds * iterations);
      runBar.stepTo((long) (fold - 1) * iterations + iteration);
      StringBuilder sb = new StringBuilder(runLabel).append(' ');
      if (folds > 1) {
        sb.append("fold ").append(fold).append('/').append(folds).append(' ');
      }
      sb.append("it ").append(iteration).append('/').append(iterations);
      if (!Double.isNaN(loss)) {
        sb.append(String.format(Locale.ROOT, " loss %.5g", loss));
      }
      if (metric != null && !Double.isNaN(value)) {
        sb.append(String.format(Locale.ROOT, " %s %.4f", metric, value));
      }
      runBar.setExtraMessage(sb.toString());
    }

    @Override
    public void runFinished(PlannedRun run, RunResult result) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, MetricSummary> e
          : result.report().algorithms().get(0).summary().entrySet()) {
        sb.append(' ').append(e.getKey()).append('=').append(e.getValue().format(4));
      }
      if (bar != null) {
        bar.step();
        bar.setExtraMessage(run.label() + sb);
      } else {
        line(String.format(Locale.ROOT, "  done in %.1f s:%s", result.report().totalSeconds(), sb));
      }
    }

    @Override
    public void runSkipped(PlannedRun run) {
      if (bar == null) {
        line(String.format(Locale.ROOT, "[%d/%d] %s: already complete", run.index() + 1, total,
            run.id()));
      }
    }

    @Override
    public void message(String text) {
      if (bar != null) {
        bar.setExtraMessage(text);
      } else {
        line(text);
      }
    }

    private void line(String text) {
      err.println(text);
      err.flush();
    }

    private void closeRunBar() {
      if (runBar != null) {
        runBar.close();
        runBar = null;
      }
    }

    @Override
    public void close() {
      closeRunBar();
      if (bar != null) {
        bar.close();
      }
    }
  }
}
