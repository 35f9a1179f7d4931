package io.reco4j.algorithms.baseline;

import io.reco4j.data.Dataset;
import io.reco4j.model.Provenance;
import io.reco4j.model.Trainer;
import java.util.Objects;

/**
 * Trains the {@code global-mean} baseline: μ, the mean of every training value. The simplest
 * rating predictor, the floor any model must beat (e.g. Koren, Bell and Volinsky, "Matrix
 * factorization techniques for recommender systems", IEEE Computer 42(8), 2009, §"Adding biases").
 * Stateless and thread-safe.
 */
public final class GlobalMeanTrainer implements Trainer<GlobalMeanModel> {
  private final GlobalMeanConfig config;

  /** A trainer with the given configuration. */
  public GlobalMeanTrainer(GlobalMeanConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link GlobalMeanConfig#defaults()}. */
  public GlobalMeanTrainer() {
    this(GlobalMeanConfig.defaults());
  }

  @Override
  public GlobalMeanConfig config() {
    return config;
  }

  /**
   * Computes the mean training value.
   *
   * @throws IllegalArgumentException when {@code data} has no interactions
   */
  @Override
  public GlobalMeanModel train(Dataset data) {
    long start = System.nanoTime();
    float mean = (float) Baselines.meanValue(data, GlobalMeanModel.ALGORITHM);
    Provenance p = Provenance.of(GlobalMeanModel.ALGORITHM, config, data.name(),
        data.fingerprint(), Baselines.secondsSince(start));
    return new GlobalMeanModel(config, p, data.users(), data.items(), mean);
  }
}
