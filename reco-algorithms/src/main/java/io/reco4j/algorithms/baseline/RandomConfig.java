package io.reco4j.algorithms.baseline;

import io.reco4j.model.AlgorithmConfig;

/**
 * Configuration of the {@code random} baseline.
 *
 * @param seed the seed of the scores: the score of (user, item) is a fixed function of (seed,
 *     user index, item index); default 42
 */
public record RandomConfig(long seed) implements AlgorithmConfig {
  /** Seed 42. */
  public static RandomConfig defaults() {
    return new RandomConfig(42L);
  }
}
