package io.reco4j.algorithms.bpr;

import java.util.SplittableRandom;

/**
 * Draws a negative item for a user: an item not in the user's sorted history row, uniformly over
 * items ({@code β = 0}) or with probability ∝ count(j)<sup>β</sup> by an {@link AliasTable}.
 * Rejection sampling: a draw that hits the row (checked by binary search) is redrawn, up to
 * {@value #MAX_TRIES} times. Immutable and thread-safe; the random stream is the caller's.
 */
final class NegativeSampler {
  /** Draws before a sample is given up (a user who has nearly every drawable item). */
  static final int MAX_TRIES = 64;

  private final int items;
  private final AliasTable alias; // null: uniform

  /**
   * @param itemCounts training interactions per item; its length is the item count
   * @param exponent β; 0 draws uniformly over all items
   */
  NegativeSampler(int[] itemCounts, float exponent) {
    this.items = itemCounts.length;
    if (exponent == 0) {
      alias = null;
    } else {
      double[] w = new double[items];
      for (int k = 0; k < items; k++) {
        w[k] = itemCounts[k] == 0 ? 0 : Math.pow(itemCounts[k], exponent);
      }
      alias = new AliasTable(w);
    }
  }

  /** One draw, without checking the history. */
  int draw(SplittableRandom rnd) {
    long bits = rnd.nextLong();
    return alias == null ? (int) (((bits >>> 32) * items) >>> 32) : alias.sample(bits);
  }

  /**
   * A draw not in {@code row[from..to)} (ascending item indices), or {@code -1} when
   * {@value #MAX_TRIES} draws all hit the row.
   */
  int drawExcluding(SplittableRandom rnd, int[] row, int from, int to) {
    for (int t = 0; t < MAX_TRIES; t++) {
      int j = draw(rnd);
      if (!contains(row, from, to, j)) {
        return j;
      }
    }
    return -1;
  }

  /** Whether ascending {@code a[from..to)} contains {@code key}. */
  static boolean contains(int[] a, int from, int to, int key) {
    int lo = from;
    int hi = to - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int v = a[mid];
      if (v < key) {
        lo = mid + 1;
      } else if (v > key) {
        hi = mid - 1;
      } else {
        return true;
      }
    }
    return false;
  }
}
