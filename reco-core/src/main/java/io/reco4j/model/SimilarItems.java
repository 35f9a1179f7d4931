package io.reco4j.model;

/** A model that can name the items most similar to a given item (by its own notion of similarity). */
public interface SimilarItems extends Model {
  /**
   * Finds the items most similar to {@code itemIndex}, the item itself excluded.
   *
   * @param outItems receives dense item indices, most similar first; length at least {@code k}
   * @param outScores receives the similarities aligned with {@code outItems}, or null
   * @return how many were written ({@code <= k})
   */
  int similarItems(int itemIndex, int k, int[] outItems, float[] outScores);
}
