package io.reco4j.linalg;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Copies of small factor matrices (f ≤ {@value #STRIDE}) with every row padded to one 64-byte
 * cache line, for the rank-1 normal-equation kernel ({@link VectorKernels#normalEquations}):
 * each random access to a fixed-side row is then one aligned full-width load instead of a row
 * straddling two lines (at f = 10, 40-byte rows straddle 60 % of the time). That only helps
 * when the rows really sit on line boundaries, and Java gives no addresses, so padding is used
 * only where the layout is known: under G1 with compressed class pointers, an array of at least
 * half a heap region is "humongous" and starts at a region boundary, so its elements start 16
 * bytes further and row r at {@link #offset()} + r·{@value #STRIDE} is line-aligned. Elsewhere
 * {@link #enabled()} is false and callers use the unpadded rows (same results: only speed
 * differs).
 */
public final class PaddedRows {
  /** Floats per padded row (one cache line). */
  public static final int STRIDE = 16;

  private static final int OFFSET = 12; // 16-byte header + 48 bytes = 64
  private static final long MIN_FLOATS;

  static {
    long min = -1;
    try {
      boolean g1 = false;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        g1 |= gc.getName().startsWith("G1 ");
      }
      HotSpotDiagnosticMXBean hs =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      boolean compressed =
          Boolean.parseBoolean(hs.getVMOption("UseCompressedClassPointers").getValue());
      long region = Long.parseLong(hs.getVMOption("G1HeapRegionSize").getValue());
      if (g1 && compressed && region > 0 && !"false".equals(System.getProperty("reco4j.pad"))) {
        min = region / 2 / Float.BYTES + 1;
      }
    } catch (RuntimeException | LinkageError e) {
      min = -1; // not HotSpot, or no management: no padding
    }
    MIN_FLOATS = min;
  }

  private PaddedRows() {}

  /**
   * Whether padded copies are line-aligned on this JVM (G1 with compressed class pointers; the
   * system property {@code reco4j.pad=false} turns padding off).
   */
  public static boolean enabled() {
    return MIN_FLOATS > 0;
  }

  /**
   * Whether padding {@code rows} fixed rows pays: {@link #enabled()} and enough rows that random
   * accesses miss the caches (at least {@value #MIN_ROWS}; smaller matrices stay in L1/L2, and
   * the padded copy would cost more than it saves).
   */
  public static boolean worthIt(int rows) {
    return enabled() && rows >= MIN_ROWS;
  }

  /** Fewest rows {@link #worthIt} pads. */
  public static final int MIN_ROWS = 16_384;

  /** Where row 0 starts in a {@link #copy}. */
  public static int offset() {
    return OFFSET;
  }

  /**
   * Row r of {@code y} ({@code f ≤ STRIDE} per row, {@code rows} rows) at {@code offset() +
   * r·STRIDE}, followed by a constant 1 when {@code one} (so {@code f + 1 ≤ STRIDE}), other lanes
   * zero. The array is made large enough to be a humongous, region-aligned object.
   */
  public static float[] copy(float[] y, int rows, int f, boolean one) {
    if (f + (one ? 1 : 0) > STRIDE) {
      throw new IllegalArgumentException("padded rows hold at most " + STRIDE + " floats: " + f
          + (one ? " + 1" : ""));
    }
    long need = OFFSET + (long) rows * STRIDE + STRIDE;
    float[] p = new float[(int) Math.max(need, MIN_FLOATS)];
    for (int r = 0; r < rows; r++) {
      int o = OFFSET + r * STRIDE;
      System.arraycopy(y, r * f, p, o, f);
      if (one) {
        p[o + f] = 1f;
      }
    }
    return p;
  }
}
