package io.reco4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to evaluate: which metrics, the protocol and its parameters. Validated on construction (every
 * metric name is parsed, and under the sampled-negative protocol every metric must be defined
 * there), so a bad option fails before any model is trained.
 *
 * @param metrics metric names as accepted by {@link Metrics}, e.g. {@code ["rmse", "ndcg@10"]};
 *     an entry may hold a comma-separated list
 * @param cutoffs cut-offs applied to ranking metrics named without {@code @K} (e.g. {@code ndcg}
 *     with cut-offs [10, 20] gives ndcg@10 and ndcg@20); may be empty when every name has one
 * @param threads evaluation threads ({@code <= 0}: all cores); results do not depend on it
 * @param excludeHistory under full ranking, whether the items in each test user's history
 *     ({@link io.reco4j.split.Split#history()}) are removed from the candidates (default true)
 * @param relevanceThreshold for explicit data, only test ratings {@code >= relevanceThreshold}
 *     are relevant; NaN (the default) makes every test entry relevant
 * @param sampledNegatives 0 (default) for full ranking over all items; N &gt; 0 ranks every
 *     relevant test item among N random items the user has neither in history nor in test
 * @param seed seed of the negative sampling; user {@code u}'s draws derive from (seed, u)
 * @param perUser whether {@link EvaluationResult#perUser()} also carries every metric's per-user
 *     values (for significance tests); off by default, when the evaluation allocates nothing for it
 * @param trainItemsOnly whether only items with at least one entry in the split's train part are
 *     candidates (ranked, drawn as negatives, counted by AUC and in coverage's catalogue), as in
 *     Liang et al. 2018's code, whose item space is the train items ({@code unique_sid}); off by
 *     default, when every item of the index is a candidate. See {@link Evaluator}
 */
public record EvalOptions(List<String> metrics, List<Integer> cutoffs, int threads,
    boolean excludeHistory, double relevanceThreshold, int sampledNegatives, long seed,
    boolean perUser, boolean trainItemsOnly) {

  /** Options ranking every item (the signature before {@code trainItemsOnly} was added). */
  public EvalOptions(List<String> metrics, List<Integer> cutoffs, int threads,
      boolean excludeHistory, double relevanceThreshold, int sampledNegatives, long seed,
      boolean perUser) {
    this(metrics, cutoffs, threads, excludeHistory, relevanceThreshold, sampledNegatives, seed,
        perUser, false);
  }

  /** Options without per-user values (the signature before {@code perUser} was added). */
  public EvalOptions(List<String> metrics, List<Integer> cutoffs, int threads,
      boolean excludeHistory, double relevanceThreshold, int sampledNegatives, long seed) {
    this(metrics, cutoffs, threads, excludeHistory, relevanceThreshold, sampledNegatives, seed,
        false);
  }

  public EvalOptions {
    metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
    cutoffs = List.copyOf(Objects.requireNonNull(cutoffs, "cutoffs"));
    for (int k : cutoffs) {
      if (k < 1) {
        throw new IllegalArgumentException("cut-offs must be >= 1, got " + k);
      }
    }
    if (sampledNegatives < 0) {
      throw new IllegalArgumentException("sampledNegatives must be >= 0, got " + sampledNegatives);
    }
    if (Double.isInfinite(relevanceThreshold)) {
      throw new IllegalArgumentException("relevanceThreshold must be finite or NaN");
    }
    List<Metric> parsed = Metrics.parse(metrics, cutoffs);
    if (sampledNegatives > 0) {
      List<String> bad = new ArrayList<>();
      for (Metric m : parsed) {
        if (!m.sampledCompatible()) {
          bad.add(m.name());
        }
      }
      if (!bad.isEmpty()) {
        throw new IllegalArgumentException("metrics " + bad + " are not defined under "
            + "sampled-negative ranking (sampledNegatives=" + sampledNegatives
            + "); use rmse, mae, hitrate@K, ndcg@K, mrr@K or auc");
      }
    }
  }

  /**
   * Full ranking with rmse, mae, precision, recall, ndcg, map, mrr, hitrate, coverage, novelty and
   * arp at 10, and auc; all threads; history excluded; every test entry relevant; seed 42.
   */
  public static EvalOptions defaults() {
    return new EvalOptions(List.of("rmse", "mae", "precision", "recall", "ndcg", "map", "mrr",
        "hitrate", "auc", "coverage", "novelty", "arp"), List.of(10), 0, true, Double.NaN, 0, 42L);
  }

  /** The defaults with the given metric list, e.g. {@code "rmse,ndcg@10"}. */
  public static EvalOptions of(String metricList) {
    return defaults().withMetrics(metricList);
  }

  /** The parsed metrics, in report order. */
  public List<Metric> resolvedMetrics() {
    return Metrics.parse(metrics, cutoffs);
  }

  /** Whether the sampled-negative protocol is used. */
  public boolean sampled() {
    return sampledNegatives > 0;
  }

  /** A copy with another comma-separated metric list. */
  public EvalOptions withMetrics(String metricList) {
    List<String> names = java.util.Arrays.stream(metricList.split(","))
        .map(String::strip).filter(x -> !x.isEmpty()).toList();
    return new EvalOptions(names.isEmpty() ? List.of(metricList) : names, cutoffs, threads, excludeHistory,
        relevanceThreshold, sampledNegatives, seed, perUser, trainItemsOnly);
  }

  /** A copy with other default cut-offs. */
  public EvalOptions withCutoffs(int... ks) {
    List<Integer> list = new ArrayList<>(ks.length);
    for (int k : ks) {
      list.add(k);
    }
    return new EvalOptions(metrics, list, threads, excludeHistory, relevanceThreshold,
        sampledNegatives, seed, perUser, trainItemsOnly);
  }

  /** A copy with another thread count. */
  public EvalOptions withThreads(int t) {
    return new EvalOptions(metrics, cutoffs, t, excludeHistory, relevanceThreshold,
        sampledNegatives, seed, perUser, trainItemsOnly);
  }

  /** A copy that does or does not exclude history items from the candidates. */
  public EvalOptions withExcludeHistory(boolean exclude) {
    return new EvalOptions(metrics, cutoffs, threads, exclude, relevanceThreshold,
        sampledNegatives, seed, perUser, trainItemsOnly);
  }

  /** A copy with another relevance threshold (NaN: every test entry is relevant). */
  public EvalOptions withRelevanceThreshold(double threshold) {
    return new EvalOptions(metrics, cutoffs, threads, excludeHistory, threshold,
        sampledNegatives, seed, perUser, trainItemsOnly);
  }

  /** A copy using the sampled-negative protocol with N negatives per positive (0: full ranking). */
  public EvalOptions withSampledNegatives(int n) {
    return new EvalOptions(metrics, cutoffs, threads, excludeHistory, relevanceThreshold, n, seed,
        perUser, trainItemsOnly);
  }

  /** A copy with another seed. */
  public EvalOptions withSeed(long s) {
    return new EvalOptions(metrics, cutoffs, threads, excludeHistory, relevanceThreshold,
        sampledNegatives, s, perUser, trainItemsOnly);
  }

  /**
   * A copy that ranks only the items with a train entry ({@code true}) or every item
   * ({@link #trainItemsOnly()}).
   */
  public EvalOptions withTrainItemsOnly(boolean only) {
    return new EvalOptions(metrics, cutoffs, threads, excludeHistory, relevanceThreshold,
        sampledNegatives, seed, perUser, only);
  }

  /**
   * A copy that does or does not collect per-user metric values ({@link EvaluationResult#perUser()}).
   */
  public EvalOptions withPerUser(boolean collect) {
    return new EvalOptions(metrics, cutoffs, threads, excludeHistory, relevanceThreshold,
        sampledNegatives, seed, collect, trainItemsOnly);
  }
}
