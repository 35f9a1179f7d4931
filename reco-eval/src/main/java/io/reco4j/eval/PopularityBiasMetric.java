package io.reco4j.eval;

/**
 * Average recommendation popularity at K (ARP; Abdollahpouri, Burke &amp; Mobasher, "Managing
 * popularity bias in recommender systems with personalized re-ranking", FLAIRS 2019):
 * <pre>
 *   ARP@K = mean_u (1 / |L_u|) Σ_{i∈L_u} pop(i)
 * </pre>
 * with {@code pop(i)} the number of training interactions of item {@code i} and {@code L_u} user
 * u's list cut at K. Users whose list is empty are skipped. Higher means a stronger bias towards
 * popular items. Named {@code arp@K} in reports.
 *
 * @param k the cut-off, {@code >= 1}
 */
public record PopularityBiasMetric(int k) implements CatalogMetric {
  public PopularityBiasMetric {
    Metrics.checkCutoff("arp", k);
  }

  @Override
  public String name() {
    return "arp@" + k;
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
