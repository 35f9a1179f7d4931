package io.reco4j.algorithms.mf;

import io.reco4j.model.AlgorithmConfig;

/**
 * Configuration of {@code svdpp}, SVD++ trained by SGD (see {@link SvdppTrainer}). The defaults
 * are those of Surprise's {@code SVDpp}: 20 factors, 20 epochs, learning rate 0.007,
 * regularisation 0.02, factors initialised from N(0, 0.1²). Training is sequential (see
 * {@link SvdppTrainer} for why), so there is no thread setting.
 *
 * @param factors latent dimension {@code f}, at least 1; default 20
 * @param epochs passes over the training ratings, at least 1; default 20
 * @param learningRate SGD step size γ for biases, factors and implicit factors, finite and
 *     {@code > 0}; default 0.007
 * @param regularization L2 weight λ on every parameter, applied per rating; finite and
 *     {@code >= 0}; default 0.02
 * @param initStd standard deviation of the normal initial factors (p, q and y), finite and
 *     {@code >= 0}; default 0.1
 * @param seed seed of the initial factors and of the visiting order; default 42
 */
public record SvdppConfig(int factors, int epochs, float learningRate, float regularization,
    float initStd, long seed) implements AlgorithmConfig {

  public SvdppConfig {
    MfChecks.positive("factors", factors);
    MfChecks.positive("epochs", epochs);
    MfChecks.positive("learningRate", learningRate);
    MfChecks.nonNegative("regularization", regularization);
    MfChecks.nonNegative("initStd", initStd);
  }

  /** Surprise's SVDpp defaults, seed 42. */
  public static SvdppConfig defaults() {
    return new SvdppConfig(20, 20, 0.007f, 0.02f, 0.1f, 42L);
  }

  /** This configuration with another seed. */
  public SvdppConfig withSeed(long newSeed) {
    return new SvdppConfig(factors, epochs, learningRate, regularization, initStd, newSeed);
  }

  /** This configuration with another number of factors and epochs. */
  public SvdppConfig withSize(int newFactors, int newEpochs) {
    return new SvdppConfig(newFactors, newEpochs, learningRate, regularization, initStd, seed);
  }
}
