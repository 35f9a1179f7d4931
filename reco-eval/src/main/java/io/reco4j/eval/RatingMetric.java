package io.reco4j.eval;

/**
 * An error measure over the test ratings of a {@link io.reco4j.model.RatingPredictor}: every test
 * entry {@code (u, i, r)} contributes the error {@code e = predict(u, i) - r}; the metric is
 * computed from the sum of squared errors, the sum of absolute errors and the number of entries.
 * The relevance threshold does not apply: every test rating counts.
 */
public sealed interface RatingMetric extends Metric permits RmseMetric, MaeMetric {
  /**
   * The metric from the error sums over {@code n > 0} test ratings.
   *
   * @param sumSquared Σ e²
   * @param sumAbsolute Σ |e|
   * @param n number of test ratings
   */
  double finish(double sumSquared, double sumAbsolute, long n);

  @Override
  default int cutoff() {
    return 0;
  }

  @Override
  default boolean sampledCompatible() {
    return true;
  }
}
