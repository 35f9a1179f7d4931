package io.reco4j.eval;

/**
 * A beyond-accuracy property of the top-K lists recommended to the evaluated users (those with at
 * least one relevant test item), computed from the lists and the training data only. Item
 * popularity {@code pop(i)} is the number of training users who interacted with item {@code i}.
 * Defined under full ranking only.
 */
public sealed interface CatalogMetric extends Metric
    permits CoverageMetric, NoveltyMetric, PopularityBiasMetric {
  @Override
  default boolean sampledCompatible() {
    return false;
  }
}
