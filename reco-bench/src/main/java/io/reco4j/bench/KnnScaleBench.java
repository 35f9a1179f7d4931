package io.reco4j.bench;

import io.reco4j.algorithms.knn.ItemKnnConfig;
import io.reco4j.algorithms.knn.ItemKnnModel;
import io.reco4j.algorithms.knn.ItemKnnTrainer;
import io.reco4j.algorithms.knn.Similarity;
import io.reco4j.algorithms.knn.SimilarityKernel;
import io.reco4j.algorithms.knn.Weighting;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * End-to-end time and peak heap of building the item-item neighbour lists of item-kNN (cosine on
 * the implicit matrix, no shrinkage, top-k per item) for a dataset: a MovieLens folder or a
 * delimited ratings file. Each repetition times the similarity kernel alone ({@link
 * SimilarityKernel#compute}) and then the whole training ({@link ItemKnnTrainer}: baseline
 * predictor, values, kernel).
 *
 * <pre>
 * java -Xmx16g -cp reco-bench/target/benchmarks.jar io.reco4j.bench.KnnScaleBench \
 *     ../shared/data/ml-100k ../shared/data/ml-latest-small bench-data/synth-20m.csv
 * </pre>
 *
 * <p>Options before the paths: {@code --k N} (default 50), {@code --threads N} (default 0 = all
 * cores), {@code --repeat N} (default 3; the best and the mean are printed), {@code
 * --similarity NAME} (default cosine), {@code --half false} (the kernel-only timing without the
 * each-pair-once path). Peak heap is the sum of the heap pools' peak usage since
 * the loading finished (a JVM-wide upper bound that includes the loaded data and garbage not yet
 * collected). With {@code --threads 1} the kernel runs on the calling thread and its CPU time is
 * printed too, a figure less disturbed by other load on the machine than wall time.
 */
public final class KnnScaleBench {
  private KnnScaleBench() {}

  public static void main(String[] args) throws Exception {
    int k = 50;
    int threads = 0;
    int repeat = 3;
    Similarity sim = Similarity.COSINE;
    boolean half = true;
    int a = 0;
    for (; a < args.length && args[a].startsWith("--"); a += 2) {
      switch (args[a]) {
        case "--k" -> k = Integer.parseInt(args[a + 1]);
        case "--threads" -> threads = Integer.parseInt(args[a + 1]);
        case "--repeat" -> repeat = Integer.parseInt(args[a + 1]);
        case "--similarity" -> sim = Similarity.of(args[a + 1]);
        case "--half" -> half = Boolean.parseBoolean(args[a + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[a]);
      }
    }
    System.out.printf(Locale.ROOT, "cores %d, max heap %.1f GiB, %s %s%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1073741824.0,
        System.getProperty("java.vm.name"), System.getProperty("java.version"));
    for (; a < args.length; a++) {
      Path path = Path.of(args[a]);
      long t0 = System.nanoTime();
      Dataset data = Files.isDirectory(path)
          ? MovieLens.load(path, LoadOptions.defaults()).dataset()
          : DelimitedLoader.load(path, LoadOptions.defaults()).dataset();
      data = data.implicit(Float.NaN);
      double load = (System.nanoTime() - t0) / 1e9;
      ItemKnnConfig config = ItemKnnConfig.implicit(sim, k, Weighting.NONE).withThreads(threads);
      double best = Double.MAX_VALUE;
      double sum = 0;
      double kernelBest = Double.MAX_VALUE;
      double kernelCpu = Double.MAX_VALUE;
      long nnz = 0;
      System.gc();
      resetPeaks();
      long before = heapUsed();
      for (int r = 0; r < repeat; r++) {
        long tk = System.nanoTime();
        long ck = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        SimilarityKernel.compute(data.matrix().transpose(), sim, 0f, 1, k, threads, half);
        kernelBest = Math.min(kernelBest, (System.nanoTime() - tk) / 1e9);
        kernelCpu = Math.min(kernelCpu,
            (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - ck) / 1e9);
        long t = System.nanoTime();
        ItemKnnModel m = new ItemKnnTrainer(config).train(data);
        double s = (System.nanoTime() - t) / 1e9;
        best = Math.min(best, s);
        sum += s;
        nnz = m.neighbors().nnz();
      }
      long peak = peakHeap();
      System.out.printf(Locale.ROOT,
          "%s: %d users x %d items, %d interactions (load %.2fs); itemknn %s k=%d half=%s threads=%s:"
              + " kernel best %.3fs%s; whole training (baseline + kernel) best %.3fs, mean %.3fs over %d;"
              + " %d neighbours stored; heap before %.0f MiB, peak %.0f MiB%n",
          path.getFileName(), data.userCount(), data.itemCount(), data.size(), load, sim, k, half,
          threads == 0 ? "all" : Integer.toString(threads), kernelBest,
          threads == 1 ? String.format(Locale.ROOT, " (cpu %.3fs)", kernelCpu) : "", best, sum / repeat, repeat, nnz,
          before / 1048576.0, peak / 1048576.0);
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long s = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        s += p.getPeakUsage().getUsed();
      }
    }
    return s;
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
