package io.reco4j.cli;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.download.DataDirs;
import io.reco4j.data.download.DatasetDownloader;
import io.reco4j.data.download.DownloadOptions;
import io.reco4j.data.download.DownloadResult;
import io.reco4j.data.download.ProgressListener;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.synth.SynthConfig;
import io.reco4j.data.synth.SyntheticRatings;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reco data …}: inspect, download and generate datasets. */
@Command(name = "data", description = "Inspect, download and generate datasets.",
    mixinStandardHelpOptions = true,
    subcommands = {DataCommand.Info.class, DataCommand.Download.class, DataCommand.Synth.class})
final class DataCommand {

  /** {@code reco data download NAME}. */
  @Command(name = "download", mixinStandardHelpOptions = true,
      description = "Download a MovieLens release from GroupLens, verify its pinned SHA-256 and "
          + "unpack it into the data directory ($RECO_DATA, default ~/.reco4j/data).")
  static final class Download implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
        description = "One of: ml-100k, ml-1m, ml-latest-small, ml-20m, ml-25m, ml-32m.")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where to unpack (default: $RECO_DATA or ~/.reco4j/data).")
    Path dataDir;

    @Option(names = "--force", description = "Download again even when already installed.")
    boolean force;

    @Option(names = "--insecure-skip-checksum",
        description = "Install even when the archive's SHA-256 is not pinned or does not match.")
    boolean skipChecksum;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      DatasetDownloader d = dataDir == null ? DatasetDownloader.fromEnvironment()
          : new DatasetDownloader(dataDir, DataDirs.defaultBaseUrl());
      DownloadResult r = d.download(name,
          DownloadOptions.defaults().withForce(force).withInsecureSkipChecksum(skipChecksum),
          ProgressListener.printingTo(System.err));
      out.println(r.directory());
      return 0;
    }
  }

  /** {@code reco data synth}. */
  @Command(name = "synth", mixinStandardHelpOptions = true,
      description = "Write a seeded synthetic ratings file shaped like MovieLens-20M (power-law "
          + "item popularity, heavy-tailed user activity) in the ML-20M ratings.csv format. "
          + "Same seed, same bytes, for any thread count.")
  static final class Synth implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--users", defaultValue = "138000", description = "Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--items", defaultValue = "27000", description = "Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--ratings", defaultValue = "20000000", description = "Default: ${DEFAULT-VALUE}.")
    long ratings;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "0 = all cores.")
    int threads;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE",
        description = "Output file (written atomically).")
    Path out;

    @Override
    public Integer call() throws Exception {
      long t0 = System.nanoTime();
      SyntheticRatings.Summary s = SyntheticRatings.write(
          SynthConfig.of(users, items, ratings, seed).withThreads(threads), out);
      spec.commandLine().getOut().printf(Locale.ROOT,
          "wrote %s: %,d ratings, %,d users, %,d rated movies (max id %,d), %,d bytes in %.1f s%n",
          out, s.rows(), s.users(), s.ratedMovies(), s.maxMovieId(), s.bytes(),
          (System.nanoTime() - t0) / 1e9);
      return 0;
    }
  }

  /** {@code reco data info}. */
  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Counts, density, rating histogram and activity quantiles of a dataset.")
  static final class Info implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
        description = "A dataset name or path (same as --data).")
    String file;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (file != null) {
        data.data = file;
      }
      Runtime rt = Runtime.getRuntime();
      DelimitedLoader.LoadResult r = data.load(null, err);
      Dataset d = r.dataset();
      CsrMatrix m = d.matrix();
      out.printf(Locale.ROOT, "dataset      %s%n", d.name());
      out.printf(Locale.ROOT, "loaded in    %.3f s (%s%s)%n", r.stats().seconds(),
          r.stats().fromSnapshot() ? "from snapshot" : "parsed",
          data.threads > 0 ? ", " + data.threads + " threads" : "");
      out.printf(Locale.ROOT, "users        %,d%n", d.userCount());
      out.printf(Locale.ROOT, "items        %,d%n", d.itemCount());
      out.printf(Locale.ROOT, "interactions %,d%n", d.size());
      if (!r.stats().fromSnapshot()) {
        out.printf(Locale.ROOT, "lines        %,d data lines, %,d skipped, %,d duplicates merged%n",
            r.stats().dataLines(), r.stats().skipped(), r.stats().duplicatesMerged());
      }
      out.printf(Locale.ROOT, "density      %.4f%%%n", 100 * d.density());
      out.printf(Locale.ROOT, "ids          users %s, items %s%n",
          d.users().isNumeric() ? "numeric" : "string", d.items().isNumeric() ? "numeric" : "string");
      out.printf(Locale.ROOT, "memory       %.2f bytes per interaction (CSR %,d bytes)%n",
          (double) m.memoryBytes() / Math.max(1, d.size()), m.memoryBytes());
      if (m.hasTimestamps()) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int p = 0; p < m.nnz(); p++) {
          long t = m.timestamps().get(p);
          min = Math.min(min, t);
          max = Math.max(max, t);
        }
        out.printf(Locale.ROOT, "timestamps   %d .. %d (%s .. %s)%n", min, max,
            java.time.Instant.ofEpochSecond(min).toString().substring(0, 10),
            java.time.Instant.ofEpochSecond(max).toString().substring(0, 10));
      }
      if (d.explicit()) {
        TreeMap<Float, Integer> hist = new TreeMap<>();
        double sum = 0;
        for (float v : m.values()) {
          sum += v;
        }
        if (distinctAtMost(m.values(), 20)) {
          for (float v : m.values()) {
            hist.merge(v, 1, Integer::sum);
          }
          out.printf(Locale.ROOT, "ratings      mean %.4f%n", sum / Math.max(1, d.size()));
          int maxCount = hist.values().stream().mapToInt(Integer::intValue).max().orElse(1);
          for (var e : hist.entrySet()) {
            out.printf(Locale.ROOT, "  %5s %10d %5.1f%% %s%n", trim(e.getKey()), e.getValue(),
                100.0 * e.getValue() / d.size(), "#".repeat((int) Math.round(40.0 * e.getValue() / maxCount)));
          }
        } else {
          float[] v = m.values().clone();
          Arrays.sort(v);
          out.printf(Locale.ROOT, "values       mean %.4f, min %s, median %s, max %s%n",
              sum / Math.max(1, d.size()), trim(v[0]), trim(v[v.length / 2]), trim(v[v.length - 1]));
        }
      } else {
        out.println("values       implicit (no rating column)");
      }
      printQuantiles(out, "per user", rowLengths(m));
      printQuantiles(out, "per item", m.colCounts());
      if (d.metadata() != null) {
        out.printf(Locale.ROOT, "metadata     %,d titled items%n", d.metadata().titledCount());
      }
      rt.gc();
      return 0;
    }

    private static boolean distinctAtMost(float[] v, int k) {
      float[] seen = new float[k];
      int n = 0;
      outer:
      for (float x : v) {
        for (int j = 0; j < n; j++) {
          if (seen[j] == x) {
            continue outer;
          }
        }
        if (n == k) {
          return false;
        }
        seen[n++] = x;
      }
      return true;
    }

    private static String trim(float f) {
      return f == Math.rint(f) && Math.abs(f) < 1e7 ? String.format(Locale.ROOT, "%.1f", f)
          : Float.toString(f);
    }

    private static int[] rowLengths(CsrMatrix m) {
      int[] n = new int[m.rows()];
      for (int r = 0; r < m.rows(); r++) {
        n[r] = m.rowLength(r);
      }
      return n;
    }

    private static void printQuantiles(PrintWriter out, String label, int[] counts) {
      int[] c = counts.clone();
      Arrays.sort(c);
      if (c.length == 0) {
        return;
      }
      long sum = 0;
      for (int x : c) {
        sum += x;
      }
      out.printf(Locale.ROOT, "%-12s min %d, p25 %d, median %d, p75 %d, p90 %d, p99 %d, max %d, mean %.1f%n",
          label, c[0], q(c, 0.25), q(c, 0.5), q(c, 0.75), q(c, 0.9), q(c, 0.99), c[c.length - 1],
          (double) sum / c.length);
    }

    private static int q(int[] sorted, double p) {
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))];
    }
  }
}
