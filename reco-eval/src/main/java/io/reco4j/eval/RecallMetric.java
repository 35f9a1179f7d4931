package io.reco4j.eval;

/**
 * Recall at K: the fraction of the user's relevant items that appear in the top K,
 * {@code R@K = |rel ∩ top-K| / |rel|}. The denominator is the number of relevant items (not
 * {@code min(K, |rel|)}), so a user with more than K relevant items cannot reach 1.
 *
 * @param k the cut-off, {@code >= 1}
 */
public record RecallMetric(int k) implements TopKMetric {
  public RecallMetric {
    Metrics.checkCutoff("recall", k);
  }

  @Override
  public String name() {
    return "recall@" + k;
  }

  @Override
  public int cutoff() {
    return k;
  }

  @Override
  public boolean sampledCompatible() {
    return false;
  }

  @Override
  public double ofList(boolean[] hits, int n, int relevant) {
    return TopKMetric.hitsAt(hits, n, k) / (double) relevant;
  }

  @Override
  public String toString() {
    return name();
  }
}
