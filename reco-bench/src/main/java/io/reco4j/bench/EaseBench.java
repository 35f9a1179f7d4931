package io.reco4j.bench;

import io.reco4j.algorithms.ease.EaseConfig;
import io.reco4j.algorithms.ease.EaseModel;
import io.reco4j.algorithms.ease.EaseTrainer;
import io.reco4j.algorithms.ease.GramKernel;
import io.reco4j.algorithms.ease.SpdInverse;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.IdIndex;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.io.LoadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * End-to-end timings of EASE. Two modes, one line of results each:
 *
 * <pre>
 * # the SPD inverse alone on a synthetic n × n matrix (one backend per JVM, so that peak RSS is
 * # that backend's): backend openblas (spotrf+spotri), openblas-double (dpotrf+dpotri) or java (EJML)
 * java -cp reco-bench/target/benchmarks.jar io.reco4j.bench.EaseBench --solve openblas --n 9724 --threads 2
 *
 * # Gram kernel and full training on a ratings CSV restricted to its K most popular items
 * java -Xmx12g -cp reco-bench/target/benchmarks.jar io.reco4j.bench.EaseBench \
 *     --data bench-data/synth-20m.csv --items 20000 --threads 2
 * </pre>
 *
 * Flops of a Cholesky inverse: n³/3 for the factorisation (potrf) + 2n³/3 for the inverse from
 * the factor (potri) = n³, the count GFLOP/s is based on. Peak RSS is the process's VmHWM.
 */
public final class EaseBench {
  private EaseBench() {}

  public static void main(String[] args) throws IOException {
    String solve = null;
    String data = null;
    int n = 1682;
    int items = 20_000;
    int threads = 2;
    float lambda = EaseConfig.defaults().lambda();
    String solver = "auto";
    int gramRepeats = 3;
    int repeats = 1;
    for (int k = 0; k < args.length; k++) {
      switch (args[k]) {
        case "--solve" -> solve = args[++k];
        case "--data" -> data = args[++k];
        case "--n" -> n = Integer.parseInt(args[++k]);
        case "--items" -> items = Integer.parseInt(args[++k]);
        case "--threads" -> threads = Integer.parseInt(args[++k]);
        case "--lambda" -> lambda = Float.parseFloat(args[++k]);
        case "--solver" -> solver = args[++k];
        case "--gram-repeats" -> gramRepeats = Integer.parseInt(args[++k]);
        case "--repeats" -> repeats = Integer.parseInt(args[++k]);
        default -> throw new IllegalArgumentException("unknown argument " + args[k]);
      }
    }
    if (solve != null) {
      for (int r = 0; r < repeats; r++) {
        solve(solve, n, threads);
      }
    } else if (data != null) {
      data(Path.of(data), items, threads, lambda, solver, gramRepeats);
    } else {
      throw new IllegalArgumentException("give --solve BACKEND --n N or --data CSV --items K");
    }
  }

