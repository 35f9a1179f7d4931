package io.reco4j.cli;

import io.reco4j.experiment.ExperimentReport;
import io.reco4j.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reco report DIR}: an experiment's results as tables with significance marks. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Report an experiment results directory (reco experiment run --out DIR): a table "
        + "per dataset and split, best per metric in bold, '*' on runs significantly worse than "
        + "the best (paired t-test over users, Holm-adjusted; single-fold splits only).")
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The experiment results directory.")
  Path dir;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
      description = "Output format: markdown (default). html is not implemented yet.")
  String format;

  @Option(names = {"--out", "-o"}, paramLabel = "FILE",
      description = "Write the report to FILE (atomically) instead of standard output.")
  Path out;

  @Override
  public Integer call() throws Exception {
    String f = format.toLowerCase(java.util.Locale.ROOT);
    if (f.equals("html")) {
      throw new IllegalArgumentException("--format html: not yet implemented: use --format "
          + "markdown");
    }
    if (!f.equals("markdown") && !f.equals("md")) {
      throw new IllegalArgumentException("--format: unknown format '" + format
          + "'; use markdown");
    }
    String text = ExperimentReport.read(dir).toMarkdown();
    PrintWriter stdout = spec.commandLine().getOut();
    if (out == null) {
      stdout.print(text);
    } else {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(out, o -> o.write(bytes));
      stdout.println("report: " + out);
    }
    return 0;
  }
}
