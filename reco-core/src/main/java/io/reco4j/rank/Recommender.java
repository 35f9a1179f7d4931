package io.reco4j.rank;

import io.reco4j.data.CsrMatrix;
import io.reco4j.model.FoldIn;
import io.reco4j.model.ItemScorer;
import io.reco4j.util.Parallel;
import java.util.BitSet;
import java.util.Objects;

/**
 * The thin runtime view of a trained {@link ItemScorer}: top-k items for a user, excluding the
 * items of the user's row in an exclusion matrix (by default the training data). Scratch space is
 * per call (one score array per user), never per item.
 *
 * <p>The filtered forms ({@link #recommend(int, int, int[], BitSet, float[])} and
 * {@link #recommendForHistory}) serve a request: further items to leave out (a user's events newer
 * than the model, one item the client dropped) and an optional allow-list (the items passing a
 * genre or year filter). Excluded items are masked in the per-call score array (NaN, which
 * {@link TopN} skips), so filtering allocates nothing per item. Thread-safe.
 */
public final class Recommender {
  private final ItemScorer model;
  private final CsrMatrix exclude;

  /**
   * @param model the scorer
   * @param exclude items to leave out per user (rows = users), usually the training matrix; null
   *     to exclude nothing
   */
  public Recommender(ItemScorer model, CsrMatrix exclude) {
    this.model = model;
    this.exclude = exclude;
  }

  /** The model this view serves. */
  public ItemScorer model() {
    return model;
  }

  /**
   * The top-k items for dense user {@code u}, best first.
   *
   * @param outScores receives the scores, or null
   * @return the item indices (length {@code <= k})
   */
  public int[] recommend(int u, int k, float[] outScores) {
    float[] scores = new float[model.items().size()];
    TopN top = new TopN(k);
    return recommendInto(u, scores, top, outScores);
  }

  /**
   * The top-k items for dense user {@code u}, best first, leaving out the user's row of the
   * exclusion matrix, the items in {@code alsoExclude}, and — when {@code allowed} is not null —
   * every item whose bit is clear in {@code allowed}.
   *
   * @param alsoExclude dense item indices to leave out (any order, duplicates allowed), or null
   * @param allowed the items that may be returned, or null for all
   * @param outScores receives the scores, or null
   * @return the item indices (length {@code <= k}, fewer when the filters leave fewer)
   * @throws IndexOutOfBoundsException naming an index of {@code alsoExclude} outside the item space
   */
  public int[] recommend(int u, int k, int[] alsoExclude, BitSet allowed, float[] outScores) {
    float[] scores = new float[model.items().size()];
    model.scoreItems(u, scores);
    if (exclude != null && u < exclude.rows()) {
      mask(scores, exclude.colIdx(), exclude.rowStart(u), exclude.rowEnd(u));
    }
    return select(scores, k, alsoExclude, allowed, outScores);
  }

  /**
   * The top-k items for a user described by a history alone (a new user, or a known user with
   * events newer than the model), through {@link FoldIn#scoreItemsForHistory}. The exclusion
   * matrix is not consulted: the history is the user's.
   *
   * @param items dense item indices of the history (no duplicates)
   * @param values the interaction values aligned with {@code items}
   * @param excludeHistory whether the history's items are left out (the "seen" rule)
   * @param alsoExclude further dense item indices to leave out, or null
   * @param allowed the items that may be returned, or null for all
   * @param outScores receives the scores, or null
   * @throws UnsupportedOperationException when the model cannot fold in a history; check
   *     {@link #canFoldIn()} first
   */
  public int[] recommendForHistory(int[] items, float[] values, int k, boolean excludeHistory,
      int[] alsoExclude, BitSet allowed, float[] outScores) {
    if (!(model instanceof FoldIn foldIn)) {
      throw new UnsupportedOperationException("the " + model.algorithm()
          + " model cannot score a history (it does not implement FoldIn)");
    }
    float[] scores = new float[model.items().size()];
    foldIn.scoreItemsForHistory(items, values, scores);
    if (excludeHistory) {
      mask(scores, items, 0, items.length);
    }
    return select(scores, k, alsoExclude, allowed, outScores);
  }

  /** Whether the model can score a history ({@link #recommendForHistory}). */
  public boolean canFoldIn() {
    return model instanceof FoldIn;
  }

  private static void mask(float[] scores, int[] idx, int from, int to) {
    for (int p = from; p < to; p++) {
      scores[Objects.checkIndex(idx[p], scores.length)] = Float.NaN;
    }
  }

  private static int[] select(float[] scores, int k, int[] alsoExclude, BitSet allowed,
      float[] outScores) {
    if (alsoExclude != null) {
      mask(scores, alsoExclude, 0, alsoExclude.length);
    }
    TopN top = new TopN(k);
    if (allowed != null) {
      top.offerAllowed(scores, allowed);
    } else {
      top.offerAll(scores, null);
    }
    int[] out = new int[top.size()];
    top.drainTo(out, outScores);
    return out;
  }

  private int[] recommendInto(int u, float[] scores, TopN top, float[] outScores) {
    model.scoreItems(u, scores);
    top.clear();
    if (exclude != null && u < exclude.rows()) {
      top.offerAllExcept(scores, exclude.colIdx(), exclude.rowStart(u), exclude.rowEnd(u));
    } else {
      top.offerAll(scores, null);
    }
    int[] items = new int[top.size()];
    float[] s = outScores != null ? outScores : new float[items.length];
    top.drainTo(items, s);
    return items;
  }

  /**
   * Top-k for every user in {@code users}, in parallel over blocks of users with per-thread
   * scratch; {@code result[j]} belongs to {@code users[j]}.
   */
  public int[][] recommendAll(int[] users, int k, int threads) {
    int[][] out = new int[users.length][];
    int grain = 256;
    Parallel.forRange(threads, users.length, grain, (from, to) -> {
      float[] scores = new float[model.items().size()];
      TopN top = new TopN(k);
      for (int j = from; j < to; j++) {
        out[j] = recommendInto(users[j], scores, top, null);
      }
    });
    return out;
  }
}
