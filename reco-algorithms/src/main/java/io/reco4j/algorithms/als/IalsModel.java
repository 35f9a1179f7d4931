package io.reco4j.algorithms.als;

import io.reco4j.data.IdIndex;
import io.reco4j.linalg.Gram;
import io.reco4j.linalg.ImplicitLeastSquares;
import io.reco4j.model.FoldIn;
import io.reco4j.model.Provenance;

/**
 * The {@code ials} model: user and item factors whose dot product x<sub>u</sub>·y<sub>i</sub> is
 * the score (Hu, Koren, Volinsky, ICDM 2008; see {@link IalsTrainer}). Cold users and items have
 * zero vectors and score 0.
 *
 * <p>{@link #scoreItemsForHistory} folds a user in by the training's least-squares step with the
 * item factors fixed, solved exactly (Cholesky) whatever the training solver: the exact minimiser
 * that warm-started CG approaches. Y<sup>T</sup>Y is computed once, lazily. Immutable and
 * thread-safe.
 */
public final class IalsModel extends FactorModelBase<IalsConfig> implements FoldIn {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "ials";

  private volatile float[] itemGram;

  IalsModel(IalsConfig config, Provenance provenance, IdIndex users, IdIndex items, int f,
      float[] userFactors, float[] itemFactors) {
    super(config, provenance, users, items, f, userFactors, itemFactors);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  /** Writes x<sub>u</sub>·y<sub>i</sub> for every item. */
  @Override
  public void scoreItems(int userIndex, float[] out) {
    scoreVector(userFactors, userIndex * f, 0f, out);
  }

  /**
   * Solves the user's confidence-weighted least-squares problem against the fixed item factors
   * (λ scaled as in training) and writes x·y<sub>i</sub> for every item. An empty history scores
   * every item 0.
   */
  @Override
  public void scoreItemsForHistory(int[] items, float[] values, float[] out) {
    float[] x = foldIn(items, values);
    scoreVector(x, 0, 0f, out);
  }

  /** The user vector {@link #scoreItemsForHistory} uses: length {@code f}. */
  public float[] foldIn(int[] items, float[] values) {
    if (items.length != values.length) {
      throw new IllegalArgumentException("items and values differ in length: " + items.length
          + " vs " + values.length);
    }
    float[] x = new float[f];
    if (items.length == 0) {
      return x;
    }
    IalsConfig c = config();
    float[] w = new float[values.length];
    double weight = items().size();
    for (int k = 0; k < w.length; k++) {
      java.util.Objects.checkIndex(items[k], items().size());
      w[k] = c.confidenceExcess(values[k]);
      weight += w[k];
    }
    float lambda = c.regScaling() == IalsConfig.RegScaling.FREQUENCY
        ? (float) (c.regularization() * Math.pow(weight, c.regExponent()))
        : c.regularization();
    ImplicitLeastSquares.cholesky(gram(), lambda, itemFactors, f, items, w, 0, items.length, x, 0,
        new double[f * f], new double[f]);
    return x;
  }

  private float[] gram() {
    float[] g = itemGram;
    if (g == null) {
      g = new float[f * f];
      Gram.compute(itemFactors, items().size(), f, g, 1);
      itemGram = g;
    }
    return g;
  }
}
