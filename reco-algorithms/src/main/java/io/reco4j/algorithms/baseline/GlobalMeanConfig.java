package io.reco4j.algorithms.baseline;

import io.reco4j.model.AlgorithmConfig;

/**
 * Configuration of the {@code global-mean} baseline. It has no parameters: the model is the mean
 * of the training ratings. The record exists so that the algorithm is configured, serialised and
 * recorded in provenance like every other.
 */
public record GlobalMeanConfig() implements AlgorithmConfig {
  /** The (only) configuration. */
  public static GlobalMeanConfig defaults() {
    return new GlobalMeanConfig();
  }
}
