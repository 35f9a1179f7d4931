package io.reco4j.algorithms.mf;

import io.reco4j.linalg.VectorKernels;
import io.reco4j.linalg.ItemBlocks;
import io.reco4j.data.IdIndex;
import io.reco4j.linalg.FactorSimilarity;
import io.reco4j.linalg.Vectors;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Provenance;
import io.reco4j.model.RatingPredictor;
import io.reco4j.model.SimilarItems;
import io.reco4j.rank.TopN;
import java.util.Objects;

/**
 * What the SGD factor models share: r̂<sub>ui</sub> = μ + b<sub>u</sub> + b<sub>i</sub> +
 * q<sub>i</sub>ᵀv<sub>u</sub>, where v<sub>u</sub> is the model's user vector (p<sub>u</sub> for
 * {@code svd}, p<sub>u</sub> plus the implicit term for {@code svdpp}). Users and items without
 * training data have zero biases and factors, so a cold user is scored μ + b<sub>i</sub>.
 * {@link #predict} clips to the training rating range, as Surprise does; {@link #scoreItems}
 * does not. Immutable and thread-safe.
 */
abstract class BiasedFactorModel<C extends AlgorithmConfig>
    implements RatingPredictor, ItemScorer, SimilarItems {
  private final C config;
  private final Provenance provenance;
  private final IdIndex users;
  private final IdIndex items;
  final int f;
  final float mu;
  final float minRating;
  final float maxRating;
  final float[] userBias;
  final float[] itemBias;
  final float[] userVec;
  final float[] itemVec;
  /** The item factors in the scoring layout, built on first use. */
  private final ItemBlocks.Lazy blocks;
  final double[] trainingRmse;
  private final float[] itemNorm;

  BiasedFactorModel(C config, Provenance provenance, IdIndex users, IdIndex items, int f,
      float mu, float minRating, float maxRating, float[] userBias, float[] itemBias,
      float[] userVec, float[] itemVec, double[] trainingRmse) {
    this.config = Objects.requireNonNull(config, "config");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.users = Objects.requireNonNull(users, "users");
    this.items = Objects.requireNonNull(items, "items");
    if (userBias.length != users.size() || itemBias.length != items.size()
        || userVec.length != (long) users.size() * f || itemVec.length != (long) items.size() * f) {
      throw new IllegalArgumentException("parameter arrays do not match " + users.size()
          + " users / " + items.size() + " items / " + f + " factors");
    }
    this.f = f;
    this.mu = mu;
    this.minRating = minRating;
    this.maxRating = maxRating;
    this.userBias = userBias;
    this.itemBias = itemBias;
    this.userVec = userVec;
    this.itemVec = itemVec;
    this.blocks = new ItemBlocks.Lazy(itemVec, itemBias.length, f);
    this.trainingRmse = trainingRmse.clone();
    this.itemNorm = FactorSimilarity.norms(itemVec, items.size(), f);
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

  /** The number of latent factors {@code f}. */
  public int factors() {
    return f;
  }

  /** μ, the mean training rating. */
  public float globalMean() {
    return mu;
  }

  /** b<sub>u</sub> of dense user {@code userIndex}. */
  public float userBias(int userIndex) {
    return userBias[userIndex];
  }

  /** b<sub>i</sub> of dense item {@code itemIndex}. */
  public float itemBias(int itemIndex) {
    return itemBias[itemIndex];
  }

  /**
   * The root mean squared training error of each epoch, measured on the fly (each rating's error
   * just before its update); index {@code e} is epoch {@code e + 1}. A copy.
   */
  public double[] trainingRmse() {
    return trainingRmse.clone();
  }

  /** μ + b<sub>u</sub> + b<sub>i</sub> + q<sub>i</sub>ᵀv<sub>u</sub>, clipped to the training range. */
  @Override
  public float predict(int userIndex, int itemIndex) {
    float r = mu + userBias[userIndex] + itemBias[itemIndex]
        + Vectors.dot(userVec, userIndex * f, itemVec, itemIndex * f, f);
    return Math.max(minRating, Math.min(maxRating, r));
  }

  /** Writes the unclipped μ + b<sub>u</sub> + b<sub>i</sub> + q<sub>i</sub>ᵀv<sub>u</sub> of every item. */
  @Override
  public void scoreItems(int userIndex, float[] out) {
    scoreVector(mu + userBias[userIndex], userVec, userIndex * f, out);
  }

  /** Several users in one pass over the item factors (see {@link BatchScoring}). */
  @Override
  public void scoreItems(int[] userIndices, float[][] out) {
    int[] offs = new int[userIndices.length];
    float[] constants = new float[userIndices.length];
    for (int j = 0; j < offs.length; j++) {
      offs[j] = userIndices[j] * f;
      constants[j] = mu + userBias[userIndices[j]];
    }
    VectorKernels.provider().scoreBlocks(blocks.get(), userVec, offs, itemBias, constants, out);
  }

  /** {@code out[i] = base + b_i + q_iᵀ v} with {@code v = vec[off .. off + f)}. */
  final void scoreVector(float base, float[] vec, int off, float[] out) {
    VectorKernels.provider().scoreBlocks(blocks.get(), vec, new int[] {off}, itemBias,
        new float[] {base}, new float[][] {out});
  }

  /**
   * The {@code k} items whose factor vectors q<sub>j</sub> have the highest cosine with
   * q<sub>i</sub> (0 where either vector is zero, e.g. for items without training data);
   * ties by ascending index.
   */
  @Override
  public int similarItems(int itemIndex, int k, int[] outItems, float[] outScores) {
    return FactorSimilarity.mostSimilar(itemVec, itemNorm, f, itemIndex, k, outItems, outScores);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + provenance.oneLine() + "]";
  }
}
