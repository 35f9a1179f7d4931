package io.reco4j.model;

import io.reco4j.data.Dataset;

/**
 * Turns data and a configuration into a {@link Model}. Training happens here, never in a model
 * constructor. A trainer is cheap to create and holds no state between calls.
 *
 * @param <M> the model type
 */
public interface Trainer<M extends Model> {
  /** The configuration this trainer applies. */
  AlgorithmConfig config();

  /**
   * Trains on every entry of {@code data.matrix()}. The model keeps the index spaces of
   * {@code data}, so a split's train part yields a model over the full user and item spaces.
   */
  M train(Dataset data);

  /**
   * Trains like {@link #train(Dataset)} and reports each finished iteration to {@code listener}.
   * Iterative trainers override this (and implement {@code train(data)} as
   * {@code train(data, TrainingListener.NONE)}); one-shot trainers keep this default, which
   * reports nothing.
   */
  default M train(Dataset data, TrainingListener listener) {
    return train(data);
  }
}
