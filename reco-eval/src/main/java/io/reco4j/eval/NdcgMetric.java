package io.reco4j.eval;

/**
 * Normalised discounted cumulative gain at K with binary relevance and a log2 discount
 * (Järvelin &amp; Kekäläinen, "Cumulated gain-based evaluation of IR techniques", TOIS 2002):
 * <pre>
 *   DCG@K  = Σ_{r=1..min(K,n)} rel_r / log2(r + 1)
 *   IDCG@K = Σ_{r=1..min(K,R)} 1 / log2(r + 1)        (all relevant items ranked first)
 *   NDCG@K = DCG@K / IDCG@K
 * </pre>
 * Under the sampled-negative protocol ({@code R = 1}) this is {@code 1 / log2(rank + 1)} when the
 * positive's 1-based rank is at most K, else 0 (He et al., "Neural Collaborative Filtering", WWW
 * 2017).
 *
 * @param k the cut-off, {@code >= 1}
 */
public record NdcgMetric(int k) implements TopKMetric {
  public NdcgMetric {
    Metrics.checkCutoff("ndcg", k);
  }

  @Override
  public String name() {
    return "ndcg@" + k;
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
    int m = Math.min(k, n);
    double dcg = 0;
    for (int r = 0; r < m; r++) {
      if (hits[r]) {
        dcg += TopKMetric.discount(r);
      }
    }
    if (dcg == 0) {
      return 0;
    }
    double idcg = 0;
    for (int r = 0, ideal = Math.min(k, relevant); r < ideal; r++) {
      idcg += TopKMetric.discount(r);
    }
    return dcg / idcg;
  }

  @Override
  public String toString() {
    return name();
  }
}
