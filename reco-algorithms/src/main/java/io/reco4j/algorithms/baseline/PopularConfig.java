package io.reco4j.algorithms.baseline;

import io.reco4j.model.AlgorithmConfig;

/**
 * Configuration of the {@code popular} baseline. It has no parameters: an item's score is its
 * number of training interactions, whatever their values. The record exists so that the algorithm
 * is configured, serialised and recorded in provenance like every other.
 */
public record PopularConfig() implements AlgorithmConfig {
  /** The (only) configuration. */
  public static PopularConfig defaults() {
    return new PopularConfig();
  }
}
