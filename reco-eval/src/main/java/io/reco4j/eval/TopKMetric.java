package io.reco4j.eval;

/**
 * A per-user accuracy metric of a ranked list cut at K, with binary relevance. The reported value
 * is the mean over the users that have at least one relevant test item (under the sampled-negative
 * protocol: the mean over test positives).
 *
 * <p>Notation used by the implementations: the user's list is {@code L = (l_1, l_2, …, l_n)}, best
 * first; {@code rel_r = 1} when {@code l_r} is relevant, else 0; {@code R} is the number of the
 * user's relevant items (all of them, including any the list could not contain); only the first
 * {@code min(K, n)} positions count. A list shorter than K (few candidate items) is scored as if
 * padded with non-relevant items.
 */
public sealed interface TopKMetric extends Metric
    permits PrecisionMetric, RecallMetric, NdcgMetric, MeanAveragePrecisionMetric,
        ReciprocalRankMetric, HitRateMetric, TruncatedRecallMetric {

  /**
   * The metric of one list.
   *
   * @param hits {@code hits[r]} tells whether the item at 0-based position {@code r} is relevant;
   *     positions {@code 0 .. n-1} are read (at most the first K)
   * @param n the list length (may exceed K: only the first K positions are read)
   * @param relevant {@code R}, the number of relevant items of the user, {@code >= 1}
   */
  double ofList(boolean[] hits, int n, int relevant);

  /** Number of relevant items among the first {@code min(k, n)} positions. */
  static int hitsAt(boolean[] hits, int n, int k) {
    int m = Math.min(k, n);
    int c = 0;
    for (int r = 0; r < m; r++) {
      if (hits[r]) {
        c++;
      }
    }
    return c;
  }

  /** The log2 position discount {@code 1 / log2(r + 2)} of 0-based position {@code r}. */
  static double discount(int r) {
    return Math.log(2) / Math.log(r + 2.0);
  }
}
