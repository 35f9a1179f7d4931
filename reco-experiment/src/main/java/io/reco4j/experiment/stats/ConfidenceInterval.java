package io.reco4j.experiment.stats;

/**
 * A two-sided confidence interval {@code [lower, upper]} of some estimate.
 *
 * @param estimate the point estimate (e.g. the sample mean)
 * @param lower the lower bound
 * @param upper the upper bound, {@code >= lower}
 * @param level the nominal coverage, in (0, 1), e.g. 0.95
 */
public record ConfidenceInterval(double estimate, double lower, double upper, double level) {

  public ConfidenceInterval {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    if (!(lower <= upper)) {
      throw new IllegalArgumentException("lower " + lower + " > upper " + upper);
    }
  }

  /** Whether {@code x} lies in the closed interval. */
  public boolean contains(double x) {
    return lower <= x && x <= upper;
  }

  /** {@code upper - lower}. */
  public double width() {
    return upper - lower;
  }

  /** Half the width, for "mean ± h" (the percentile interval need not be symmetric). */
  public double halfWidth() {
    return (upper - lower) / 2;
  }
}
