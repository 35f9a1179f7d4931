package io.reco4j.algorithms.als;

import io.reco4j.model.AlgorithmConfig;

/**
 * Configuration of {@code als}, ALS-WR matrix factorisation for explicit ratings (see
 * {@link AlsTrainer}).
 *
 * @param factors latent factors f, at least 1; default 32
 * @param regularization λ of the weighted-λ regularisation: each user's system is regularised by
 *     λ·n<sub>u</sub> and each item's by λ·n<sub>i</sub> (their rating counts); finite and
 *     {@code > 0}; default 0.12 (5-fold ML-100K RMSE, f = 32: 0.9265 at 0.08, 0.9126 at 0.12,
 *     0.9274 at 0.2)
 * @param iterations alternating passes (items given users, then users given items), at least 1;
 *     default 15
 * @param biases whether to learn user and item biases around the global mean (r̂ = μ +
 *     b<sub>u</sub> + b<sub>i</sub> + x<sub>u</sub>·y<sub>i</sub>, the biases solved jointly with
 *     the factors as one more coordinate) rather than plain r̂ = x<sub>u</sub>·y<sub>i</sub>;
 *     default true
 * @param initStd standard deviation of the Gaussian initial factors; finite and {@code > 0};
 *     default 0.1
 * @param seed seed of the initial factors; the model is a function of (data, config) only
 * @param threads worker threads, {@code 0} meaning all cores; the model is bit-identical for any
 *     value; default 0
 */
public record AlsConfig(int factors, float regularization, int iterations, boolean biases,
    float initStd, long seed, int threads) implements AlgorithmConfig {

  public AlsConfig {
    if (factors < 1) {
      throw new IllegalArgumentException("factors must be >= 1, got " + factors);
    }
    if (!(regularization > 0) || Float.isInfinite(regularization)) {
      throw new IllegalArgumentException(
          "regularization must be finite and > 0, got " + regularization);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    if (!(initStd > 0) || Float.isInfinite(initStd)) {
      throw new IllegalArgumentException("initStd must be finite and > 0, got " + initStd);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
  }

  /** 32 factors, λ = 0.12, 15 iterations, biases on, init std 0.1, seed 42, all cores. */
  public static AlsConfig defaults() {
    return new AlsConfig(32, 0.12f, 15, true, 0.1f, 42L, 0);
  }

  /** This configuration with another thread count. */
  public AlsConfig withThreads(int newThreads) {
    return new AlsConfig(factors, regularization, iterations, biases, initStd, seed, newThreads);
  }

  /** This configuration with another seed. */
  public AlsConfig withSeed(long newSeed) {
    return new AlsConfig(factors, regularization, iterations, biases, initStd, newSeed, threads);
  }
}
