package io.reco4j.cli;

import io.reco4j.data.Dataset;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.io.Snapshots;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reco bench …}: end-to-end timings that back the figures in docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "End-to-end benchmarks (loading, snapshots).",
    subcommands = {BenchCommand.Load.class})
final class BenchCommand {

  /** {@code reco bench load FILE}. */
  @Command(name = "load", mixinStandardHelpOptions = true,
      description = "Times parsing a ratings file into CSR (and reloading its snapshot), and "
          + "measures the bytes per rating held; --naive times the BufferedReader+split loader.")
  static final class Load implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Parameters(index = "0", paramLabel = "FILE", description = "A ratings file.")
    Path file;

    @Option(names = "--repeat", defaultValue = "3", description = "Timed runs (best and all are "
        + "printed). Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--naive", description = "Also time the naive BufferedReader + split loader.")
    boolean naive;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "file %s (%,d bytes), %d cores, JVM %s, max heap %d MiB%n", file,
          Files.size(file), Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
      double[] parse = new double[repeat];
      Dataset d = null;
      long before = usedAfterGc();
      for (int k = 0; k < repeat; k++) {
        d = null;
        long t0 = System.nanoTime();
        DelimitedLoader.LoadResult r = DelimitedLoader.load(file, data.loadOptions());
        parse[k] = (System.nanoTime() - t0) / 1e9;
        d = r.dataset();
        out.printf(Locale.ROOT, "parse run %d: %.3f s%n", k + 1, parse[k]);
      }
      long held = usedAfterGc() - before;
      int nnz = d.size();
      out.printf(Locale.ROOT, "parse: best %.3f s, all %s; %,d ratings, %,d users, %,d items%n",
          min(parse), Arrays.toString(round(parse)), nnz, d.userCount(), d.itemCount());
      out.printf(Locale.ROOT, "resident: %.2f bytes/rating measured (heap after GC), %.2f in CSR arrays%n",
          (double) held / nnz, (double) d.matrix().memoryBytes() / nnz);
      Path snap = Files.createTempFile("reco4j-bench", ".r4js");
      try {
        long t0 = System.nanoTime();
        Snapshots.write(d, Snapshots.SourceKey.of(file, "bench"), snap);
        double write = (System.nanoTime() - t0) / 1e9;
        double[] reload = new double[repeat];
        for (int k = 0; k < repeat; k++) {
          d = null;
          long t1 = System.nanoTime();
          d = Snapshots.read(snap);
          reload[k] = (System.nanoTime() - t1) / 1e9;
        }
        out.printf(Locale.ROOT, "snapshot: %,d bytes, write %.3f s, reload best %.3f s, all %s%n",
            Files.size(snap), write, min(reload), Arrays.toString(round(reload)));
      } finally {
        Files.deleteIfExists(snap);
      }
      if (naive) {
        d = null;
        usedAfterGc();
        double[] nt = new double[repeat];
        for (int k = 0; k < repeat; k++) {
          long t0 = System.nanoTime();
          NaiveLoader.load(file, data.delimiter != null ? data.delimiter : ",", true);
          nt[k] = (System.nanoTime() - t0) / 1e9;
          out.printf(Locale.ROOT, "naive run %d: %.3f s%n", k + 1, nt[k]);
        }
        out.printf(Locale.ROOT, "naive (BufferedReader + split + objects): best %.3f s; reco4j is %.1fx faster%n",
            min(nt), min(nt) / min(parse));
      }
      out.printf(Locale.ROOT, "peak RSS-ish: heap committed %d MiB, GC %s%n",
          Runtime.getRuntime().totalMemory() >> 20,
          ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
      return 0;
    }

    private static long usedAfterGc() {
      Runtime rt = Runtime.getRuntime();
      for (int k = 0; k < 3; k++) {
        System.gc();
      }
      return rt.totalMemory() - rt.freeMemory();
    }

    private static double min(double[] a) {
      return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double[] round(double[] a) {
      return Arrays.stream(a).map(x -> Math.round(x * 1000) / 1000.0).toArray();
    }
  }
}
