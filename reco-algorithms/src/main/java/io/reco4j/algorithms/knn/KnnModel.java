package io.reco4j.algorithms.knn;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.IdIndex;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Provenance;
import io.reco4j.model.RatingPredictor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The state both neighbourhood models share: the training matrix (users × items, raw values),
 * the neighbour lists, and the baseline predictor μ + b<sub>u</sub> + b<sub>i</sub>.
 */
abstract sealed class KnnModel<C extends KnnConfig> implements RatingPredictor, ItemScorer
    permits ItemKnnModel, UserKnnModel {
  final C config;
  private final Provenance provenance;
  private final IdIndex users;
  private final IdIndex items;
  final CsrMatrix train;
  final Neighbors neighbors;
  final float mu;
  final float[] userBias;
  final float[] itemBias;
  final float minRating;
  final float maxRating;

  KnnModel(C config, Provenance provenance, IdIndex users, IdIndex items, CsrMatrix train,
      Neighbors neighbors, float mu, float[] userBias, float[] itemBias, float minRating,
      float maxRating, int entities) {
    this.config = Objects.requireNonNull(config, "config");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.users = Objects.requireNonNull(users, "users");
    this.items = Objects.requireNonNull(items, "items");
    this.train = Objects.requireNonNull(train, "train");
    this.neighbors = Objects.requireNonNull(neighbors, "neighbors");
    if (train.rows() != users.size() || train.cols() != items.size()) {
      throw new IllegalArgumentException("training matrix " + train.rows() + "x" + train.cols()
          + " does not match " + users.size() + " users x " + items.size() + " items");
    }
    if (neighbors.size() != entities || userBias.length != users.size()
        || itemBias.length != items.size()) {
      throw new IllegalArgumentException("neighbour lists or biases do not match the index spaces");
    }
    this.mu = mu;
    this.userBias = userBias;
    this.itemBias = itemBias;
    this.minRating = minRating;
    this.maxRating = maxRating;
  }

  @Override
  public C config() {
    return config;
  }

  @Override
  public Provenance provenance() {
    return provenance;
  }

  @Override
  public IdIndex users() {
    return users;
  }

  @Override
  public IdIndex items() {
    return items;
  }

  /** The stored neighbour lists (items for item-kNN, users for user-kNN). */
  public Neighbors neighbors() {
    return neighbors;
  }

  /** The baseline b<sub>ui</sub> = μ + b<sub>u</sub> + b<sub>i</sub>, unclipped. */
  public float baseline(int userIndex, int itemIndex) {
    return (mu + userBias[userIndex]) + itemBias[itemIndex];
  }

  /** μ, the mean training value. */
  public float globalMean() {
    return mu;
  }

  /**
   * The neighbourhood estimate of Surprise's {@code KNNBaseline}: walks the target entity's
   * neighbour list (most similar first) from {@code start} to {@code end}, keeps the neighbours
   * found in the sorted index range {@code [lo, hi)} of {@code lookup}, up to k of them, and
   * returns b<sub>ui</sub> + Σ s (r − b) / Σ s, or b<sub>ui</sub> when fewer than minK were
   * found; clipped to the training range. {@code itemNeighbours} tells whether the neighbours
   * are items (then {@code r − b} is r<sub>uj</sub> − b<sub>uj</sub>) or users.
   */
  final float estimate(int u, int i, int target, int[] lookupIdx, float[] lookupVal, int lo,
      int hi, boolean itemNeighbours) {
    float base = baseline(u, i);
    int[] nIdx = neighbors.indices();
    float[] nSim = neighbors.similarities();
    int k = config.k();
    int found = 0;
    double num = 0;
    double den = 0;
    if (hi > lo) {
      for (int q = neighbors.start(target), qe = neighbors.end(target); q < qe; q++) {
        int j = nIdx[q];
        int p = Arrays.binarySearch(lookupIdx, lo, hi, j);
        if (p < 0) {
          continue;
        }
        float s = nSim[q];
        float b = itemNeighbours ? baseline(u, j) : baseline(j, i);
        num += s * (double) (lookupVal[p] - b);
        den += s;
        if (++found == k) {
          break;
        }
      }
    }
    float est = found >= config.minK() && den > 0 ? (float) (base + num / den) : base;
    return Math.max(minRating, Math.min(maxRating, est));
  }

  /** The smallest training value: the lower clip of {@link #predict}. */
  public float minRating() {
    return minRating;
  }

  /** The largest training value: the upper clip of {@link #predict}. */
  public float maxRating() {
    return maxRating;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + provenance.oneLine() + "]";
  }
}
