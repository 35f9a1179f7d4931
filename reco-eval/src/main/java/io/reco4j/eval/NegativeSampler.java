package io.reco4j.eval;

import io.reco4j.data.CsrMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws negatives for the sampled-negative protocol: items the user has neither in their history
 * nor in their test set, distinct within one draw, from a random stream seeded by (seed, user)
 * only — so the draws of a user do not depend on threads or on which other users are evaluated.
 *
 * <p>Usage per user: {@link #begin}, then one {@link #draw} per test positive (in ascending item
 * order, as the evaluator does). Scratch for one thread: marks are stamped, never cleared, so a
 * user costs O(history + test + draws), not O(items). Not thread-safe.
 *
 * <p>With a candidate mask, only items inside it are eligible; without one (or with an all-true
 * mask) the draws are exactly those of the unmasked sampler.
 */
public final class NegativeSampler {
  private final int itemCount;
  private final int[] excluded; // == stamp: in history or test of the current user
  private final int[] chosen; // == drawStamp: drawn in the current draw
  private final int[] pool; // eligible items, built lazily for dense draws
  private final boolean[] allowed; // candidate mask, or null for every item
  private final int allowedCount;
  private int stamp;
  private int drawStamp;
  private int poolSize;
  private int eligible;
  private SplittableRandom rng;

  /** Scratch for a catalogue of {@code itemCount} items. */
  public NegativeSampler(int itemCount) {
    this(itemCount, null);
  }

  /**
   * Scratch for a catalogue of {@code itemCount} items of which only those with {@code
   * candidates[i]} may be drawn.
   *
   * @param candidates mask of length {@code itemCount}, or null for every item (not copied)
   */
  public NegativeSampler(int itemCount, boolean[] candidates) {
    if (candidates != null && candidates.length != itemCount) {
      throw new IllegalArgumentException("candidate mask has " + candidates.length
          + " items, expected " + itemCount);
    }
    this.itemCount = itemCount;
    this.excluded = new int[itemCount];
    this.chosen = new int[itemCount];
    this.pool = new int[itemCount];
    this.allowed = candidates;
    int n = itemCount;
    if (candidates != null) {
      n = 0;
      for (boolean c : candidates) {
        n += c ? 1 : 0;
      }
    }
    this.allowedCount = n;
  }

  private boolean eligible(int i) {
    return excluded[i] != stamp && (allowed == null || allowed[i]);
  }

  /**
   * Starts user {@code u}: marks their history and test items as ineligible and seeds the stream.
   *
   * @param history matrix whose row {@code u} is the user's history (may be null)
   * @param test matrix whose row {@code u} is the user's test set (may be null)
   * @return the number of eligible negatives
   */
  public int begin(int u, long seed, CsrMatrix history, CsrMatrix test) {
    if (++stamp == 0) {
      Arrays.fill(excluded, 0);
      stamp = 1;
    }
    int marked = mark(history, u) + mark(test, u);
    eligible = allowedCount - marked;
    poolSize = -1;
    rng = new SplittableRandom(Seeds.mix(seed, u));
    return eligible;
  }

  private int mark(CsrMatrix m, int u) {
    if (m == null) {
      return 0;
    }
    int[] col = m.colIdx();
    int n = 0;
    for (int p = m.rowStart(u), end = m.rowEnd(u); p < end; p++) {
      int i = col[p];
      if (excluded[i] != stamp) {
        excluded[i] = stamp;
        if (allowed == null || allowed[i]) {
          n++; // counts the marked candidates only
        }
      }
    }
    return n;
  }

  /** Number of eligible negatives of the current user. */
  public int eligible() {
    return eligible;
  }

  /**
   * Draws {@code min(n, eligible())} distinct eligible items into {@code out}.
   *
   * @return the number drawn
   */
  public int draw(int n, int[] out) {
    int m = Math.min(n, eligible);
    if (m <= 0) {
      return 0;
    }
    if ((long) m * 4 >= eligible) {
      // dense: partial Fisher-Yates over the explicit list of eligible items
      if (poolSize < 0) {
        poolSize = 0;
        for (int i = 0; i < itemCount; i++) {
          if (eligible(i)) {
            pool[poolSize++] = i;
          }
        }
      }
      for (int j = 0; j < m; j++) {
        int r = j + rng.nextInt(poolSize - j);
        int t = pool[r];
        pool[r] = pool[j];
        pool[j] = t;
        out[j] = t;
      }
      return m;
    }
    // sparse: rejection sampling, itemCount / (eligible - m) expected tries per draw at worst
    // (the mask only rejects more; m * 4 < eligible here)
    if (++drawStamp == 0) {
      Arrays.fill(chosen, 0);
      drawStamp = 1;
    }
    for (int j = 0; j < m; j++) {
      int i;
      do {
        i = rng.nextInt(itemCount);
      } while (!eligible(i) || chosen[i] == drawStamp);
      chosen[i] = drawStamp;
      out[j] = i;
    }
    return m;
  }
}
