package io.reco4j.eval;

/**
 * Precision at K: the fraction of the K recommended slots that hold a relevant item,
 * {@code P@K = |rel ∩ top-K| / K}. The denominator is K even when the list is shorter.
 *
 * @param k the cut-off, {@code >= 1}
 */
public record PrecisionMetric(int k) implements TopKMetric {
  public PrecisionMetric {
    Metrics.checkCutoff("precision", k);
  }

  @Override
  public String name() {
    return "precision@" + k;
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
    return TopKMetric.hitsAt(hits, n, k) / (double) k;
  }

  @Override
  public String toString() {
    return name();
  }
}
