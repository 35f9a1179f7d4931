package io.reco4j.rank;

import io.reco4j.data.CsrMatrix;
import io.reco4j.model.ItemScorer;
import io.reco4j.util.Parallel;

/**
 * The thin runtime view of a trained {@link ItemScorer}: top-k items for a user, excluding the
 * items of the user's row in an exclusion matrix (by default the training data). Scratch space is
 * per call (one score array per user), never per item.
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
