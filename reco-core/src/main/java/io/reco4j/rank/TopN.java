package io.reco4j.rank;

import java.util.Arrays;

/**
 * A bounded min-heap of (index, score) pairs on primitive arrays that keeps the {@code k} best
 * scores seen. Offering a candidate is O(1) when it does not beat the current k-th best and
 * O(log k) otherwise; nothing is allocated per candidate. Reusable: {@link #clear()} and go again.
 *
 * <p>Order of the result: descending score, ties broken by ascending index, so the output is a
 * deterministic function of the scores. NaN scores are ignored. Not thread-safe: use one per
 * thread.
 */
public final class TopN {
  private final int capacity;
  private final int[] idx;
  private final float[] score;
  private int size;

  /** A heap keeping the best {@code k >= 0} entries. */
  public TopN(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    this.capacity = k;
    this.idx = new int[k];
    this.score = new float[k];
  }

  /** The k this heap keeps. */
  public int capacity() {
    return capacity;
  }

  /** Number of entries held, at most {@link #capacity()}. */
  public int size() {
    return size;
  }

  /** Forgets every entry. */
  public void clear() {
    size = 0;
  }

  /** The smallest score held when full (the bar a candidate must beat), else -infinity. */
  public float threshold() {
    return size == capacity && capacity > 0 ? score[0] : Float.NEGATIVE_INFINITY;
  }

  // "a is worse than b": lower score, or equal score and higher index
  private static boolean worse(float sa, int ia, float sb, int ib) {
    return sa < sb || (sa == sb && ia > ib);
  }

  /** Offers a candidate; returns whether it was kept. */
  public boolean offer(int index, float s) {
    if (capacity == 0 || s != s) {
      return false;
    }
    if (size < capacity) {
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!worse(s, index, score[parent], idx[parent])) {
          break;
        }
        idx[i] = idx[parent];
        score[i] = score[parent];
        i = parent;
      }
      idx[i] = index;
      score[i] = s;
      return true;
    }
    if (!worse(score[0], idx[0], s, index)) {
      return false;
    }
    siftDown(index, s);
    return true;
  }

  private void siftDown(int index, float s) {
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && worse(score[right], idx[right], score[child], idx[child])) {
        child = right;
      }
      if (!worse(score[child], idx[child], s, index)) {
        break;
      }
      idx[i] = idx[child];
      score[i] = score[child];
      i = child;
    }
    idx[i] = index;
    score[i] = s;
  }

  /**
   * Offers every index {@code i} in {@code [0, scores.length)} whose {@code exclude} bit is not set
   * ({@code exclude} may be null).
   */
  public void offerAll(float[] scores, java.util.BitSet exclude) {
    if (capacity == 0) {
      return;
    }
    for (int i = 0; i < scores.length; i++) {
      float s = scores[i];
      if (size == capacity && s < score[0]) {
        continue; // fast path: cannot enter
      }
      if (exclude == null || !exclude.get(i)) {
        offer(i, s);
      }
    }
  }

  /**
   * Offers every index {@code i < scores.length} whose bit is set in {@code allowed}, visiting
   * only the set bits (a narrow filter costs its cardinality, not the catalogue size). NaN scores
   * are skipped as everywhere, so a caller may mask further items by writing NaN over them.
   */
  public void offerAllowed(float[] scores, java.util.BitSet allowed) {
    if (capacity == 0) {
      return;
    }
    for (int i = allowed.nextSetBit(0); i >= 0 && i < scores.length;
        i = allowed.nextSetBit(i + 1)) {
      float s = scores[i];
      if (size == capacity && s < score[0]) {
        continue;
      }
      offer(i, s);
    }
  }

  /**
   * Offers every index in {@code [0, scores.length)} except those listed in the ascending array
   * segment {@code excluded[from..to)} (a user's row of a CSR matrix).
   */
  public void offerAllExcept(float[] scores, int[] excluded, int from, int to) {
    int start = 0;
    for (int e = from; e <= to; e++) {
      int end = e < to ? Math.min(excluded[e], scores.length) : scores.length;
      offerRange(scores, start, end);
      start = Math.max(start, end + 1);
    }
  }

  /** Offers indices {@code [from, to)}; the common case (cannot enter) costs one comparison. */
  private void offerRange(float[] scores, int from, int to) {
    int i = from;
    for (; i < to && size < capacity; i++) {
      offer(i, scores[i]);
    }
    if (capacity == 0) {
      return;
    }
    float bar = score[0];
    for (; i < to; i++) {
      float s = scores[i];
      if (s >= bar && offer(i, s)) { // equal scores may still enter on a lower index: offer decides
        bar = score[0];
      }
    }
  }

  /**
   * Writes the kept indices, best first, into {@code out} and returns how many were written.
   * The heap is left empty.
   */
  public int drainTo(int[] out, float[] outScores) {
    int n = size;
    for (int k = n - 1; k >= 0; k--) {
      out[k] = idx[0];
      if (outScores != null) {
        outScores[k] = score[0];
      }
      int lastIdx = idx[size - 1];
      float lastScore = score[size - 1];
      size--;
      if (size > 0) {
        siftDown(lastIdx, lastScore);
      }
    }
    return n;
  }

  /** The kept indices, best first; the heap is left empty. */
  public int[] drain() {
    int[] out = new int[size];
    drainTo(out, null);
    return out;
  }

  @Override
  public String toString() {
    return "TopN[k=" + capacity + ", size=" + size + ", "
        + Arrays.toString(Arrays.copyOf(idx, size)) + "]";
  }
}
