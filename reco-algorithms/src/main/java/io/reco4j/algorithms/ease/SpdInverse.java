package io.reco4j.algorithms.ease;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * In-place inverse of a dense symmetric positive-definite {@code n × n} matrix by Cholesky
 * factorisation, filled and read by upper-triangle rows. Two backends, chosen by measurement
 * (see {@code EASE.md}):
 *
 * <ul>
 *   <li>{@link #openBlas(int)}: OpenBLAS's LAPACK through JavaCPP, {@code LAPACKE_dpotrf} then
 *       {@code LAPACKE_dpotri}, on an off-heap buffer of 8·n² bytes (never on the Java heap). The
 *       row-major upper triangle is handed to LAPACK as the column-major lower triangle, the same
 *       bytes, so LAPACKE does no transposed copy;
 *   <li>{@link #openBlasFloat(int)}: the same in single precision ({@code spotrf}/{@code
 *       spotri}, 4·n² bytes off-heap), the default;
 *   <li>{@link #java(int)}: EJML's Cholesky solver ({@code LinearSolverFactory_DDRM.symmPosDef},
 *       its blocked variant above ~1000 rows), pure Java, single-threaded, on heap arrays (8·n²
 *       for the matrix, as much again for the inverse).
 * </ul>
 *
 * <p>Use: {@link #putUpperRow} for every row (concurrently for distinct rows), {@link #invert},
 * then {@link #upperRow} (concurrently), then {@link #close}. Not thread-safe otherwise.
 */
public abstract class SpdInverse implements AutoCloseable {
  /**
   * Below this order OpenBLAS runs single-threaded: its parallel Cholesky uses other block sizes
   * than its serial one, so 1 and more threads would round differently, and at this size the
   * parallel gain is a fraction of a second anyway.
   */
  public static final int OPENBLAS_SERIAL_BELOW = 2048;

  /** The order n of the matrix. */
  protected final int n;

  SpdInverse(int n) {
    if (n < 0 || n > EaseConfig.HARD_MAX_ITEMS) {
      throw new IllegalArgumentException("order " + n + " outside [0, "
          + EaseConfig.HARD_MAX_ITEMS + "]");
    }
    this.n = n;
  }

  /**
   * The OpenBLAS (LAPACK) backend in double precision ({@code dpotrf}/{@code dpotri}, 8·n² bytes
   * off-heap).
   *
   * @throws IllegalStateException when the natives do not load
   */
  public static SpdInverse openBlas(int n) {
    return new OpenBlas(n);
  }

  /**
   * The OpenBLAS (LAPACK) backend in single precision ({@code spotrf}/{@code spotri}, 4·n² bytes
   * off-heap): about twice the speed of double precision and half the memory; the rows are
   * still handed in and out as doubles.
   *
   * @throws IllegalStateException when the natives do not load
   */
  public static SpdInverse openBlasFloat(int n) {
    return new OpenBlasFloat(n);
  }

  /** Like {@link #of} with NIO views of at most {@code maxViewBytes} (tests of the slicing). */
  static SpdInverse of(String backend, int n, long maxViewBytes) {
    return switch (backend) {
      case "openblas" -> new OpenBlasFloat(n, maxViewBytes);
      case "openblas-double" -> new OpenBlas(n, maxViewBytes);
      default -> of(backend, n);
    };
  }

  /**
   * The backend of a resolved solver name: {@code "openblas"} (single precision),
   * {@code "openblas-double"} or {@code "java"}.
   */
  public static SpdInverse of(String backend, int n) {
    return switch (backend) {
      case "openblas" -> openBlasFloat(n);
      case "openblas-double" -> openBlas(n);
      case "java" -> java(n);
      default -> throw new IllegalArgumentException("unknown SPD backend '" + backend + "'");
    };
  }

  /** The pure-Java EJML backend. */
  public static SpdInverse java(int n) {
    return new Ejml(n);
  }

  /**
   * Whether OpenBLAS's natives load in this JVM (tried once); false on platforms whose natives
   * are not on the class path.
   */
  public static boolean openBlasAvailable() {
    return NativeCheck.AVAILABLE;
  }

  /** Why OpenBLAS is unavailable, or null when it is available. */
  public static String openBlasProblem() {
    return NativeCheck.PROBLEM;
  }

  /** A short name of the backend: {@code "openblas"} or {@code "java"}. */
  public abstract String name();

  /**
   * Stores row {@code i} of the matrix: {@code row[j]} for {@code j} in {@code [i, n)} plus
   * {@code diagonalShift} on the diagonal entry.
   */
  public abstract void putUpperRow(int i, double[] row, double diagonalShift);

  /**
   * Replaces the stored matrix by its inverse.
   *
   * @param threads threads of the factorisation (0 = all cores); for OpenBLAS this sets its
   *     process-wide thread count
   * @throws IllegalStateException when the matrix is not positive definite
   */
  public abstract void invert(int threads);

  /** Copies row {@code i} of the inverse, columns {@code [i, n)}, into {@code dst[i..n)}. */
  public abstract void upperRow(int i, double[] dst);

  /** Releases the matrix memory (off-heap for OpenBLAS). */
  @Override
  public abstract void close();

  /** The OpenBLAS thread count for order {@code n}: 1 below {@link #OPENBLAS_SERIAL_BELOW}. */
  static int blasThreads(int n, int threads) {
    return n < OPENBLAS_SERIAL_BELOW ? 1 : io.reco4j.util.Parallel.resolve(threads);
  }

  private static final class NativeCheck {
    static final boolean AVAILABLE;
    static final String PROBLEM;

    static {
      String problem = null;
      try {
        // loads the natives (JavaCPP extracts them into its cache on first use)
        openblas.blas_get_num_threads();
      } catch (Throwable e) { // LinkageError, or JavaCPP's wrapped load failure
        problem = e.toString();
      }
      PROBLEM = problem;
      AVAILABLE = problem == null;
    }
  }

  /** Rows per NIO view: a JavaCPP buffer view is limited to 2^31 - 1 bytes. */
  static int rowsPerView(int n, int bytesPerValue, long maxViewBytes) {
    return (int) Math.max(1, Math.min(n, (maxViewBytes / bytesPerValue) / Math.max(1, n)));
  }

  private static final class OpenBlas extends SpdInverse {
    private DoublePointer ptr;
    private final DoubleBuffer[] views; // view k holds rows [k*rows, (k+1)*rows)
    private final int rows;

    OpenBlas(int n) {
      this(n, Integer.MAX_VALUE);
    }

    OpenBlas(int n, long maxViewBytes) {
      super(n);
      if (!openBlasAvailable()) {
        throw new IllegalStateException("OpenBLAS natives do not load: " + openBlasProblem());
      }
      ptr = new DoublePointer(Math.max(1L, (long) n * n));
      rows = rowsPerView(n, Double.BYTES, maxViewBytes);
      views = new DoubleBuffer[(n + rows - 1) / rows];
      for (int k = 0; k < views.length; k++) {
        long from = (long) k * rows * n;
        long len = (long) Math.min(rows, n - k * rows) * n;
        // a pointer at the view's own address: JavaCPP's asBuffer() mishandles positions past
        // 2^31 bytes
        views[k] = ptr.getPointer(from).limit(len).capacity(len).asBuffer();
      }
    }

    @Override
    public String name() {
      return "openblas-double";
    }

    @Override
    public void putUpperRow(int i, double[] row, double diagonalShift) {
      DoubleBuffer buf = views[i / rows];
      int at = (i % rows) * n + i;
      buf.put(at, row, i, n - i);
      buf.put(at, row[i] + diagonalShift);
    }

    @Override
    public void invert(int threads) {
      if (n == 0) {
        return;
      }
      openblas.blas_set_num_threads(blasThreads(n, threads));
      // row-major upper == column-major lower: the same memory, no transposition
      int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, ptr, n);
      if (info != 0) {
        throw new IllegalStateException("dpotrf failed (info " + info
            + "): the Gram matrix + lambda*I is not positive definite");
      }
      info = openblas.LAPACKE_dpotri(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, ptr, n);
      if (info != 0) {
        throw new IllegalStateException("dpotri failed (info " + info + ")");
      }
    }

    @Override
    public void upperRow(int i, double[] dst) {
      views[i / rows].get((i % rows) * n + i, dst, i, n - i);
    }

    @Override
    public void close() {
      if (ptr != null) {
        ptr.close();
        ptr = null;
      }
    }
  }

  private static final class OpenBlasFloat extends SpdInverse {
    private FloatPointer ptr;
    private final FloatBuffer[] views; // view k holds rows [k*rows, (k+1)*rows)
    private final int rows;

    OpenBlasFloat(int n) {
      this(n, Integer.MAX_VALUE);
    }

    OpenBlasFloat(int n, long maxViewBytes) {
      super(n);
      if (!openBlasAvailable()) {
        throw new IllegalStateException("OpenBLAS natives do not load: " + openBlasProblem());
      }
      ptr = new FloatPointer(Math.max(1L, (long) n * n));
      rows = rowsPerView(n, Float.BYTES, maxViewBytes);
      views = new FloatBuffer[(n + rows - 1) / rows];
      for (int k = 0; k < views.length; k++) {
        long from = (long) k * rows * n;
        long len = (long) Math.min(rows, n - k * rows) * n;
        // a pointer at the view's own address: JavaCPP's asBuffer() mishandles positions past
        // 2^31 bytes
        views[k] = ptr.getPointer(from).limit(len).capacity(len).asBuffer();
      }
    }

    @Override
    public String name() {
      return "openblas";
    }

    @Override
    public void putUpperRow(int i, double[] row, double diagonalShift) {
      FloatBuffer buf = views[i / rows];
      int base = (i % rows) * n;
      buf.put(base + i, (float) (row[i] + diagonalShift));
      for (int j = i + 1; j < n; j++) {
        buf.put(base + j, (float) row[j]);
      }
    }

    @Override
    public void invert(int threads) {
      if (n == 0) {
        return;
      }
      openblas.blas_set_num_threads(blasThreads(n, threads));
      int info = openblas.LAPACKE_spotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, ptr, n);
      if (info != 0) {
        throw new IllegalStateException("spotrf failed (info " + info
            + "): the Gram matrix + lambda*I is not positive definite in single precision");
      }
      info = openblas.LAPACKE_spotri(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, ptr, n);
      if (info != 0) {
        throw new IllegalStateException("spotri failed (info " + info + ")");
      }
    }

    @Override
    public void upperRow(int i, double[] dst) {
      FloatBuffer buf = views[i / rows];
      int base = (i % rows) * n;
      for (int j = i; j < n; j++) {
        dst[j] = buf.get(base + j);
      }
    }

    @Override
    public void close() {
      if (ptr != null) {
        ptr.close();
        ptr = null;
      }
    }
  }

  private static final class Ejml extends SpdInverse {
    private double[] a;

    Ejml(int n) {
      super(n);
      a = new double[n * n];
    }

    @Override
    public String name() {
      return "java";
    }

    @Override
    public void putUpperRow(int i, double[] row, double diagonalShift) {
      System.arraycopy(row, i, a, i * n + i, n - i);
      a[i * n + i] += diagonalShift;
      for (int j = i + 1; j < n; j++) {
        a[j * n + i] = row[j]; // distinct rows write distinct entries: safe concurrently
      }
    }

    @Override
    public void invert(int threads) {
      if (n == 0) {
        return;
      }
      // single-threaded on purpose: EJML's concurrent Cholesky rounds differently from its
      // serial one and uses a global pool outside ours; this backend is the portable fallback
      LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(n);
      DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a);
      if (!solver.setA(m)) {
        throw new IllegalStateException(
            "Cholesky failed: the Gram matrix + lambda*I is not positive definite");
      }
      DMatrixRMaj inv = new DMatrixRMaj(n, n);
      solver.invert(inv);
      a = inv.data;
    }

    @Override
    public void upperRow(int i, double[] dst) {
      System.arraycopy(a, i * n + i, dst, i, n - i);
    }

    @Override
    public void close() {
      a = null;
    }
  }
}
