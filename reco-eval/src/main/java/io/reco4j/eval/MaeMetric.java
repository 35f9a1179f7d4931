package io.reco4j.eval;

/**
 * Mean absolute error over the test ratings:
 * {@code MAE = (1/n) Σ_(u,i,r) |predict(u,i) - r|}
 * (Herlocker et al., "Evaluating collaborative filtering recommender systems", TOIS 2004).
 */
public record MaeMetric() implements RatingMetric {
  @Override
  public String name() {
    return "mae";
  }

  @Override
  public double finish(double sumSquared, double sumAbsolute, long n) {
    return sumAbsolute / n;
  }

  @Override
  public String toString() {
    return name();
  }
}
