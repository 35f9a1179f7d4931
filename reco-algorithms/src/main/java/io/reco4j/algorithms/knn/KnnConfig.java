package io.reco4j.algorithms.knn;

import io.reco4j.model.AlgorithmConfig;

/**
 * The parameters item-kNN ({@link ItemKnnConfig}) and user-kNN ({@link UserKnnConfig}) share;
 * see those records for the meaning and defaults of each.
 */
public sealed interface KnnConfig extends AlgorithmConfig permits ItemKnnConfig, UserKnnConfig {
  /** The similarity measure. */
  Similarity similarity();

  /** Neighbours per prediction (rating) and per stored entity used in ranking. */
  int k();

  /** The fewest positive neighbours a neighbourhood prediction needs. */
  int minK();

  /** Shrinkage λ of {@code sim · n/(n + λ)}; 0 for none. */
  float shrinkage();

  /** The fewest co-occurrences a pair needs to get a non-zero similarity. */
  int minSupport();

  /** Neighbours stored per entity, 0 for every one with positive similarity. */
  int maxNeighbors();

  /** Weighting of the interaction values before cosine. */
  Weighting weighting();

  /** BM25 term-frequency saturation K1. */
  float bm25K1();

  /** BM25 length normalisation B. */
  float bm25B();

  /** Iterations of the baseline predictor. */
  int baselineIterations();

  /** λ<sub>u</sub> of the baseline predictor. */
  float baselineUserRegularization();

  /** λ<sub>i</sub> of the baseline predictor. */
  float baselineItemRegularization();

  /** Worker threads, 0 for all cores. */
  int threads();

  /** Checks the shared constraints; messages name the field. */
  static void validate(Similarity similarity, int k, int minK, float shrinkage, int minSupport,
      int maxNeighbors, Weighting weighting, float bm25K1, float bm25B, int baselineIterations,
      float baselineUserRegularization, float baselineItemRegularization, int threads) {
    if (similarity == null) {
      throw new IllegalArgumentException("similarity must be given");
    }
    if (weighting == null) {
      throw new IllegalArgumentException("weighting must be given (none, tfidf or bm25)");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (minK < 0 || minK > k) {
      throw new IllegalArgumentException("minK must be in [0, k=" + k + "], got " + minK);
    }
    if (!(shrinkage >= 0) || Float.isInfinite(shrinkage)) {
      throw new IllegalArgumentException("shrinkage must be finite and >= 0, got " + shrinkage);
    }
    if (minSupport < 1) {
      throw new IllegalArgumentException("minSupport must be >= 1, got " + minSupport);
    }
    if (maxNeighbors != 0 && maxNeighbors < k) {
      throw new IllegalArgumentException("maxNeighbors must be 0 (all) or >= k=" + k + ", got "
          + maxNeighbors);
    }
    if (weighting != Weighting.NONE && similarity != Similarity.COSINE) {
      throw new IllegalArgumentException("weighting " + weighting + " applies to similarity cosine"
          + " only, not " + similarity);
    }
    if (!(bm25K1 >= 0) || Float.isInfinite(bm25K1)) {
      throw new IllegalArgumentException("bm25K1 must be finite and >= 0, got " + bm25K1);
    }
    if (!(bm25B >= 0 && bm25B <= 1)) {
      throw new IllegalArgumentException("bm25B must be in [0, 1], got " + bm25B);
    }
    if (baselineIterations < 1) {
      throw new IllegalArgumentException("baselineIterations must be >= 1, got "
          + baselineIterations);
    }
    if (!(baselineUserRegularization >= 0) || Float.isInfinite(baselineUserRegularization)) {
      throw new IllegalArgumentException("baselineUserRegularization must be finite and >= 0, got "
          + baselineUserRegularization);
    }
    if (!(baselineItemRegularization >= 0) || Float.isInfinite(baselineItemRegularization)) {
      throw new IllegalArgumentException("baselineItemRegularization must be finite and >= 0, got "
          + baselineItemRegularization);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
  }
}
