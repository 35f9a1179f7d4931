package io.reco4j.eval;

/**
 * Truncated recall at K ({@code trecall@K}), the "Recall@K" of Liang et al., "Variational
 * Autoencoders for Collaborative Filtering", WWW 2018 (Section 4.2), also reported by Steck,
 * "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019, and Rendle et al., "Revisiting
 * the Performance of iALS on Item Recommendation Benchmarks", RecSys 2022:
 * <pre>
 *   tRecall@K = |rel ∩ top-K| / min(K, R)
 * </pre>
 * Unlike {@link RecallMetric} ({@code / R}), the denominator is capped at K, so a list whose K
 * positions are all relevant scores 1 even when the user has more than K relevant items. For a
 * user with {@code R <= K} the two agree. Use this metric to compare with the figures of those
 * papers on the held-out-users protocol ({@code heldout-users:N:0.2}).
 *
 * @param k the cut-off, {@code >= 1}
 */
public record TruncatedRecallMetric(int k) implements TopKMetric {
  public TruncatedRecallMetric {
    Metrics.checkCutoff("trecall", k);
  }

  @Override
  public String name() {
    return "trecall@" + k;
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
    return TopKMetric.hitsAt(hits, n, k) / (double) Math.min(k, relevant);
  }

  @Override
  public String toString() {
    return name();
  }
}
