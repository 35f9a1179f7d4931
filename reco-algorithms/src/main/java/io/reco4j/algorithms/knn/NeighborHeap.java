package io.reco4j.algorithms.knn;

/**
 * A bounded min-heap of (similarity, index) pairs keeping the {@code capacity} best: higher
 * similarity first, ties to the smaller index. The order is total, so the kept set and the drained
 * order do not depend on the order of offers. Primitive arrays, no allocation after construction.
 */
final class NeighborHeap {
  private final int capacity;
  private final float[] sim;
  private final int[] idx;
  private int size;

  NeighborHeap(int capacity) {
    this.capacity = capacity;
    this.sim = new float[capacity];
    this.idx = new int[capacity];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  // whether (s1, i1) ranks below (s2, i2)
  private static boolean worse(float s1, int i1, float s2, int i2) {
    return s1 < s2 || (s1 == s2 && i1 > i2);
  }

  void offer(int index, float s) {
    if (size < capacity) {
      int c = size++;
      while (c > 0) {
        int parent = (c - 1) >>> 1;
        if (!worse(s, index, sim[parent], idx[parent])) {
          break;
        }
        sim[c] = sim[parent];
        idx[c] = idx[parent];
        c = parent;
      }
      sim[c] = s;
      idx[c] = index;
    } else if (capacity > 0 && worse(sim[0], idx[0], s, index)) {
      siftDown(index, s, size);
    }
  }

  // places (index, s) at the root's slot and sifts it down within [0, n)
  private void siftDown(int index, float s, int n) {
    int c = 0;
    while (true) {
      int l = 2 * c + 1;
      if (l >= n) {
        break;
      }
      int r = l + 1;
      int m = r < n && worse(sim[r], idx[r], sim[l], idx[l]) ? r : l;
      if (!worse(sim[m], idx[m], s, index)) {
        break;
      }
      sim[c] = sim[m];
      idx[c] = idx[m];
      c = m;
    }
    sim[c] = s;
    idx[c] = index;
  }

  /**
   * Writes the kept pairs best first into {@code outIdx/outSim} from {@code off} and empties the
   * heap; returns how many were written.
   */
  int drainTo(int[] outIdx, float[] outSim, int off) {
    int n = size;
    for (int k = n - 1; k >= 0; k--) {
      outIdx[off + k] = idx[0];
      outSim[off + k] = sim[0];
      int lastIdx = idx[k];
      float lastSim = sim[k];
      siftDown(lastIdx, lastSim, k);
    }
    size = 0;
    return n;
  }
}
