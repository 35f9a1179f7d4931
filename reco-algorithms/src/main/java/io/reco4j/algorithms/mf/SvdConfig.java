package io.reco4j.algorithms.mf;

import io.reco4j.model.AlgorithmConfig;

/**
 * Configuration of {@code svd}, biased matrix factorisation trained by SGD (see
 * {@link SvdTrainer}). The defaults are those of Surprise's {@code SVD}: 100 factors, 20 epochs,
 * learning rate 0.005, regularisation 0.02, factors initialised from N(0, 0.1²).
 *
 * @param factors latent dimension {@code f}, at least 1; default 100
 * @param epochs passes over the training ratings, at least 1; default 20
 * @param learningRate SGD step size γ for biases and factors, finite and {@code > 0}; default 0.005
 * @param regularization L2 weight λ on biases and factors, applied per rating as in Funk's and
 *     Surprise's SGD; finite and {@code >= 0}; default 0.02
 * @param initStd standard deviation of the normal initial factors, finite and {@code >= 0};
 *     default 0.1
 * @param blocks users and items are dealt into {@code blocks × blocks} cells trained stratum by
 *     stratum (DSGD); the most threads that can work at once; part of the model's definition
 *     (another value gives another visiting order), unlike {@code threads}; more blocks than
 *     threads lets the workers balance uneven cells; at least 1; default 16
 * @param seed seed of the initial factors, the block assignment and the shuffling; default 42
 * @param threads worker threads, {@code 0} meaning all cores; the model is bit-for-bit the same
 *     for any value; default 0
 */
public record SvdConfig(int factors, int epochs, float learningRate, float regularization,
    float initStd, int blocks, long seed, int threads) implements AlgorithmConfig {

  public SvdConfig {
    MfChecks.positive("factors", factors);
    MfChecks.positive("epochs", epochs);
    MfChecks.positive("learningRate", learningRate);
    MfChecks.nonNegative("regularization", regularization);
    MfChecks.nonNegative("initStd", initStd);
    MfChecks.positive("blocks", blocks);
    MfChecks.threads(threads);
  }

  /** Surprise's SVD defaults, 16 blocks, seed 42, all cores. */
  public static SvdConfig defaults() {
    return new SvdConfig(100, 20, 0.005f, 0.02f, 0.1f, 16, 42L, 0);
  }

  /** This configuration with another thread count. */
  public SvdConfig withThreads(int newThreads) {
    return new SvdConfig(factors, epochs, learningRate, regularization, initStd, blocks, seed,
        newThreads);
  }

  /** This configuration with another seed. */
  public SvdConfig withSeed(long newSeed) {
    return new SvdConfig(factors, epochs, learningRate, regularization, initStd, blocks, newSeed,
        threads);
  }

  /** This configuration with another number of factors and epochs. */
  public SvdConfig withSize(int newFactors, int newEpochs) {
    return new SvdConfig(newFactors, newEpochs, learningRate, regularization, initStd, blocks,
        seed, threads);
  }
}
