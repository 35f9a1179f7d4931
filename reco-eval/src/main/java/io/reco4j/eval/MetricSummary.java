package io.reco4j.eval;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Mean and sample standard deviation of one metric (or timing) over folds.
 *
 * @param mean arithmetic mean over the {@code n} folds that have a value
 * @param std sample standard deviation {@code sqrt(Σ(x - mean)² / (n - 1))}; null when {@code n < 2}
 * @param n number of folds with a value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricSummary(double mean, Double std, int n) {

  /** Summarises values in the given (fold) order; the sums run in that order. */
  public static MetricSummary of(double[] values, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("no values to summarise");
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      sum += values[j];
    }
    double mean = sum / n;
    if (n < 2) {
      return new MetricSummary(mean, null, n);
    }
    double ss = 0;
    for (int j = 0; j < n; j++) {
      double d = values[j] - mean;
      ss += d * d;
    }
    return new MetricSummary(mean, Math.sqrt(ss / (n - 1)), n);
  }

  /** {@code "0.9441 ± 0.0032"} with the given number of decimals, or just the mean when n = 1. */
  public String format(int decimals) {
    String f = "%." + decimals + "f";
    String m = String.format(java.util.Locale.ROOT, f, mean);
    return std == null ? m : m + " ± " + String.format(java.util.Locale.ROOT, f, std);
  }
}
