package io.reco4j.algorithms.knn;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Provenance;
import io.reco4j.model.Trainer;
import java.util.Objects;

/**
 * Trains the {@code userknn} neighbourhood model: user-based collaborative filtering (Herlocker, Konstan,
 * Borchers and Riedl, "An algorithmic framework for performing collaborative filtering", SIGIR
 * 1999) with the baseline-centred estimate of Koren ("Factor in the neighbors: scalable and accurate
 * collaborative filtering", ACM TKDD 4(1), 2010, §2.2), as Surprise's {@code KNNBaseline}.
 *
 * <p>Training: (1) the baseline μ + b<sub>u</sub> + b<sub>i</sub> by {@link
 * io.reco4j.algorithms.baseline.BiasTrainer} (ALS, the configured iterations and
 * regularisation); (2) the values the {@link Similarity} compares (centred by means or by the
 * baseline, TF-IDF/BM25-weighted, or raw); (3) every user's neighbours by {@link
 * SimilarityKernel} over users × items (the interaction matrix itself), shrunk, filtered by minimum support, positive ones kept, at most
 * {@code maxNeighbors} each. Cost: {@code O(Σ |feature column|²)} for the similarities and
 * {@code O(iterations × nnz)} for the baseline. The model is bit-identical for any thread count.
 * Stateless and thread-safe.
 */
public final class UserKnnTrainer implements Trainer<UserKnnModel> {
  private final UserKnnConfig config;

  /** A trainer with the given configuration. */
  public UserKnnTrainer(UserKnnConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link UserKnnConfig#defaults()}. */
  public UserKnnTrainer() {
    this(UserKnnConfig.defaults());
  }

  @Override
  public UserKnnConfig config() {
    return config;
  }

  /**
   * Trains on every entry of {@code data.matrix()}.
   *
   * @throws IllegalArgumentException when {@code data} has no interactions, or a centred
   *     similarity is asked of implicit data
   */
  @Override
  public UserKnnModel train(Dataset data) {
    long start = System.nanoTime();
    KnnTraining.Baseline base = KnnTraining.baseline(data, config);
    CsrMatrix x = KnnTraining.similarityValues(data, config, base, false,
        UserKnnModel.ALGORITHM);
    Neighbors nb = SimilarityKernel.compute(x, config.similarity(), config.shrinkage(),
        config.minSupport(), config.maxNeighbors(), config.threads());
    Provenance p = Provenance.of(UserKnnModel.ALGORITHM, config, data.name(), data.fingerprint(),
        KnnTraining.secondsSince(start));
    return new UserKnnModel(config, p, data.users(), data.items(), data.matrix(), nb, base.mu(),
        base.userBias(), base.itemBias(), base.min(), base.max());
  }
}
