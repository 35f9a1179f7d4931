package io.reco4j.algorithms.als;

import io.reco4j.linalg.VectorKernels;
import io.reco4j.linalg.ItemBlocks;
import io.reco4j.data.IdIndex;
import io.reco4j.linalg.FactorSimilarity;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.FactorModel;
import io.reco4j.model.Provenance;
import io.reco4j.model.SimilarItems;
import io.reco4j.rank.TopN;
import java.util.Objects;

/**
 * State and kernels shared by the ALS models: config, provenance, index spaces, flat row-major
 * user and item factors, and cosine similar-items over the item factors (norms precomputed).
 * Immutable and thread-safe.
 */
abstract class FactorModelBase<C extends AlgorithmConfig> implements FactorModel, SimilarItems {
  private final C config;
  private final Provenance provenance;
  private final IdIndex users;
  private final IdIndex items;
  final int f;
  final float[] userFactors;
  final float[] itemFactors;
  /** The item factors in the scoring layout, built on first use. */
  final ItemBlocks.Lazy blocks;
  private final float[] itemNorms;

  FactorModelBase(C config, Provenance provenance, IdIndex users, IdIndex items, int f,
      float[] userFactors, float[] itemFactors) {
    this.config = Objects.requireNonNull(config, "config");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.users = Objects.requireNonNull(users, "users");
    this.items = Objects.requireNonNull(items, "items");
    if (userFactors.length != (long) users.size() * f
        || itemFactors.length != (long) items.size() * f) {
      throw new IllegalArgumentException("factor arrays " + userFactors.length + "/"
          + itemFactors.length + " do not match " + users.size() + " users / " + items.size()
          + " items × " + f + " factors");
    }
    this.f = f;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
    this.itemNorms = FactorSimilarity.norms(itemFactors, items.size(), f);
    this.blocks = new ItemBlocks.Lazy(itemFactors, items.size(), f);
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

  @Override
  public int factors() {
    return f;
  }

  @Override
  public float[] userFactors() {
    return userFactors;
  }

  @Override
  public float[] itemFactors() {
    return itemFactors;
  }

  /** Writes {@code base + x·y_i} for every item i, x at {@code x[xOff..]}. */
  final void scoreVector(float[] x, int xOff, float base, float[] out) {
    VectorKernels.provider().scoreBlocks(blocks.get(), x, new int[] {xOff}, null,
        new float[] {base}, new float[][] {out});
  }

  /**
   * Cosine similarity of item factors; items with a zero vector (cold) have similarity 0 to every
   * item. Ties keep the smaller index first ({@link TopN}).
   */
  @Override
  public int similarItems(int itemIndex, int k, int[] outItems, float[] outScores) {
    return k <= 0 ? 0
        : FactorSimilarity.mostSimilar(itemFactors, itemNorms, f, itemIndex, k, outItems, outScores);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + provenance.oneLine() + "]";
  }
}
