package io.reco4j.model;

/**
 * A model that scores every item for a user, higher meaning more relevant; the basis of top-N
 * ranking. Implementations must not allocate per item.
 */
public interface ItemScorer extends Model {
  /**
   * Writes the score of every item for dense user {@code userIndex} into {@code out}.
   *
   * @param out length at least {@code items().size()}; entry {@code i} is item {@code i}'s score
   */
  void scoreItems(int userIndex, float[] out);
}
