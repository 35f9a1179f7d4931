package io.reco4j.eval;

/**
 * An evaluation metric: a value object naming what to measure and at which cut-off. The records
 * that implement it carry the formula (in their Javadoc) and the per-user kernel; the {@link
 * Evaluator} does the aggregation over users or ratings. Parse lists of them with {@link
 * Metrics#parse(String)}.
 *
 * <p>Families:
 * <ul>
 *   <li>{@link RatingMetric} — error of a {@link io.reco4j.model.RatingPredictor} over test ratings;
 *   <li>{@link TopKMetric} — accuracy of a user's top-K list against the user's relevant items,
 *       averaged over users with at least one relevant item;
 *   <li>{@link AucMetric} — per-user ranking quality over all candidate items;
 *   <li>{@link CatalogMetric} — beyond-accuracy properties of the recommended lists (coverage,
 *       novelty, popularity bias).
 * </ul>
 */
public sealed interface Metric permits RatingMetric, TopKMetric, AucMetric, CatalogMetric {
  /** The canonical name, e.g. {@code rmse} or {@code ndcg@10}; the key in reports. */
  String name();

  /** The cut-off K, or 0 for metrics without one. */
  int cutoff();

  /**
   * Whether the metric is defined under the sampled-negative protocol (one positive ranked among
   * N sampled negatives).
   */
  boolean sampledCompatible();
}
