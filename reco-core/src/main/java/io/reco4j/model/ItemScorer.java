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

  /**
   * Scores several users at once; {@code out[j]} receives exactly what {@link #scoreItems} writes
   * for {@code userIndices[j]}. Factor models override it to share one pass over the item factors
   * between the users (a served model's factors rarely fit a core's cache, so this is what keeps a
   * busy server from being bound by memory bandwidth); the default scores them one by one.
   */
  default void scoreItems(int[] userIndices, float[][] out) {
    for (int j = 0; j < userIndices.length; j++) {
      scoreItems(userIndices[j], out[j]);
    }
  }
}
