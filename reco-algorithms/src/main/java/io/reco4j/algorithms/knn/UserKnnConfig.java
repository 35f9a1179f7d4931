package io.reco4j.algorithms.knn;

/**
 * Configuration of {@code userknn} (see {@link UserKnnTrainer}). The defaults are those of
 * Surprise's {@code KNNBaseline} with {@code sim_options={'name': 'pearson_baseline', 'user_based':
 * True}}: k = 40, min_k = 1, shrinkage 100, min_support 1, and the ALS baseline with 10
 * iterations, λ<sub>u</sub> = 15, λ<sub>i</sub> = 10. For implicit data use {@code cosine} (with
 * {@code shrinkage=0} as implicit does, optionally a {@link Weighting}) or {@code jaccard}.
 *
 * @param similarity the similarity measure; default {@link Similarity#PEARSON_BASELINE}
 * @param k in rating prediction, the number of most similar neighbours that rated the target
 *     (among those with positive similarity); in ranking ({@code scoreItems}), the number of
 *     nearest neighbours of each entity that contribute; at least 1; default 40
 * @param minK the fewest positive neighbours a prediction needs, else it is the baseline alone;
 *     in {@code [0, k]}; default 1
 * @param shrinkage λ of the shrunk similarity {@code sim · n/(n + λ)}, {@code n} the number of
 *     co-occurrences (Koren, TKDD 2010, eq. 4); finite and {@code >= 0}, 0 for none; default 100
 * @param minSupport pairs with fewer co-occurrences get similarity 0; at least 1; default 1
 * @param maxNeighbors neighbours stored per user (the most similar first); 0 keeps every
 *     neighbour with positive similarity, which rating prediction needs to find k rated ones;
 *     otherwise at least {@code k}; default 0
 * @param weighting re-weighting of the interaction values before {@link Similarity#COSINE}
 *     (only with cosine); default {@link Weighting#NONE}
 * @param bm25K1 BM25 term-frequency saturation K1, finite and {@code >= 0}; default 1.2
 * @param bm25B BM25 length normalisation B, in [0, 1]; default 0.75
 * @param baselineIterations ALS iterations of the baseline predictor μ + b<sub>u</sub> +
 *     b<sub>i</sub> ({@link io.reco4j.algorithms.baseline.BiasTrainer}); at least 1; default 10
 * @param baselineUserRegularization λ<sub>u</sub> of the baseline; finite and {@code >= 0};
 *     default 15
 * @param baselineItemRegularization λ<sub>i</sub> of the baseline; finite and {@code >= 0};
 *     default 10
 * @param threads worker threads for training, 0 meaning all cores; the model is the same for any
 *     value; default 0
 */
public record UserKnnConfig(Similarity similarity, int k, int minK, float shrinkage, int minSupport,
    int maxNeighbors, Weighting weighting, float bm25K1, float bm25B, int baselineIterations,
    float baselineUserRegularization, float baselineItemRegularization, int threads)
    implements KnnConfig {

  public UserKnnConfig {
    KnnConfig.validate(similarity, k, minK, shrinkage, minSupport, maxNeighbors, weighting, bm25K1,
        bm25B, baselineIterations, baselineUserRegularization, baselineItemRegularization, threads);
  }

  /** Pearson-baseline, k = 40, min_k = 1, shrinkage 100, all neighbours stored, all cores. */
  public static UserKnnConfig defaults() {
    return new UserKnnConfig(Similarity.PEARSON_BASELINE, 40, 1, 100f, 1, 0, Weighting.NONE, 1.2f,
        0.75f, 10, 15f, 10f, 0);
  }

  /**
   * A configuration for implicit data: {@code similarity} (cosine or jaccard), no shrinkage,
   * {@code k} neighbours stored and used, the given weighting, all cores.
   */
  public static UserKnnConfig implicit(Similarity similarity, int k, Weighting weighting) {
    return new UserKnnConfig(similarity, k, 1, 0f, 1, k, weighting, 1.2f, 0.75f, 10, 15f, 10f, 0);
  }

  /** This configuration with another similarity. */
  public UserKnnConfig withSimilarity(Similarity s) {
    return new UserKnnConfig(s, k, minK, shrinkage, minSupport, maxNeighbors, weighting, bm25K1,
        bm25B, baselineIterations, baselineUserRegularization, baselineItemRegularization,
        threads);
  }

  /** This configuration with another k (and maxNeighbors raised to it when needed). */
  public UserKnnConfig withK(int newK) {
    int max = maxNeighbors == 0 ? 0 : Math.max(maxNeighbors, newK);
    return new UserKnnConfig(similarity, newK, Math.min(minK, newK), shrinkage, minSupport, max,
        weighting, bm25K1, bm25B, baselineIterations, baselineUserRegularization,
        baselineItemRegularization, threads);
  }

  /** This configuration with another shrinkage and minimum support. */
  public UserKnnConfig withShrinkage(float newShrinkage, int newMinSupport) {
    return new UserKnnConfig(similarity, k, minK, newShrinkage, newMinSupport, maxNeighbors,
        weighting, bm25K1, bm25B, baselineIterations, baselineUserRegularization,
        baselineItemRegularization, threads);
  }

  /** This configuration storing at most {@code max} neighbours per user (0 = all). */
  public UserKnnConfig withMaxNeighbors(int max) {
    return new UserKnnConfig(similarity, k, minK, shrinkage, minSupport, max, weighting, bm25K1,
        bm25B, baselineIterations, baselineUserRegularization, baselineItemRegularization,
        threads);
  }

  /** This configuration with another thread count. */
  public UserKnnConfig withThreads(int newThreads) {
    return new UserKnnConfig(similarity, k, minK, shrinkage, minSupport, maxNeighbors, weighting,
        bm25K1, bm25B, baselineIterations, baselineUserRegularization, baselineItemRegularization,
        newThreads);
  }
}
