package io.reco4j.eval;

import java.util.List;
import java.util.Objects;

/**
 * One metric's per-user values from one evaluation, for paired significance tests between models
 * evaluated on the same split (see {@link EvalOptions#withPerUser(boolean)}).
 *
 * <p>Entry {@code j} belongs to dense user index {@code users[j]}; users are in ascending order and
 * only those the metric averaged over appear (ranking metrics: users with a relevant test item;
 * AUC: users with both a relevant and a non-relevant candidate; rating metrics: users with a test
 * rating). {@code values[j]} is the user's own value: for top-K metrics, AUC, novelty and ARP the
 * metric of the user's list (under sampled negatives: the mean over the user's test positives);
 * for {@code rmse} the user's mean <em>squared</em> error and for {@code mae} the user's mean
 * absolute error. {@code weights[j]} is how many units the user contributed (1 per user under full
 * ranking, the user's test positives under sampled negatives, the user's test ratings for rating
 * metrics), so that the reported metric is the weighted mean {@code Σ w·v / Σ w} (for rmse: its
 * square root) — see {@link #reported()}. With full ranking that is the plain mean.
 *
 * <p>Coverage is a property of the whole set of lists and has no per-user values.
 *
 * @param metric the metric name, e.g. {@code ndcg@10}
 * @param users dense user indices, strictly ascending
 * @param values per-user values, aligned with {@code users}
 * @param weights per-user unit counts ({@code >= 1}), aligned with {@code users}
 */
public record PerUserValues(String metric, int[] users, double[] values, double[] weights) {

  public PerUserValues {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(weights, "weights");
    if (values.length != users.length || weights.length != users.length) {
      throw new IllegalArgumentException(metric + ": " + users.length + " users but "
          + values.length + " values and " + weights.length + " weights");
    }
    for (int j = 1; j < users.length; j++) {
      if (users[j] <= users[j - 1]) {
        throw new IllegalArgumentException(metric + ": users not strictly ascending at position "
            + j + " (" + users[j - 1] + ", " + users[j] + ")");
      }
    }
  }

  /**
   * Pools one metric's per-user values from several folds of one split (e.g. the five folds of
   * {@code kfold:5}) into one value per user: the weights add up and the value is the weighted
   * mean {@code Σ w·v / Σ w} over the folds the user appears in. The pooled {@link #reported()}
   * is therefore the metric over every (user, fold) unit at once, which differs slightly from the
   * mean of the per-fold values when folds have different numbers of units. Two models evaluated
   * on the same folds pool to values paired by user.
   *
   * @param folds the fold values, at least one, all of the same metric
   * @throws IllegalArgumentException when the list is empty or the metrics differ
   */
  public static PerUserValues pool(List<PerUserValues> folds) {
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("no per-user values to pool");
    }
    String metric = folds.get(0).metric;
    int maxUser = -1;
    for (PerUserValues f : folds) {
      if (!f.metric.equals(metric)) {
        throw new IllegalArgumentException("cannot pool " + metric + " with " + f.metric);
      }
      if (f.users.length > 0) {
        maxUser = Math.max(maxUser, f.users[f.users.length - 1]);
      }
    }
    double[] sum = new double[maxUser + 1];
    double[] weight = new double[maxUser + 1];
    for (PerUserValues f : folds) { // folds in the given order: a fixed summation order
      for (int j = 0; j < f.users.length; j++) {
        sum[f.users[j]] += f.weights[j] * f.values[j];
        weight[f.users[j]] += f.weights[j];
      }
    }
    int n = 0;
    for (double w : weight) {
      n += w > 0 ? 1 : 0;
    }
    int[] users = new int[n];
    double[] values = new double[n];
    double[] weights = new double[n];
    int j = 0;
    for (int u = 0; u <= maxUser; u++) {
      if (weight[u] > 0) {
        users[j] = u;
        values[j] = sum[u] / weight[u];
        weights[j] = weight[u];
        j++;
      }
    }
    return new PerUserValues(metric, users, values, weights);
  }

  /** Number of users. */
  public int size() {
    return users.length;
  }

  /** The unweighted mean of the per-user values (NaN when there are none). */
  public double mean() {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }

  /**
   * The metric as the evaluator reports it, recomputed from the per-user values: the weighted mean
   * {@code Σ w·v / Σ w}, or its square root for {@code rmse}. Equal to the reported value up to
   * floating-point summation order.
   */
  public double reported() {
    double s = 0;
    double w = 0;
    for (int j = 0; j < values.length; j++) {
      s += weights[j] * values[j];
      w += weights[j];
    }
    return metric.equals("rmse") ? Math.sqrt(s / w) : s / w;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PerUserValues p && metric.equals(p.metric)
        && java.util.Arrays.equals(users, p.users) && java.util.Arrays.equals(values, p.values)
        && java.util.Arrays.equals(weights, p.weights);
  }

  @Override
  public int hashCode() {
    return Objects.hash(metric, java.util.Arrays.hashCode(users),
        java.util.Arrays.hashCode(values), java.util.Arrays.hashCode(weights));
  }

  @Override
  public String toString() {
    return "PerUserValues[" + metric + ", " + users.length + " users]";
  }
}
