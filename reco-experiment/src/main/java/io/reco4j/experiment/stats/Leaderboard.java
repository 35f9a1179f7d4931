package io.reco4j.experiment.stats;

import io.reco4j.eval.PerUserValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * N models ranked on one metric, each with its mean and bootstrap interval, and every model
 * compared with a reference — the best model, or a named baseline — by a paired test whose p-values
 * are Holm-corrected over the family of N − 1 comparisons (Holm 1979; see {@link Holm}). A model
 * is marked significant when its adjusted p-value is {@code <= alpha}.
 *
 * <p>The means are the unweighted means of the per-user values; for {@code rmse} that is the
 * mean per-user squared error and for {@code mae} the mean per-user absolute error, so the
 * leaderboard is a user-level view and may order rating models differently from the pooled RMSE.
 *
 * <p>Typical use by an experiment runner:
 * <pre>{@code
 * var perUser = new LinkedHashMap<String, PerUserValues>();
 * for (var e : results.entrySet()) {            // EvaluationResult per model, same split
 *   perUser.put(e.getKey(), e.getValue().requirePerUser("ndcg@10"));
 * }
 * Leaderboard board = Leaderboard.compareAll("ndcg@10", perUser, null, Leaderboard.Options.defaults());
 * for (Leaderboard.Row r : board.rows()) { ... r.mean().estimate(), r.mean().halfWidth(), r.mark() }
 * }</pre>
 *
 * @param metric the metric name
 * @param higherIsBetter whether larger values are better
 * @param reference the name of the model the others are compared with
 * @param options test, alpha and bootstrap parameters used
 * @param rows one row per model, best first (ties: input order)
 */
