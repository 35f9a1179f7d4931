package io.reco4j.algorithms.baseline;

import io.reco4j.model.AlgorithmConfig;

/**
 * Configuration of the {@code bias} baseline predictor b<sub>ui</sub> = μ + b<sub>u</sub> +
 * b<sub>i</sub> (see {@link BiasTrainer}). The defaults are those of Surprise's
 * {@code BaselineOnly} with {@code method='als'}.
 *
 * @param iterations alternating passes (item biases, then user biases), at least 1; default 10
 * @param userRegularization λ<sub>u</sub>, the shrinkage of user biases towards 0, in rating
 *     units (acts like that many pseudo-ratings at the mean); finite and {@code >= 0}; default 15
 * @param itemRegularization λ<sub>i</sub>, the shrinkage of item biases towards 0; finite and
 *     {@code >= 0}; default 10
 * @param threads worker threads for training, {@code 0} meaning all cores; the model is the same
 *     for any value; default 0
 */
public record BiasConfig(int iterations, float userRegularization, float itemRegularization,
    int threads) implements AlgorithmConfig {

  public BiasConfig {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    if (!(userRegularization >= 0) || Float.isInfinite(userRegularization)) {
      throw new IllegalArgumentException(
          "userRegularization must be finite and >= 0, got " + userRegularization);
    }
    if (!(itemRegularization >= 0) || Float.isInfinite(itemRegularization)) {
      throw new IllegalArgumentException(
          "itemRegularization must be finite and >= 0, got " + itemRegularization);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
  }

  /** The given parameters, training on all cores. */
  public BiasConfig(int iterations, float userRegularization, float itemRegularization) {
    this(iterations, userRegularization, itemRegularization, 0);
  }

  /** 10 iterations, λ<sub>u</sub> = 15, λ<sub>i</sub> = 10, all cores. */
  public static BiasConfig defaults() {
    return new BiasConfig(10, 15f, 10f, 0);
  }

  /** This configuration with another thread count. */
  public BiasConfig withThreads(int newThreads) {
    return new BiasConfig(iterations, userRegularization, itemRegularization, newThreads);
  }
}
