package io.reco4j.model;

import io.reco4j.data.IdIndex;

/**
 * A trained model: immutable and thread-safe. What a model can do is declared by the capability
 * interfaces it implements ({@link ItemScorer}, {@link RatingPredictor}, …), never discovered by
 * catching exceptions.
 *
 * <p>Models work on dense indices of the {@link #users()} and {@link #items()} spaces they were
 * trained with; a user index with no training data is valid and treated as a cold user.
 */
public interface Model {
  /** The algorithm's registered name, e.g. {@code "bias"}. */
  String algorithm();

  /** The configuration the model was trained with. */
  AlgorithmConfig config();

  /** Where the model came from: data, parameters, code version, timings, metrics. */
  Provenance provenance();

  /** The user index space (rows of the training matrix). */
  IdIndex users();

  /** The item index space (columns of the training matrix). */
  IdIndex items();
}
