package io.reco4j.cli;

import io.reco4j.data.UnknownIdException;
import io.reco4j.data.io.DataFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code reco} command line. Errors the user can fix (bad input, a missing dataset, an
 * unknown option value) print one clear line and exit with status 1; usage errors exit with 2.
 * Set {@code RECO4J_DEBUG=1} to see stack traces.
 */
@Command(name = "reco", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "reco4j: fast recommender data loading, models and evaluation on the JVM.",
    subcommands = {ServeCommand.class, QuickstartCommand.class, EvaluateCommand.class, TrainCommand.class,
        RecommendCommand.class, SimilarCommand.class, DataCommand.class,
        BenchCommand.class, ExperimentCommand.class, ReportCommand.class,
        CommandLine.HelpCommand.class})
public final class RecoCli {

  /** Runs the command line and returns the exit status. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new RecoCli());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      Throwable e = ex;
      while ((e instanceof UncheckedIOException || e instanceof java.util.concurrent.CompletionException)
          && e.getCause() != null) {
        e = e.getCause();
      }
      if (System.getenv("RECO4J_DEBUG") != null) {
        e.printStackTrace(err);
      }
      if (e instanceof DataFormatException || e instanceof UnknownIdException
          || e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e instanceof IOException) {
        err.println("error: " + message(e));
      } else {
        err.println("error: " + e.getClass().getSimpleName() + ": " + message(e)
            + " (set RECO4J_DEBUG=1 for the stack trace)");
      }
      err.flush();
      return 1;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + m;
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** Entry point. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }
}