  private static void solve(String backend, int n, int threads) {
    SplittableRandom rnd = new SplittableRandom(42);
    double[] row = new double[n];
    try (SpdInverse inv = SpdInverse.of(backend, n)) {
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          row[j] = rnd.nextDouble();
        }
        inv.putUpperRow(i, row, n); // diagonally dominant, hence SPD
      }
      long t0 = System.nanoTime();
      inv.invert(threads);
      double s = (System.nanoTime() - t0) / 1e9;
      inv.upperRow(0, row);
      System.out.printf(Locale.ROOT, "solve backend=%s n=%d threads=%d seconds=%.3f "
          + "GFLOP/s=%.2f (n^3 flops) peakRSS=%s P00=%.6g%n", backend, n, threads, s,
          Math.pow(n, 3) / s / 1e9, peakRss(), row[0]);
    }
  }

  private static void data(Path csv, int k, int threads, float lambda, String solver,
      int gramRepeats) throws IOException {
    long t0 = System.nanoTime();
    Dataset full = DelimitedLoader.load(csv, LoadOptions.defaults()).dataset();
    System.out.printf(Locale.ROOT, "loaded %s: %d users x %d items, %d ratings in %.1fs%n", csv,
        full.userCount(), full.itemCount(), full.size(), (System.nanoTime() - t0) / 1e9);
    Dataset d = topItems(full, k);
    CsrMatrix x = d.matrix();
    long work = 0;
    for (int u = 0; u < x.rows(); u++) {
      long len = x.rowLength(u);
      work += len * (len + 1) / 2;
    }
    System.out.printf(Locale.ROOT, "top %d items: %d ratings kept; Gram work %.3g multiply-adds%n",
        d.itemCount(), d.size(), (double) work);
    x.transpose(); // built once and cached, as in training; not part of the kernel's time
    double best = Double.MAX_VALUE;
    for (int r = 0; r < gramRepeats; r++) {
      // the sink is called concurrently for distinct rows: sum the diagonal through an adder
      java.util.concurrent.atomic.DoubleAdder trace = new java.util.concurrent.atomic.DoubleAdder();
      long g0 = System.nanoTime();
      GramKernel.upperRows(x, false, threads, (i, rowG) -> trace.add(rowG[i]));
      double s = (System.nanoTime() - g0) / 1e9;
      best = Math.min(best, s);
      System.out.printf(Locale.ROOT, "gram run %d: %.3fs (trace %.0f)%n", r + 1, s, trace.sum());
    }
    System.out.printf(Locale.ROOT, "gram best of %d: %.3fs, %.2f G multiply-adds/s, threads=%d%n",
        gramRepeats, best, work / best / 1e9, threads);
    EaseConfig c = new EaseConfig(lambda, false, threads, EaseConfig.HARD_MAX_ITEMS, solver);
    long t1 = System.nanoTime();
    EaseModel m = new EaseTrainer(c).train(d);
    double s = (System.nanoTime() - t1) / 1e9;
    double solveS = m.provenance().metrics().get("solveSeconds");
    int n = d.itemCount();
    System.out.printf(Locale.ROOT, "train n=%d solver=%s threads=%d: total %.2fs %s; solve "
        + "%.2f GFLOP/s; peakRSS=%s%n", n, EaseTrainer.backend(solver), threads, s,
        m.provenance().metrics(), Math.pow(n, 3) / solveS / 1e9, peakRss());
  }

  /** The dataset restricted to its {@code k} most-interacted items (ties: lower index first). */
  static Dataset topItems(Dataset d, int k) {
    CsrMatrix x = d.matrix();
    int n = d.itemCount();
    if (k >= n) {
      return d;
    }
    int[] counts = x.colCounts();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a])
        : Integer.compare(a, b));
    boolean[] keep = new boolean[n];
    for (int r = 0; r < k; r++) {
      keep[order[r]] = true;
    }
    int[] newIndex = new int[n];
    long[] ids = new long[k];
    int next = 0;
    for (int i = 0; i < n; i++) {
      newIndex[i] = keep[i] ? next++ : -1;
      if (keep[i]) {
        ids[newIndex[i]] = i;
      }
    }
    int[] rowPtr = new int[x.rows() + 1];
    int nnz = 0;
    for (int p = 0; p < x.nnz(); p++) {
      if (keep[x.colIdx()[p]]) {
        nnz++;
      }
    }
    int[] cols = new int[nnz];
    float[] vals = new float[nnz];
    int q = 0;
    for (int u = 0; u < x.rows(); u++) {
      for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
        int c = x.colIdx()[p];
        if (keep[c]) {
          cols[q] = newIndex[c]; // increasing: kept items keep their relative order
          vals[q++] = x.values()[p];
        }
      }
      rowPtr[u + 1] = q;
    }
    CsrMatrix y = new CsrMatrix(x.rows(), k, rowPtr, cols, vals, null);
    return new Dataset(d.name() + "-top" + k, d.users(), IdIndex.ofNumeric("item", ids), y,
        d.explicit(), null);
  }

  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.0fMB", kb / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
    return "n/a";
  }
}
