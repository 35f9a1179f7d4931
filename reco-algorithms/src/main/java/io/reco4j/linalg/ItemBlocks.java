package io.reco4j.linalg;

/**
 * Item factors in the layout that scores a user against every item fastest: items in blocks of
 * {@code lanes} (the vector width), each block stored factor-major — entry {@code (b, k, l)} is
 * factor {@code k} of item {@code b·lanes + l} at {@code (b·f + k)·lanes + l}. Scoring a block is
 * then {@code f} vector multiply-adds of a broadcast user factor with a contiguous load, with no
 * horizontal reduction per item; items past {@code n} in the last block are zero.
 *
 * <p>Immutable once built; models build it lazily from their row-major factors ({@link Lazy}).
 */
public final class ItemBlocks {
  private final int n;
  private final int f;
  private final int lanes;
  private final float[] data;

  private ItemBlocks(int n, int f, int lanes, float[] data) {
    this.n = n;
    this.f = f;
    this.lanes = lanes;
    this.data = data;
  }

  /**
   * Copies row-major {@code n × f} factors into blocks of {@code lanes} items.
   *
   * @throws IllegalArgumentException when the array is shorter than {@code n·f}
   */
  public static ItemBlocks of(float[] rowMajor, int n, int f, int lanes) {
    if (n < 0 || f < 1 || lanes < 1 || (long) n * f > rowMajor.length) {
      throw new IllegalArgumentException("bad shape " + n + " x " + f + " (lanes " + lanes
          + ") for an array of " + rowMajor.length);
    }
    if (lanes == 1) {
      // one item per block is the row-major layout: share the (immutable) array
      return new ItemBlocks(n, f, 1, rowMajor);
    }
    int blocks = (n + lanes - 1) / lanes;
    float[] data = new float[Math.multiplyExact(Math.multiplyExact(blocks, f), lanes)];
    for (int i = 0; i < n; i++) {
      int b = i / lanes;
      int l = i - b * lanes;
      int src = i * f;
      int dst = b * f * lanes + l;
      for (int k = 0; k < f; k++) {
        data[dst + k * lanes] = rowMajor[src + k];
      }
    }
    return new ItemBlocks(n, f, lanes, data);
  }

  /** Number of items. */
  public int items() {
    return n;
  }

  /** Factors per item. */
  public int factors() {
    return f;
  }

  /** Items per block. */
  public int lanes() {
    return lanes;
  }

  /** The blocked array (read-only by convention: kernels only). */
  float[] data() {
    return data;
  }

  /**
   * A block layout built on first use from a model's immutable row-major factors, for the
   * kernels in use ({@link VectorKernels#provider()}); thread-safe, built at most once per race.
   */
  public static final class Lazy {
    private final float[] rowMajor;
    private final int n;
    private final int f;
    private volatile ItemBlocks blocks;

    /** @param rowMajor the factors, never modified afterwards */
    public Lazy(float[] rowMajor, int n, int f) {
      this.rowMajor = rowMajor;
      this.n = n;
      this.f = f;
    }

    /** The blocks, built now if needed. */
    public ItemBlocks get() {
      ItemBlocks b = blocks;
      if (b == null) {
        b = of(rowMajor, n, f, VectorKernels.provider().blockLanes());
        blocks = b;
      }
      return b;
    }
  }
}
