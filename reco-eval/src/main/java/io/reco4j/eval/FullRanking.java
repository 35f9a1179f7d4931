package io.reco4j.eval;

import io.reco4j.data.CsrMatrix;
import io.reco4j.model.ItemScorer;
import io.reco4j.rank.TopN;

/**
 * The full-ranking protocol for one user at a time: score every item with {@link
 * ItemScorer#scoreItems}, drop the excluded items (the user's row of a history matrix), keep the
 * best K with a {@link TopN}. Ties are broken by ascending item index, NaN scores are never
 * recommended. With a candidate mask, items outside it are never recommended either (their scores
 * are set to NaN after scoring, which costs one write per non-candidate item).
 *
 * <p>Scratch for one thread: the score buffer and the heap are reused for every user, so ranking
 * allocates nothing. Not thread-safe; use one instance per worker.
 */
public final class FullRanking {
  private final float[] scores;
  private final TopN top;
  private final int[] nonCandidates; // ascending; empty without a mask

  /**
   * @param itemCount number of items (length of the score buffer)
   * @param k list length, {@code >= 0}
   */
  public FullRanking(int itemCount, int k) {
    this(itemCount, k, null);
  }

  /**
   * @param itemCount number of items (length of the score buffer)
   * @param k list length, {@code >= 0}
   * @param candidates {@code candidates[i]}: whether dense item {@code i} may be recommended, of
   *     length {@code itemCount}; null: every item (not copied, not modified)
   */
  public FullRanking(int itemCount, int k, boolean[] candidates) {
    this.scores = new float[itemCount];
    this.top = new TopN(k);
    if (candidates == null) {
      this.nonCandidates = new int[0];
    } else {
      if (candidates.length != itemCount) {
        throw new IllegalArgumentException("candidate mask has " + candidates.length
            + " items, expected " + itemCount);
      }
      int n = 0;
      for (boolean c : candidates) {
        n += c ? 0 : 1;
      }
      nonCandidates = new int[n];
      n = 0;
      for (int i = 0; i < itemCount; i++) {
        if (!candidates[i]) {
          nonCandidates[n++] = i;
        }
      }
    }
  }

  /** The list length K. */
  public int k() {
    return top.capacity();
  }

  /**
   * Ranks the items for dense user {@code u}.
   *
   * @param exclude the matrix whose row {@code u} lists the items to exclude, or null for none
   * @param out receives the recommended dense item indices, best first; length at least K
   * @return the list length, {@code min(K, candidates)}
   */
  public int rank(ItemScorer scorer, int u, CsrMatrix exclude, int[] out) {
    scorer.scoreItems(u, scores);
    for (int i : nonCandidates) {
      scores[i] = Float.NaN;
    }
    top.clear();
    if (exclude == null) {
      top.offerAll(scores, null);
    } else {
      top.offerAllExcept(scores, exclude.colIdx(), exclude.rowStart(u), exclude.rowEnd(u));
    }
    return top.drainTo(out, null);
  }

  /**
   * The score buffer as the last {@link #rank} call left it (every item's score; NaN for the items
   * outside the candidate mask).
   */
  public float[] scores() {
    return scores;
  }
}
