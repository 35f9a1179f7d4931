package io.reco4j.algorithms.knn;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Provenance;
import io.reco4j.model.Trainer;
import java.util.Objects;

/**
 * Trains the {@code itemknn} neighbourhood model: item-based collaborative filtering (Sarwar, Karypis,
 * Konstan and Riedl, "Item-based collaborative filtering recommendation algorithms", WWW 2001) with the baseline-centred estimate of Koren ("Factor in the neighbors: scalable and accurate
 * collaborative filtering", ACM TKDD 4(1), 2010, §2.2), as Surprise's {@code KNNBaseline}, and
 * the item-item ranking of implicit's nearest-neighbour recommenders.
 *
 * <p>Training: (1) the baseline μ + b<sub>u</sub> + b<sub>i</sub> by {@link
 * io.reco4j.algorithms.baseline.BiasTrainer} (ALS, the configured iterations and
 * regularisation); (2) the values the {@link Similarity} compares (centred by means or by the
 * baseline, TF-IDF/BM25-weighted, or raw); (3) every item's neighbours by {@link
 * SimilarityKernel} over items × users (the cached transpose of the interaction matrix), shrunk, filtered by minimum support, positive ones kept, at most
 * {@code maxNeighbors} each. Cost: {@code O(Σ |feature column|²)} for the similarities and
 * {@code O(iterations × nnz)} for the baseline. The model is bit-identical for any thread count.
 * Stateless and thread-safe.
 */
public final class ItemKnnTrainer implements Trainer<ItemKnnModel> {
  private final ItemKnnConfig config;

  /** A trainer with the given configuration. */
  public ItemKnnTrainer(ItemKnnConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link ItemKnnConfig#defaults()}. */
  public ItemKnnTrainer() {
    this(ItemKnnConfig.defaults());
  }

  @Override
  public ItemKnnConfig config() {
    return config;
  }

  /**
   * Trains on every entry of {@code data.matrix()}.
   *
   * @throws IllegalArgumentException when {@code data} has no interactions, or a centred
   *     similarity is asked of implicit data
   */
  @Override
  public ItemKnnModel train(Dataset data) {
    long start = System.nanoTime();
    KnnTraining.Baseline base = KnnTraining.baseline(data, config);
    CsrMatrix x = KnnTraining.similarityValues(data, config, base, true,
        ItemKnnModel.ALGORITHM);
    Neighbors nb = SimilarityKernel.compute(x.transpose(), config.similarity(), config.shrinkage(),
        config.minSupport(), config.maxNeighbors(), config.threads());
    Provenance p = Provenance.of(ItemKnnModel.ALGORITHM, config, data.name(), data.fingerprint(),
        KnnTraining.secondsSince(start));
    return new ItemKnnModel(config, p, data.users(), data.items(), data.matrix(), nb, base.mu(),
        base.userBias(), base.itemBias(), base.min(), base.max());
  }
}
