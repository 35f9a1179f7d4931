package io.reco4j.eval;

/**
 * Reciprocal rank at K, averaged over users (MRR@K; Voorhees, "The TREC-8 question answering
 * track report", 1999): {@code RR@K = 1 / r*} where {@code r*} is the 1-based position of the
 * first relevant item, or 0 when none is among the first K.
 *
 * @param k the cut-off, {@code >= 1}
 */
public record ReciprocalRankMetric(int k) implements TopKMetric {
  public ReciprocalRankMetric {
    Metrics.checkCutoff("mrr", k);
  }

  @Override
  public String name() {
    return "mrr@" + k;
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
    for (int r = 0; r < m; r++) {
      if (hits[r]) {
        return 1.0 / (r + 1);
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return name();
  }
}
