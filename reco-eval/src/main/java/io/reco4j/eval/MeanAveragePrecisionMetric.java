package io.reco4j.eval;

/**
 * Average precision at K, averaged over users (MAP@K):
 * <pre>
 *   AP@K = (1 / min(K, R)) Σ_{r=1..min(K,n)} P@r · rel_r,     P@r = (Σ_{j=1..r} rel_j) / r
 * </pre>
 * Normalising by {@code min(K, R)} makes a perfect list score 1 even when the user has more than
 * K relevant items (the convention of e.g. Kaggle's MAP@K and of Manning, Raghavan &amp; Schütze,
 * "Introduction to Information Retrieval", 2008, §8.4 for the uncut form).
 *
 * @param k the cut-off, {@code >= 1}
 */
public record MeanAveragePrecisionMetric(int k) implements TopKMetric {
  public MeanAveragePrecisionMetric {
    Metrics.checkCutoff("map", k);
  }

  @Override
  public String name() {
    return "map@" + k;
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
    int m = Math.min(k, n);
    int found = 0;
    double sum = 0;
    for (int r = 0; r < m; r++) {
      if (hits[r]) {
        found++;
        sum += found / (double) (r + 1);
      }
    }
    return sum / Math.min(k, relevant);
  }

  @Override
  public String toString() {
    return name();
  }
}