public record Leaderboard(String metric, boolean higherIsBetter, String reference, Options options,
    List<Row> rows) {

  public Leaderboard {
    rows = List.copyOf(rows);
  }

  /** Which paired test's p-values are corrected and marked. */
  public enum Test {
    /** The paired t-test (the default; Smucker et al. 2007 recommend it over Wilcoxon for IR). */
    PAIRED_T,
    /** The Wilcoxon signed-rank test. */
    WILCOXON
  }

  /**
   * How to compare.
   *
   * @param test the test whose p-values are Holm-corrected
   * @param alpha the family-wise significance level, in (0, 1)
   * @param bootstrap resampling for the intervals
   */
  public record Options(Test test, double alpha, BootstrapOptions bootstrap) {
    public Options {
      Objects.requireNonNull(test, "test");
      Objects.requireNonNull(bootstrap, "bootstrap");
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
      }
    }

    /** Paired t-test, alpha 0.05, {@link BootstrapOptions#defaults()}. */
    public static Options defaults() {
      return new Options(Test.PAIRED_T, 0.05, BootstrapOptions.defaults());
    }

    /** A copy with another test. */
    public Options withTest(Test t) {
      return new Options(t, alpha, bootstrap);
    }

    /** A copy with another alpha. */
    public Options withAlpha(double a) {
      return new Options(test, a, bootstrap);
    }

    /** A copy with other bootstrap parameters. */
    public Options withBootstrap(BootstrapOptions b) {
      return new Options(test, alpha, b);
    }
  }

  /**
   * One model's line.
   *
   * @param model the model's name
   * @param users number of users
   * @param mean the mean of the per-user values and its bootstrap interval
   * @param vsReference this model (A) against the reference (B); null for the reference itself
   * @param adjustedP the Holm-adjusted p-value of the chosen test; NaN for the reference
   * @param significant whether {@code adjustedP <= alpha}
   */
  public record Row(String model, int users, ConfidenceInterval mean,
      PairedComparison vsReference, double adjustedP, boolean significant) {

    /** Whether this row is the reference. */
    public boolean isReference() {
      return vsReference == null;
    }

    /**
     * A mark for tables: {@code "ref"} for the reference, {@code "*"} when significantly different
     * from it after correction, {@code ""} otherwise.
     */
    public String mark() {
      return isReference() ? "ref" : significant ? "*" : "";
    }
  }

  /**
   * Whether larger values of {@code metric} are better: false for the error metrics {@code rmse}
   * and {@code mae}, true for every other metric (for {@code arp@K}, popularity, pass the direction
   * you mean explicitly).
   */
  public static boolean higherIsBetter(String metric) {
    return !(metric.equals("rmse") || metric.equals("mae"));
  }

  /**
   * Ranks and compares models with the direction from {@link #higherIsBetter(String)}.
   *
   * @see #compareAll(String, Map, String, boolean, Options)
   */
  public static Leaderboard compareAll(String metric, Map<String, PerUserValues> models,
      String baseline, Options options) {
    return compareAll(metric, models, baseline, higherIsBetter(metric), options);
  }

  /**
   * Ranks {@code models} on {@code metric} and compares each with the reference.
   *
   * @param metric the metric name; every entry's {@link PerUserValues#metric()} must equal it
   * @param models model name → per-user values, all on the same users; at least two
   * @param baseline the reference model's name, or null for the best model by mean
   * @param higherIsBetter the metric's direction
   * @param options test, alpha and bootstrap
   * @throws IllegalArgumentException when fewer than two models are given, the baseline is not
   *     among them, a metric name differs, or the user sets differ ({@link PairedComparison})
   */
  public static Leaderboard compareAll(String metric, Map<String, PerUserValues> models,
      String baseline, boolean higherIsBetter, Options options) {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(options, "options");
    if (models.size() < 2) {
      throw new IllegalArgumentException("need at least two models to compare, got "
          + models.keySet());
    }
    List<String> names = new ArrayList<>(models.keySet());
    List<ConfidenceInterval> means = new ArrayList<>();
    for (String name : names) {
      PerUserValues v = Objects.requireNonNull(models.get(name), "per-user values of " + name);
      if (!v.metric().equals(metric)) {
        throw new IllegalArgumentException("model '" + name + "' has values of '" + v.metric()
            + "', expected '" + metric + "'");
      }
      if (v.size() == 0) {
        throw new IllegalArgumentException("model '" + name + "' has no per-user values");
      }
      means.add(BootstrapCi.ofMean(v.values(), options.bootstrap()));
    }
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      order.add(k);
    }
    Comparator<Integer> byMean = Comparator.comparingDouble(k -> means.get(k).estimate());
    order.sort(higherIsBetter ? byMean.reversed() : byMean);
    int ref;
    if (baseline == null) {
      ref = order.get(0);
    } else {
      ref = names.indexOf(baseline);
      if (ref < 0) {
        throw new IllegalArgumentException("baseline '" + baseline + "' is not among the models "
            + names);
      }
    }
    PerUserValues refValues = models.get(names.get(ref));
    PairedComparison[] vs = new PairedComparison[names.size()];
    double[] p = new double[names.size() - 1];
    int[] slot = new int[names.size()];
    int f = 0;
    for (int k = 0; k < names.size(); k++) {
      if (k != ref) {
        vs[k] = PairedComparison.of(names.get(k), models.get(names.get(k)), names.get(ref),
            refValues, options.bootstrap());
        slot[k] = f;
        p[f++] = vs[k].p(options.test());
      }
    }
    double[] adjusted = Holm.adjust(p);
    List<Row> rows = new ArrayList<>();
    for (int k : order) {
      PerUserValues v = models.get(names.get(k));
      if (k == ref) {
        rows.add(new Row(names.get(k), v.size(), means.get(k), null, Double.NaN, false));
      } else {
        double adj = adjusted[slot[k]];
        rows.add(new Row(names.get(k), v.size(), means.get(k), vs[k], adj,
            adj <= options.alpha()));
      }
    }
    return new Leaderboard(metric, higherIsBetter, names.get(ref), options, rows);
  }

  /** The row of a model. @throws IllegalArgumentException naming the model when it is absent */
  public Row row(String model) {
    for (Row r : rows) {
      if (r.model().equals(model)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no model '" + model + "' in the leaderboard of " + metric);
  }
}
