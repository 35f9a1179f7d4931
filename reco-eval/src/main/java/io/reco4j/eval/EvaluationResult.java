package io.reco4j.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The metric values of one model on one split.
 *
 * @param values metric name → value, in the order of {@link EvalOptions#resolvedMetrics()}; only
 *     metrics that apply to the model and the data
 * @param absent metric name → why it has no value (e.g. "model is not a RatingPredictor")
 * @param rankedUnits users (full ranking) or test positives (sampled negatives) that entered the
 *     ranking metrics
 * @param ratedEntries test ratings that entered the rating metrics
 * @param perUser metric name → per-user values, when {@link EvalOptions#perUser()} is set (else
 *     empty); every metric in {@code values} except coverage
 */
public record EvaluationResult(Map<String, Double> values, Map<String, String> absent,
    long rankedUnits, long ratedEntries, Map<String, PerUserValues> perUser) {

  public EvaluationResult {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    absent = Collections.unmodifiableMap(new LinkedHashMap<>(absent));
    perUser = Collections.unmodifiableMap(new LinkedHashMap<>(perUser));
  }

  /** A result without per-user values (the signature before {@code perUser} was added). */
  public EvaluationResult(Map<String, Double> values, Map<String, String> absent,
      long rankedUnits, long ratedEntries) {
    this(values, absent, rankedUnits, ratedEntries, Map.of());
  }

  /**
   * The per-user values of a metric.
   *
   * @throws IllegalArgumentException naming the metric when it has none (per-user values not
   *     requested, metric absent, or coverage)
   */
  public PerUserValues requirePerUser(String metricName) {
    PerUserValues p = perUser.get(metricName);
    if (p == null) {
      throw new IllegalArgumentException("no per-user values for metric '" + metricName + "'"
          + (perUser.isEmpty() ? " (evaluate with EvalOptions.withPerUser(true))"
              : " (have " + perUser.keySet() + ")"));
    }
    return p;
  }

  /** The value of a metric, or empty when it is absent. */
  public OptionalDouble value(String metricName) {
    Double v = values.get(metricName);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** The value of a metric. @throws IllegalArgumentException naming the metric and the reason */
  public double require(String metricName) {
    Double v = values.get(metricName);
    if (v == null) {
      String why = absent.get(metricName);
      throw new IllegalArgumentException("no value for metric '" + metricName + "'"
          + (why != null ? ": " + why : " (not requested; have " + values.keySet() + ")"));
    }
    return v;
  }
}
