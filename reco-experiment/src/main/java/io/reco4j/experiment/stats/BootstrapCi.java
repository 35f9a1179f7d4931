package io.reco4j.experiment.stats;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Percentile-bootstrap confidence interval of a mean (Efron &amp; Tibshirani, "An Introduction to
 * the Bootstrap", Chapman &amp; Hall 1993, §13.3): draw B resamples of size n with replacement,
 * take each resample's mean, and return the {@code (1-level)/2} and {@code (1+level)/2} quantiles
 * of the B means (linear interpolation between order statistics, "type 7"). Used for one model's
 * "mean ± CI" and, on per-user differences, for {@link PairedComparison}.
 *
 * <p>Deterministic: the resampling draws from one {@link SplittableRandom} seeded with {@link
 * BootstrapOptions#seed()}, in a fixed order. Cost O(B·n) time, O(B) memory. Stateless and
 * thread-safe.
 */
public final class BootstrapCi {
  private BootstrapCi() {}

  /** The interval of the mean of {@code values} under {@link BootstrapOptions#defaults()}. */
  public static ConfidenceInterval ofMean(double[] values) {
    return ofMean(values, BootstrapOptions.defaults());
  }

  /**
   * The percentile-bootstrap interval of the mean of {@code values}.
   *
   * @param values the sample, at least one finite value
   * @param options B, level and seed
   * @throws IllegalArgumentException when {@code values} is empty or holds a NaN or infinity
   */
  public static ConfidenceInterval ofMean(double[] values, BootstrapOptions options) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(options, "options");
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("cannot bootstrap an empty sample");
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException("value " + j + " is " + values[j]);
      }
      sum += values[j];
    }
    double mean = sum / n;
    int b = options.resamples();
    double[] means = new double[b];
    SplittableRandom rng = new SplittableRandom(options.seed());
    for (int r = 0; r < b; r++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += values[rng.nextInt(n)];
      }
      means[r] = s / n;
    }
    Arrays.sort(means);
    double alpha = 1 - options.level();
    return new ConfidenceInterval(mean, quantile(means, alpha / 2),
        quantile(means, 1 - alpha / 2), options.level());
  }

  /** The p-quantile of sorted {@code a}, interpolating linearly between order statistics. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
