package io.reco4j.algorithms.baseline;

import io.reco4j.data.Dataset;
import io.reco4j.model.Provenance;
import io.reco4j.model.Trainer;
import java.util.Objects;

/**
 * "Trains" the {@code random} baseline: a seeded random ranking, the chance level of every
 * ranking metric. Nothing is learnt from the interactions; the model keeps the index spaces and
 * the data fingerprint. Stateless and thread-safe.
 */
public final class RandomTrainer implements Trainer<RandomModel> {
  private final RandomConfig config;

  /** A trainer with the given configuration. */
  public RandomTrainer(RandomConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link RandomConfig#defaults()}. */
  public RandomTrainer() {
    this(RandomConfig.defaults());
  }

  @Override
  public RandomConfig config() {
    return config;
  }

  @Override
  public RandomModel train(Dataset data) {
    long start = System.nanoTime();
    Provenance p = Provenance.of(RandomModel.ALGORITHM, config, data.name(), data.fingerprint(),
        Baselines.secondsSince(start));
    return new RandomModel(config, p, data.users(), data.items());
  }
}
