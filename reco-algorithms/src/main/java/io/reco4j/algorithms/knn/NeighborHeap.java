package io.reco4j.algorithms.knn;

/**
 * A set of bounded min-heaps ("slots") of (similarity, index) pairs, each keeping the {@code
 * capacity} best: higher similarity first, ties to the smaller index. The order is total, so the
 * kept set and the drained order do not depend on the order of offers. Primitive arrays, slot
 * {@code s} at {@code [s·capacity, (s+1)·capacity)}; no allocation after construction.
 */
final class NeighborHeap {
  private final int capacity;
  private final float[] sim;
  private final int[] idx;
  private final int[] size;
  // per slot: the root's similarity once the slot is full, else -∞; a compact array checked first
  // so that most rejected offers never touch the slot's (cold) heap memory
  private final float[] bar;

  /** One slot. */
  NeighborHeap(int capacity) {
    this(1, capacity);
  }

  NeighborHeap(int slots, int capacity) {
    this.capacity = capacity;
    this.sim = new float[Math.multiplyExact(slots, capacity)];
    this.idx = new int[sim.length];
    this.size = new int[slots];
    this.bar = new float[slots];
    java.util.Arrays.fill(bar, Float.NEGATIVE_INFINITY);
  }

  int size() {
    return size[0];
  }

  int size(int slot) {
    return size[slot];
  }

  void clear() {
    size[0] = 0;
    bar[0] = Float.NEGATIVE_INFINITY;
  }

  void offer(int index, float s) {
    offer(0, index, s);
  }

  // whether (s1, i1) ranks below (s2, i2)
  private static boolean worse(float s1, int i1, float s2, int i2) {
    return s1 < s2 || (s1 == s2 && i1 > i2);
  }

  void offer(int slot, int index, float s) {
    if (s < bar[slot]) {
      return;
    }
    int base = slot * capacity;
    int n = size[slot];
    if (n < capacity) {
      int c = n;
      size[slot] = n + 1;
      while (c > 0) {
        int parent = (c - 1) >>> 1;
        if (!worse(s, index, sim[base + parent], idx[base + parent])) {
          break;
        }
        sim[base + c] = sim[base + parent];
        idx[base + c] = idx[base + parent];
        c = parent;
      }
      sim[base + c] = s;
      idx[base + c] = index;
      if (n + 1 == capacity) {
        bar[slot] = sim[base];
      }
    } else if (capacity > 0 && worse(sim[base], idx[base], s, index)) {
      siftDown(base, index, s, n);
      bar[slot] = sim[base];
    }
  }

  // places (index, s) at the root of the slot at base and sifts it down within [0, n)
  private void siftDown(int base, int index, float s, int n) {
    int c = 0;
    while (true) {
      int l = 2 * c + 1;
      if (l >= n) {
        break;
      }
      int r = l + 1;
      int m = r < n && worse(sim[base + r], idx[base + r], sim[base + l], idx[base + l]) ? r : l;
      if (!worse(sim[base + m], idx[base + m], s, index)) {
        break;
      }
      sim[base + c] = sim[base + m];
      idx[base + c] = idx[base + m];
      c = m;
    }
    sim[base + c] = s;
    idx[base + c] = index;
  }

  /** Offers every pair kept in {@code other}'s slot {@code slot} to this heap's slot 0. */
  void offerAll(NeighborHeap other, int slot) {
    int base = slot * other.capacity;
    for (int p = base, end = base + other.size[slot]; p < end; p++) {
      offer(0, other.idx[p], other.sim[p]);
    }
  }

  int drainTo(int[] outIdx, float[] outSim, int off) {
    return drainTo(0, outIdx, outSim, off);
  }

  /**
   * Writes the slot's pairs best first into {@code outIdx/outSim} from {@code off} and empties
   * the slot; returns how many were written.
   */
  int drainTo(int slot, int[] outIdx, float[] outSim, int off) {
    int base = slot * capacity;
    int n = size[slot];
    for (int k = n - 1; k >= 0; k--) {
      outIdx[off + k] = idx[base];
      outSim[off + k] = sim[base];
      siftDown(base, idx[base + k], sim[base + k], k);
    }
    size[slot] = 0;
    bar[slot] = Float.NEGATIVE_INFINITY;
    return n;
  }
}
