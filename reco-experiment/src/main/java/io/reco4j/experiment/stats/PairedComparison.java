package io.reco4j.experiment.stats;

import io.reco4j.eval.PerUserValues;
import java.util.Objects;
import org.hipparchus.stat.inference.TTest;
import org.hipparchus.stat.inference.WilcoxonSignedRankTest;

/**
 * Two models compared on one metric over the same users: the mean per-user difference {@code A − B}
 * with a percentile-bootstrap confidence interval, and two-sided p-values of a paired t-test and of
 * the Wilcoxon signed-rank test.
 *
 * <p><b>Tests.</b> The paired t-test (Student, 1908) takes the per-user differences {@code d_u} and
 * refers {@code t = mean(d) / (sd(d) / √n)} to Student's t with n − 1 degrees of freedom. The
 * Wilcoxon signed-rank test (Wilcoxon, "Individual comparisons by ranking methods", Biometrics
 * Bulletin 1(6), 1945) ranks {@code |d_u|}, drops zero differences (Wilcoxon's original rule) and
 * sums the ranks of the positive ones; its p-value is exact for at most 30 non-zero differences and
 * otherwise from the normal approximation (without a tie correction of the variance, which makes
 * it conservative when many |d| tie). Both come from Hipparchus ({@code hipparchus-stat}). When
 * every difference is 0 both p-values are 1. The bootstrap interval is {@link BootstrapCi} applied
 * to the differences (Efron &amp; Tibshirani 1993).
 *
 * <p>For recommender and IR evaluation over users (topics), Smucker, Allan &amp; Carterette (CIKM
 * 2007) found the t-test, bootstrap and randomisation tests in agreement and the Wilcoxon test less
 * reliable; Sakai (SIGIR Forum 2014) asks for effect sizes and intervals next to p-values and for
 * multiple-comparison correction ({@link Holm}, {@link Leaderboard}).
 *
 * @param metric the metric name, e.g. {@code ndcg@10}
 * @param nameA the first model's name
 * @param nameB the second model's name
 * @param users number of paired users, {@code >= 2}
 * @param meanA mean of A's per-user values
 * @param meanB mean of B's per-user values
 * @param difference mean of {@code A − B} over users and its bootstrap interval
 * @param tTestP two-sided paired t-test p-value
 * @param wilcoxonP two-sided Wilcoxon signed-rank p-value
 * @param zeroDifferences users on which A and B have exactly the same value
 */
