package io.reco4j.eval;

/**
 * Hit rate at K: 1 when at least one relevant item is among the first K, else 0, averaged over
 * users (Deshpande &amp; Karypis, "Item-based top-N recommendation algorithms", TOIS 2004). Under
 * the sampled-negative protocol it is the fraction of test positives ranked within the top K of
 * their N + 1 candidates (HR@K of He et al., WWW 2017).
 *
 * @param k the cut-off, {@code >= 1}
 */
public record HitRateMetric(int k) implements TopKMetric {
  public HitRateMetric {
    Metrics.checkCutoff("hitrate", k);
  }

  @Override
  public String name() {
    return "hitrate@" + k;
  }

  @Override
  public int cutoff() {
    return k;
  }

  @Override
  public boolean sampledCompatible() {
    return true;
  }

  @Override
  public double ofList(boolean[] hits, int n, int relevant) {
    return TopKMetric.hitsAt(hits, n, k) > 0 ? 1 : 0;
  }

  @Override
  public String toString() {
    return name();
  }
}
