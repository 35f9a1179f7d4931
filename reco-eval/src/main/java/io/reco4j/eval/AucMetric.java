package io.reco4j.eval;

import java.util.Arrays;

/**
 * Area under the ROC curve per user, averaged over users (Rendle et al., "BPR: Bayesian
 * personalized ranking from implicit feedback", UAI 2009, eq. 1):
 * <pre>
 *   AUC(u) = (1 / (|P|·|N|)) Σ_{p∈P} Σ_{q∈N} ( [s_p &gt; s_q] + ½ [s_p = s_q] )
 * </pre>
 * where the candidates are all items not excluded for the user (the user's history is excluded
 * unless {@link EvalOptions#excludeHistory()} is false), {@code P} the relevant candidates and
 * {@code N} the other candidates. Ties count half. NaN scores count as −∞. Users without a
 * relevant or without a non-relevant candidate are skipped. Under the sampled-negative protocol,
 * {@code P} is the single test positive and {@code N} its sampled negatives, averaged over
 * positives.
 *
 * <p>Cost per user: one sort of the candidate scores, O(n log n) in the number of items.
 */
public record AucMetric() implements Metric {
  @Override
  public String name() {
    return "auc";
  }

  @Override
  public int cutoff() {
    return 0;
  }

  @Override
  public boolean sampledCompatible() {
    return true;
  }

  /**
   * AUC of one user from the scores of all candidates and of the positive candidates. Both arrays
   * are sorted in place (the prefixes that are read); NaN and -0.0 are normalised first.
   *
   * @param candidates scores of every candidate (positives included) in {@code [0, m)}
   * @param m number of candidates
   * @param positives scores of the positive candidates in {@code [0, p)}
   * @param p number of positive candidates
   * @return the AUC, or NaN when {@code p == 0} or {@code p == m}
   */
  public static double compute(float[] candidates, int m, float[] positives, int p) {
    int negatives = m - p;
    if (p == 0 || negatives <= 0) {
      return Double.NaN;
    }
    normalise(candidates, m);
    normalise(positives, p);
    Arrays.sort(candidates, 0, m);
    Arrays.sort(positives, 0, p);
    double wins = 0;
    for (int j = 0; j < p; j++) {
      float s = positives[j];
      int lessAll = lowerBound(candidates, m, s);
      int equalAll = upperBound(candidates, m, s) - lessAll;
      int lessPos = lowerBound(positives, p, s);
      int equalPos = upperBound(positives, p, s) - lessPos;
      wins += (lessAll - lessPos) + 0.5 * (equalAll - equalPos);
    }
    return wins / ((double) p * negatives);
  }

  /** Maps NaN to −∞ and −0.0 to 0.0 so that sorting agrees with {@code <} and {@code ==}. */
  static float clean(float s) {
    return s != s ? Float.NEGATIVE_INFINITY : s + 0.0f;
  }

  private static void normalise(float[] a, int n) {
    for (int j = 0; j < n; j++) {
      a[j] = clean(a[j]);
    }
  }

  // first position with a[pos] >= s
  private static int lowerBound(float[] a, int n, float s) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < s) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // first position with a[pos] > s
  private static int upperBound(float[] a, int n, float s) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= s) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public String toString() {
    return name();
  }
}