public record PairedComparison(String metric, String nameA, String nameB, int users, double meanA,
    double meanB, ConfidenceInterval difference, double tTestP, double wilcoxonP,
    int zeroDifferences) {

  /** Largest number of non-zero differences for which the exact Wilcoxon distribution is used. */
  public static final int WILCOXON_EXACT_MAX = 30;

  /** Compares two models' per-user values of one metric under {@link BootstrapOptions#defaults()}. */
  public static PairedComparison of(String nameA, PerUserValues a, String nameB, PerUserValues b) {
    return of(nameA, a, nameB, b, BootstrapOptions.defaults());
  }

  /**
   * Compares two models' per-user values of one metric (from {@link
   * io.reco4j.eval.EvaluationResult#requirePerUser}), evaluated on the same split.
   *
   * @throws IllegalArgumentException when the metrics differ, or as {@link #of(String, String,
   *     int[], double[], String, int[], double[], BootstrapOptions)}
   */
  public static PairedComparison of(String nameA, PerUserValues a, String nameB, PerUserValues b,
      BootstrapOptions options) {
    if (!a.metric().equals(b.metric())) {
      throw new IllegalArgumentException("cannot pair metric '" + a.metric() + "' of '" + nameA
          + "' with metric '" + b.metric() + "' of '" + nameB + "'");
    }
    return of(a.metric(), nameA, a.users(), a.values(), nameB, b.users(), b.values(), options);
  }

  /**
   * Compares per-user values given as parallel arrays, paired by user index.
   *
   * @param metric the metric name (for reports and messages)
   * @param usersA A's dense user indices, strictly ascending
   * @param valuesA A's values, aligned with {@code usersA}, finite
   * @param usersB B's dense user indices, strictly ascending
   * @param valuesB B's values, aligned with {@code usersB}, finite
   * @throws IllegalArgumentException when the user sets differ (naming how many users each side
   *     lacks and the first of them), when fewer than 2 users are paired, when arrays are misaligned
   *     or not ascending, or when a value is not finite
   */
  public static PairedComparison of(String metric, String nameA, int[] usersA, double[] valuesA,
      String nameB, int[] usersB, double[] valuesB, BootstrapOptions options) {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(options, "options");
    checkShape(nameA, usersA, valuesA);
    checkShape(nameB, usersB, valuesB);
    int onlyA = 0;
    int onlyB = 0;
    int firstOnlyA = -1;
    int firstOnlyB = -1;
    int i = 0;
    int j = 0;
    while (i < usersA.length || j < usersB.length) {
      if (j == usersB.length || (i < usersA.length && usersA[i] < usersB[j])) {
        firstOnlyA = onlyA++ == 0 ? usersA[i] : firstOnlyA;
        i++;
      } else if (i == usersA.length || usersB[j] < usersA[i]) {
        firstOnlyB = onlyB++ == 0 ? usersB[j] : firstOnlyB;
        j++;
      } else {
        i++;
        j++;
      }
    }
    if (onlyA > 0 || onlyB > 0) {
      throw new IllegalArgumentException(metric + ": '" + nameA + "' and '" + nameB
          + "' were not measured on the same users: " + onlyA + " users only in '" + nameA + "'"
          + (onlyA > 0 ? " (first: user index " + firstOnlyA + ")" : "") + ", " + onlyB
          + " users only in '" + nameB + "'"
          + (onlyB > 0 ? " (first: user index " + firstOnlyB + ")" : "")
          + "; evaluate both on the same split and protocol");
    }
    int n = usersA.length;
    if (n < 2) {
      throw new IllegalArgumentException(metric + ": need at least 2 paired users, got " + n);
    }
    double[] d = new double[n];
    double sumA = 0;
    double sumB = 0;
    int zeros = 0;
    for (int u = 0; u < n; u++) {
      sumA += valuesA[u];
      sumB += valuesB[u];
      d[u] = valuesA[u] - valuesB[u];
      if (d[u] == 0) {
        zeros++;
      }
    }
    ConfidenceInterval ci = BootstrapCi.ofMean(d, options);
    double tP;
    double wP;
    if (zeros == n) {
      tP = 1;
      wP = 1;
    } else {
      tP = new TTest().pairedTTest(valuesA, valuesB);
      wP = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(valuesA, valuesB,
          n - zeros <= WILCOXON_EXACT_MAX);
    }
    return new PairedComparison(metric, nameA, nameB, n, sumA / n, sumB / n, ci, tP, wP, zeros);
  }

  private static void checkShape(String name, int[] users, double[] values) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(users, "users of " + name);
    Objects.requireNonNull(values, "values of " + name);
    if (users.length != values.length) {
      throw new IllegalArgumentException("'" + name + "' has " + users.length + " users but "
          + values.length + " values");
    }
    for (int j = 0; j < users.length; j++) {
      if (j > 0 && users[j] <= users[j - 1]) {
        throw new IllegalArgumentException("users of '" + name + "' are not strictly ascending at "
            + "position " + j + " (" + users[j - 1] + ", " + users[j] + ")");
      }
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException("value of '" + name + "' for user index " + users[j]
            + " is " + values[j]);
      }
    }
  }

  /** The mean difference {@code A − B}. */
  public double meanDifference() {
    return difference.estimate();
  }

  /** The p-value of the chosen test. */
  public double p(Leaderboard.Test test) {
    return test == Leaderboard.Test.WILCOXON ? wilcoxonP : tTestP;
  }
}
