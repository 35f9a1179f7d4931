package io.reco4j.algorithms.ease;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Provenance;
import io.reco4j.model.Trainer;
import io.reco4j.util.Parallel;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.javacpp.Pointer;

/**
 * Trains EASE<sup>R</sup>: Harald Steck, "Embarrassingly Shallow Autoencoders for Sparse Data",
 * WWW 2019. The item-item weight matrix has the closed form
 *
 * <pre>
 *   G = X<sup>T</sup>X + λI,   P = G<sup>-1</sup>,   B = I − P · diag(1 / diag(P))
 * </pre>
 *
 * i.e. B<sub>ij</sub> = −P<sub>ij</sub> / P<sub>jj</sub> off the diagonal and B<sub>jj</sub> = 0,
 * the ridge regression of each item's column on all the others under the constraint of a zero
 * diagonal. A user's scores are x<sub>u</sub>·B.
 *
 * <p>Steps and their cost, n items: the Gram matrix by {@link GramKernel} (Σ<sub>u</sub>
 * |u|²/2 multiply-adds, streamed row by row into the solver's buffer, no dense X); the inverse
 * by Cholesky through {@link SpdInverse} (n³ flops: n³/3 for {@code dpotrf} + 2n³/3 for {@code
 * dpotri}, or their single-precision {@code s} twins, the default); B assembled
 * row-block-parallel in float. Memory: 4·n² bytes off-heap for the float matrix (8·n² with
 * {@code openblas-double}, 16·n² of heap with the Java solver) plus 4·n² on the heap for B,
 * checked before anything is allocated.
 *
 * <p>Deterministic: no randomness; the Gram matrix and the assembly of B do not depend on the
 * thread count. OpenBLAS runs single-threaded below {@link SpdInverse#OPENBLAS_SERIAL_BELOW}
 * items, so such models are bit-identical for every {@code threads}; above, its parallel Cholesky
 * rounds differently from its serial one in the last bits (1 vs 2 threads). Stateless and thread-safe, except that the OpenBLAS thread count is process-wide.
 */
public final class EaseTrainer implements Trainer<EaseModel> {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final EaseConfig config;

