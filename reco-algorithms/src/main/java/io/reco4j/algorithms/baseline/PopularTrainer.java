package io.reco4j.algorithms.baseline;

import io.reco4j.data.Dataset;
import io.reco4j.model.Provenance;
import io.reco4j.model.Trainer;
import java.util.Objects;

/**
 * Trains the {@code popular} (most-popular) baseline: every item is scored by its number of
 * training interactions, the same for every user. A strong non-personalised ranking baseline on
 * top-N tasks (Cremonesi, Koren and Turrin, "Performance of recommender algorithms on top-N
 * recommendation tasks", RecSys 2010). One pass over the column indices, O(nnz); too cheap to
 * parallelise. Stateless and thread-safe.
 */
public final class PopularTrainer implements Trainer<PopularModel> {
  private final PopularConfig config;

  /** A trainer with the given configuration. */
  public PopularTrainer(PopularConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link PopularConfig#defaults()}. */
  public PopularTrainer() {
    this(PopularConfig.defaults());
  }

  @Override
  public PopularConfig config() {
    return config;
  }

  /** Counts the interactions of every item; empty data gives every item count 0. */
  @Override
  public PopularModel train(Dataset data) {
    long start = System.nanoTime();
    int[] counts = data.matrix().colCounts();
    Provenance p = Provenance.of(PopularModel.ALGORITHM, config, data.name(), data.fingerprint(),
        Baselines.secondsSince(start));
    return new PopularModel(config, p, data.users(), data.items(), counts);
  }
}
