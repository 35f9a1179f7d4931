package io.reco4j.bench;

import io.reco4j.algorithms.als.AlsConfig;
import io.reco4j.algorithms.als.AlsTrainer;
import io.reco4j.algorithms.als.IalsConfig;
import io.reco4j.algorithms.als.IalsTrainer;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.io.LoadOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end iALS training speed on a ratings file: seconds per iteration (loading excluded),
 * achieved GFLOP/s by {@link IalsTrainer#flopsPerIteration} and peak heap.
 *
 * <pre>
 * java -Xmx2g -cp reco-bench/target/benchmarks.jar io.reco4j.bench.IalsScaleBench \
 *     --data bench-data/synth-20m.csv --factors 64 --iterations 3 --threads 2
 * </pre>
 *
 * Options: {@code --cg-steps N} (3), {@code --solver cg|cholesky} (cg), {@code --algo ials|als}
 * (ials; {@code als}: explicit ALS-WR on the file's values, default config otherwise). For
 * {@code ials} every value is treated as an interaction (binary implicit data, confidence 1 + α).
 */
public final class IalsScaleBench {
  private IalsScaleBench() {}

  public static void main(String[] args) throws Exception {
    Path data = null;
    int factors = 64;
    int iterations = 3;
    int threads = 2;
    int steps = 3;
    String solver = "cg";
    String algo = "ials";
    for (int k = 0; k < args.length; k++) {
      switch (args[k]) {
        case "--data" -> data = Path.of(args[++k]);
        case "--factors" -> factors = Integer.parseInt(args[++k]);
        case "--iterations" -> iterations = Integer.parseInt(args[++k]);
        case "--threads" -> threads = Integer.parseInt(args[++k]);
        case "--cg-steps" -> steps = Integer.parseInt(args[++k]);
        case "--solver" -> solver = args[++k];
        case "--algo" -> algo = args[++k];
        default -> throw new IllegalArgumentException("unknown option " + args[k]);
      }
    }
    if (data == null) {
      throw new IllegalArgumentException("--data FILE is required");
    }
    long t0 = System.nanoTime();
    Dataset d = DelimitedLoader.load(data, LoadOptions.defaults()).dataset().implicit(Float.NaN);
    double load = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "data %s: %d users x %d items, %d entries (load %.1fs)%n",
        data.getFileName(), d.userCount(), d.itemCount(), d.size(), load);
    System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
    System.out.printf(Locale.ROOT, "kernels: %s%n", io.reco4j.linalg.VectorKernels.provider().name());
    IalsConfig c = IalsConfig.defaults();
    c = new IalsConfig(factors, iterations, c.regularization(), c.alpha(), c.confidence(),
        c.epsilon(), IalsConfig.Solver.parse(solver), steps, c.regScaling(), c.regExponent(),
        c.initStd(), c.seed(), threads);
    List<Double> secs = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    long[] lastCpu = {processCpuNanos()};
    java.util.function.DoubleConsumer perIteration = s -> {
      secs.add(s);
      long now = processCpuNanos();
      cpu.add((now - lastCpu[0]) / 1e9);
      lastCpu[0] = now;
    };
    long tt = System.nanoTime();
    if (algo.equals("als")) {
      // explicit ALS-WR (defaults but factors/iterations/threads) on the file's values
      Dataset rated = DelimitedLoader.load(data, LoadOptions.defaults()).dataset();
      AlsConfig a = AlsConfig.defaults();
      a = new AlsConfig(factors, a.regularization(), iterations, a.biases(), a.initStd(),
          a.seed(), threads);
      lastCpu[0] = processCpuNanos();
      tt = System.nanoTime();
      new AlsTrainer(a).train(rated, (i, n, loss, s) -> perIteration.accept(s));
    } else if (algo.equals("ials")) {
      new IalsTrainer(c, perIteration).train(d);
    } else {
      throw new IllegalArgumentException("--algo must be ials or als: " + algo);
    }
    double total = (System.nanoTime() - tt) / 1e9;
    double flops = IalsTrainer.flopsPerIteration(d.userCount(), d.itemCount(), d.size(), factors,
        steps);
    System.out.printf(Locale.ROOT,
        "%s f=%d threads=%d solver=%s cgSteps=%d: %.2f GFLOP/iteration (iALS CG count)%n", algo, factors, threads, solver, steps, flops / 1e9);
    for (int i = 0; i < secs.size(); i++) {
      System.out.printf(Locale.ROOT,
          "  iteration %d: %.3f s wall  %.2f GFLOP/s; %.2f s CPU (all threads%s)%n", i + 1,
          secs.get(i), flops / secs.get(i) / 1e9, cpu.get(i),
          i == 0 ? ", includes transpose and init" : "");
    }
    double steady = secs.size() > 1
        ? secs.subList(1, secs.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0)
        : secs.get(0);
    double steadyCpu = cpu.size() > 1
        ? cpu.subList(1, cpu.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0)
        : cpu.get(0);
    System.out.printf(Locale.ROOT,
        "first %.3f s, steady %.3f s/iteration (%.2f GFLOP/s); train total %.2f s%n",
        secs.get(0), steady, flops / steady / 1e9, total);
    System.out.printf(Locale.ROOT,
        "steady CPU %.2f s/iteration = %.2f s/iteration if %d threads had whole cores%n",
        steadyCpu, steadyCpu / threads, threads);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "peak heap %.0f MiB (sum of pool peaks; max heap %.0f MiB)%n",
        peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
  }

  /** CPU time of the whole process (all threads): shows the work when the machine is shared. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "n/a";
    }
  }
}
