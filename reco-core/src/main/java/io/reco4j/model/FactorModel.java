package io.reco4j.model;

/**
 * A latent-factor model: user and item vectors of the same length whose dot product (plus any
 * biases the model adds) is the score. Factors are flat row-major {@code float[]} arrays.
 */
public interface FactorModel extends ItemScorer {
  /** The number of latent factors {@code f}. */
  int factors();

  /** User factors, row-major {@code users × f}; the backing array: read only. */
  float[] userFactors();

  /** Item factors, row-major {@code items × f}; the backing array: read only. */
  float[] itemFactors();
}
