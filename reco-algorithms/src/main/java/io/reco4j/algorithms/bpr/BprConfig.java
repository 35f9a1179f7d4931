package io.reco4j.algorithms.bpr;

import io.reco4j.model.AlgorithmConfig;

/**
 * Configuration of {@code bpr}, Bayesian Personalized Ranking matrix factorisation (see
 * {@link BprTrainer}). implicit's {@code BayesianPersonalizedRanking} defaults are factors 100,
 * learning_rate 0.01, regularization 0.01, iterations 100, positives drawn uniformly over entries;
 * ours keep its regularisation and iterations and were tuned on ML-100K and ml-latest-small
 * (user:0.2 split, full ranking, NDCG@10 and Recall@20): 64 factors, η = 0.03 and
 * {@link PositiveSampling#USER} sampling, which lifts ml-latest-small NDCG@10 from 0.228 (implicit's
 * settings here) to 0.29 and ML-100K from 0.376 to 0.417 at the same cost per iteration.
 *
 * @param factors latent factors {@code f} per user and per item (the item bias is extra), at
 *     least 1; default 64
 * @param learningRate SGD step size η, finite and {@code > 0}; default 0.03
 * @param regularization L2 weight λ on the user vector, both item vectors and both item biases of
 *     each sample, finite and {@code >= 0}; default 0.01
 * @param iterations passes over the data, one pass being {@code nnz} sampled (u, i, j) triples,
 *     at least 1; default 100
 * @param itemBias whether x̂<sub>ui</sub> includes a learned item bias b<sub>i</sub>; default true
 * @param positiveSampling how the (u, i) of a sample is drawn; default {@link
 *     PositiveSampling#USER}
 * @param negativeExponent β of the negative sampler: the negative j is drawn with probability ∝
 *     count(j)<sup>β</sup> (count = training interactions of j) among items the user has not
 *     interacted with; {@code 0} is uniform over items, {@code 1} is ∝ popularity; finite and in
 *     [0, 2]; default 0
 * @param seed seed of initialisation and sampling; sample streams derive from (seed, iteration,
 *     block), never from thread identity; default 42
 * @param threads worker threads for training, {@code 0} meaning all cores. With 1 thread the model
 *     is a bit-reproducible function of the data and the seed; with more, Hogwild updates race and
 *     the model differs from run to run (its accuracy does not); default 0
 */
public record BprConfig(int factors, float learningRate, float regularization, int iterations,
    boolean itemBias, PositiveSampling positiveSampling, float negativeExponent, long seed,
    int threads) implements AlgorithmConfig {

  /** How the positive (user, item) pair of a training sample is drawn. */
  public enum PositiveSampling {
    /**
     * Uniformly over all training entries, so a user is drawn ∝ their number of interactions
     * (implicit's and the paper's bootstrap sampling).
     */
    ENTRY,
    /**
     * A user uniformly among users with at least one interaction, then one of their items
     * uniformly: light users weigh as much as heavy ones.
     */
    USER
  }

  public BprConfig {
    if (factors < 1) {
      throw new IllegalArgumentException("factors must be >= 1, got " + factors);
    }
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be finite and > 0, got "
          + learningRate);
    }
    if (!(regularization >= 0) || Float.isInfinite(regularization)) {
      throw new IllegalArgumentException("regularization must be finite and >= 0, got "
          + regularization);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    if (positiveSampling == null) {
      throw new IllegalArgumentException("positiveSampling must be ENTRY or USER, got null");
    }
    if (!(negativeExponent >= 0 && negativeExponent <= 2)) {
      throw new IllegalArgumentException("negativeExponent must be in [0, 2], got "
          + negativeExponent);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
  }

  /** The defaults: see the field documentation. */
  public static BprConfig defaults() {
    return new BprConfig(64, 0.03f, 0.01f, 100, true, PositiveSampling.USER, 0f, 42L, 0);
  }

  /** This configuration with another thread count. */
  public BprConfig withThreads(int newThreads) {
    return new BprConfig(factors, learningRate, regularization, iterations, itemBias,
        positiveSampling, negativeExponent, seed, newThreads);
  }

  /** This configuration with another seed. */
  public BprConfig withSeed(long newSeed) {
    return new BprConfig(factors, learningRate, regularization, iterations, itemBias,
        positiveSampling, negativeExponent, newSeed, threads);
  }

  /** This configuration with another number of iterations. */
  public BprConfig withIterations(int newIterations) {
    return new BprConfig(factors, learningRate, regularization, newIterations, itemBias,
        positiveSampling, negativeExponent, seed, threads);
  }

  /** This configuration with another factor count. */
  public BprConfig withFactors(int newFactors) {
    return new BprConfig(newFactors, learningRate, regularization, iterations, itemBias,
        positiveSampling, negativeExponent, seed, threads);
  }
}
