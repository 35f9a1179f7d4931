package io.reco4j.model;

/**
 * A model that can score items for a user it was not trained on, from that user's history alone
 * (a new user, a held-out user, or a known user with events newer than the model). For factor
 * models this computes a user vector at request time — for ALS/iALS exactly the least-squares
 * step of training — so new users get recommendations without retraining.
 *
 * <p>Thread-safe; implementations allocate only per call (never per item).
 */
public interface FoldIn extends ItemScorer {
  /**
   * Writes the score of every item for a user described by a history.
   *
   * @param items dense item indices of the history (any order, no duplicates)
   * @param values the interaction values aligned with {@code items} (ratings, or 1 for implicit)
   * @param out length at least {@code items().size()}
   */
  void scoreItemsForHistory(int[] items, float[] values, float[] out);
}
