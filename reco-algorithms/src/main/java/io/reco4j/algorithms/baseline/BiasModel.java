package io.reco4j.algorithms.baseline;

import io.reco4j.data.IdIndex;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Provenance;
import io.reco4j.model.RatingPredictor;

/**
 * The {@code bias} baseline model b<sub>ui</sub> = μ + b<sub>u</sub> + b<sub>i</sub> (Koren,
 * TKDD 2010; see {@link BiasTrainer}). Users and items without training data have bias 0, so a
 * cold user is scored by item bias alone and a cold item by user bias alone.
 *
 * <p>{@link #predict} clips b<sub>ui</sub> to the range of the training ratings (as Surprise
 * does for the 1–5 scale); {@link #scoreItems} writes the unclipped μ + b<sub>u</sub> +
 * b<sub>i</sub>, whose order for a user is that of b<sub>i</sub>. Immutable and thread-safe.
 */
public final class BiasModel extends BaselineModel<BiasConfig> implements RatingPredictor, ItemScorer {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "bias";

  private final float mu;
  private final float[] userBias;
  private final float[] itemBias;
  private final float minRating;
  private final float maxRating;

  BiasModel(BiasConfig config, Provenance provenance, IdIndex users, IdIndex items, float mu,
      float[] userBias, float[] itemBias, float minRating, float maxRating) {
    super(config, provenance, users, items);
    if (userBias.length != users.size() || itemBias.length != items.size()) {
      throw new IllegalArgumentException("bias arrays " + userBias.length + "/" + itemBias.length
          + " do not match " + users.size() + " users / " + items.size() + " items");
    }
    this.mu = mu;
    this.userBias = userBias;
    this.itemBias = itemBias;
    this.minRating = minRating;
    this.maxRating = maxRating;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  /** μ, the mean training rating. */
  public float globalMean() {
    return mu;
  }

  /** b<sub>u</sub> of dense user {@code userIndex} (0 for a user without training data). */
  public float userBias(int userIndex) {
    return userBias[userIndex];
  }

  /** b<sub>i</sub> of dense item {@code itemIndex} (0 for an item without training data). */
  public float itemBias(int itemIndex) {
    return itemBias[itemIndex];
  }

  /** The smallest training rating: the lower clip of {@link #predict}. */
  public float minRating() {
    return minRating;
  }

  /** The largest training rating: the upper clip of {@link #predict}. */
  public float maxRating() {
    return maxRating;
  }

  /** μ + b<sub>u</sub> + b<sub>i</sub>, clipped to [{@link #minRating}, {@link #maxRating}]. */
  @Override
  public float predict(int userIndex, int itemIndex) {
    float r = (mu + userBias[userIndex]) + itemBias[itemIndex];
    return Math.max(minRating, Math.min(maxRating, r));
  }

  /** Writes μ + b<sub>u</sub> + b<sub>i</sub> (unclipped) for every item. */
  @Override
  public void scoreItems(int userIndex, float[] out) {
    float base = mu + userBias[userIndex];
    float[] bi = itemBias;
    for (int i = 0; i < bi.length; i++) {
      out[i] = base + bi[i];
    }
  }

  // for the codec: backing arrays, never handed out publicly
  float[] userBiases() {
    return userBias;
  }

  float[] itemBiases() {
    return itemBias;
  }
}
