package io.reco4j.experiment.stats;

/**
 * Parameters of the percentile bootstrap (Efron &amp; Tibshirani, "An Introduction to the
 * Bootstrap", Chapman &amp; Hall 1993, ch. 13).
 *
 * @param resamples B, the number of bootstrap resamples, {@code >= 100}
 * @param level the confidence level of the intervals, in (0, 1)
 * @param seed seed of the resampling; the same seed and data give the same interval
 */
public record BootstrapOptions(int resamples, double level, long seed) {
  /** The default number of resamples. */
  public static final int DEFAULT_RESAMPLES = 1000;

  public BootstrapOptions {
    if (resamples < 100) {
      throw new IllegalArgumentException("resamples must be >= 100, got " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
  }

  /** B = 1000, 95 % intervals, seed 42. */
  public static BootstrapOptions defaults() {
    return new BootstrapOptions(DEFAULT_RESAMPLES, 0.95, 42L);
  }

  /** A copy with another number of resamples. */
  public BootstrapOptions withResamples(int b) {
    return new BootstrapOptions(b, level, seed);
  }

  /** A copy with another confidence level. */
  public BootstrapOptions withLevel(double l) {
    return new BootstrapOptions(resamples, l, seed);
  }

  /** A copy with another seed. */
  public BootstrapOptions withSeed(long s) {
    return new BootstrapOptions(resamples, level, s);
  }
}