  /** A trainer with the given configuration. */
  public EaseTrainer(EaseConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link EaseConfig#defaults()}. */
  public EaseTrainer() {
    this(EaseConfig.defaults());
  }

  @Override
  public EaseConfig config() {
    return config;
  }

  /**
   * Trains on every entry of {@code data.matrix()}; an empty matrix gives B = 0 (every score 0).
   *
   * @throws IllegalArgumentException when the item count exceeds {@link EaseConfig#maxItems()}
   *     or the dense matrices cannot fit in the memory this JVM may use; the message says how
   *     much memory is needed
   */
  @Override
  public EaseModel train(Dataset data) {
    long start = System.nanoTime();
    int n = data.itemCount();
    String backend = backend(config.solver());
    checkMemory(n, config.maxItems(), backend, Runtime.getRuntime().maxMemory(),
        backend.startsWith("openblas") ? Pointer.maxBytes() - Pointer.totalBytes()
            : Long.MAX_VALUE);
    CsrMatrix x = data.matrix();
    int threads = Parallel.resolve(config.threads());
    float[] b = new float[n * n];
    double gram;
    double solve;
    double assemble;
    try (SpdInverse inv = SpdInverse.of(backend, n)) {
      double lambda = config.lambda();
      long t0 = System.nanoTime();
      GramKernel.upperRows(x, config.useValues(), threads,
          (i, row) -> inv.putUpperRow(i, row, lambda));
      long t1 = System.nanoTime();
      inv.invert(threads);
      long t2 = System.nanoTime();
      assemble(inv, n, threads, b);
      long t3 = System.nanoTime();
      gram = (t1 - t0) / 1e9;
      solve = (t2 - t1) / 1e9;
      assemble = (t3 - t2) / 1e9;
    }
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("gramSeconds", gram);
    timings.put("solveSeconds", solve);
    timings.put("assembleSeconds", assemble);
    timings.put("nativeSolver", backend.startsWith("openblas") ? 1.0 : 0.0);
    Provenance p = Provenance.of(EaseModel.ALGORITHM, config, data.name(), data.fingerprint(),
        (System.nanoTime() - start) / 1e9).withMetrics(timings);
    return new EaseModel(config, p, data.users(), data.items(), x, b);
  }

  /**
   * The backend a solver setting resolves to on this JVM: {@code "openblas"}, {@code
   * "openblas-double"} or {@code "java"}.
   */
  public static String backend(String solver) {
    return switch (solver) {
      case "java" -> "java";
      case "openblas", "openblas-double" -> {
        if (!SpdInverse.openBlasAvailable()) {
          throw new IllegalStateException("ease: solver 'openblas' requested but its natives do "
              + "not load on this platform (" + SpdInverse.openBlasProblem()
              + "); use solver 'auto' or 'java'");
        }
        yield solver;
      }
      default -> SpdInverse.openBlasAvailable() ? "openblas" : "java";
    };
  }

  /**
   * Bytes of Java heap and of off-heap memory that training on {@code n} items needs with a
   * backend: B (4·n², heap) plus the double matrix (8·n²; off-heap for OpenBLAS, heap for the Java
   * backend, which also allocates its inverse: 16·n²).
   *
   * @return {heap bytes, off-heap bytes}
   */
  public static long[] requiredBytes(int n, String backend) {
    long nn = (long) n * n;
    return switch (backend) {
      case "openblas" -> new long[] {4 * nn, 4 * nn};
      case "openblas-double" -> new long[] {4 * nn, 8 * nn};
      default -> new long[] {4 * nn + 16 * nn, 0};
    };
  }

  /**
   * Rejects an item count above {@code maxItems} or whose dense matrices exceed the memory
   * limits, with a message that gives the memory needed.
   *
   * @param maxHeap the heap limit ({@code Runtime.maxMemory()})
   * @param offHeapLeft the off-heap bytes JavaCPP may still allocate
   */
  static void checkMemory(int n, int maxItems, String backend, long maxHeap, long offHeapLeft) {
    long[] need = requiredBytes(n, backend);
    String what = String.format(Locale.ROOT, "EASE keeps dense %d x %d matrices: %.2f GiB of heap "
        + "for the float weights B%s", n, n, need[0] / GIB, need[1] > 0
        ? String.format(Locale.ROOT, " and %.2f GiB off-heap for the Gram matrix and its "
        + "inverse (OpenBLAS)", need[1] / GIB)
        : " and the double Gram matrix and its inverse (pure-Java solver)");
    if (n > maxItems) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "ease: %d items exceed "
          + "maxItems = %d. %s. Raise maxItems (at most %d) and the memory, or keep only the most "
          + "popular items", n, maxItems, what, EaseConfig.HARD_MAX_ITEMS));
    }
    if (need[0] > maxHeap) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "ease: not enough heap for "
          + "%d items: %s, but the heap limit is %.2f GiB. Run with -Xmx%dg or more, or keep "
          + "fewer items", n, what, maxHeap / GIB, (long) Math.ceil(need[0] * 1.25 / GIB)));
    }
    if (need[1] > offHeapLeft) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "ease: not enough off-heap "
          + "memory for %d items: %s, but JavaCPP may allocate only %.2f GiB more. Raise "
          + "-Dorg.bytedeco.javacpp.maxBytes (default: the heap limit)", n, what,
          offHeapLeft / GIB));
    }
  }

  /**
   * B<sub>ij</sub> = −P<sub>ij</sub>/P<sub>jj</sub>, B<sub>ii</sub> = 0, from the upper triangle
   * of P. Each upper entry is read once and written to both (i, j) and (j, i); row blocks write
   * disjoint entries, so the result does not depend on threads.
   */
  static void assemble(SpdInverse inv, int n, int threads, float[] b) {
    double[] diag = new double[n];
    ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[n]);
    Parallel.forRange(threads, n, 64, (from, to) -> {
      double[] row = scratch.get();
      for (int i = from; i < to; i++) {
        inv.upperRow(i, row);
        diag[i] = row[i];
      }
    });
    Parallel.forRange(threads, n, 64, (from, to) -> {
      double[] row = scratch.get();
      for (int i = from; i < to; i++) {
        inv.upperRow(i, row);
        int base = i * n;
        b[base + i] = 0f;
        double di = diag[i];
        for (int j = i + 1; j < n; j++) {
          double p = row[j];
          b[base + j] = (float) (-p / diag[j]);
          b[j * n + i] = (float) (-p / di);
        }
      }
    });
  }
}
