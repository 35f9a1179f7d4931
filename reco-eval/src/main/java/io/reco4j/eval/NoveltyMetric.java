package io.reco4j.eval;

/**
 * Novelty at K: the mean self-information of the recommended items (Zhou et al., "Solving the
 * apparent diversity-accuracy dilemma of recommender systems", PNAS 2010):
 * <pre>
 *   novelty@K = mean_u (1 / |L_u|) Σ_{i∈L_u} −log2( pop(i) / |U| )
 * </pre>
 * where {@code L_u} is user u's list cut at K, {@code pop(i)} the item's training popularity and
 * {@code |U|} the number of users with at least one training interaction (taken as 1 when there
 * are none). An item without training interactions counts as if {@code pop(i) = 1} (the rarest
 * observable item). Users whose list is empty are skipped. Higher means less popular, more novel recommendations; in bits.
 *
 * @param k the cut-off, {@code >= 1}
 */
public record NoveltyMetric(int k) implements CatalogMetric {
  public NoveltyMetric {
    Metrics.checkCutoff("novelty", k);
  }

  @Override
  public String name() {
    return "novelty@" + k;
  }

  @Override
  public int cutoff() {
    return k;
  }

  /** The self-information {@code −log2(max(pop, 1) / users)} of an item, in bits. */
  public static double selfInformation(int popularity, int users) {
    return -Math.log(Math.max(popularity, 1) / (double) users) / Math.log(2);
  }

  @Override
  public String toString() {
    return name();
  }
}
