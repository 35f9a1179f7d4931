package io.reco4j.eval;

/**
 * Catalogue coverage at K: the fraction of all items that appear in at least one evaluated user's
 * top-K list, {@code |∪_u top-K(u)| / |I|} (Ge, Delgado-Battenfeld &amp; Jannach, "Beyond
 * accuracy: evaluating recommender systems by coverage and serendipity", RecSys 2010).
 *
 * @param k the cut-off, {@code >= 1}
 */
public record CoverageMetric(int k) implements CatalogMetric {
  public CoverageMetric {
    Metrics.checkCutoff("coverage", k);
  }

  @Override
  public String name() {
    return "coverage@" + k;
  }

  @Override
  public int cutoff() {
    return k;
  }

  @Override
  public String toString() {
    return name();
  }
}
