package io.reco4j.eval;

/**
 * Root mean squared error over the test ratings:
 * {@code RMSE = sqrt( (1/n) Σ_(u,i,r) (predict(u,i) - r)² )}.
 * The error measure of the Netflix Prize (Bennett &amp; Lanning, "The Netflix Prize", KDD Cup 2007).
 */
public record RmseMetric() implements RatingMetric {
  @Override
  public String name() {
    return "rmse";
  }

  @Override
  public double finish(double sumSquared, double sumAbsolute, long n) {
    return Math.sqrt(sumSquared / n);
  }

  @Override
  public String toString() {
    return name();
  }
}
