package io.reco4j.algorithms.als;

import io.reco4j.linalg.VectorKernels;
import io.reco4j.linalg.ItemBlocks;
import io.reco4j.data.IdIndex;
import io.reco4j.linalg.Cholesky;
import io.reco4j.linalg.Gram;
import io.reco4j.linalg.ImplicitLeastSquares;
import io.reco4j.model.Explainable;
import io.reco4j.model.FoldIn;
import io.reco4j.model.Provenance;

/**
 * The {@code ials} model: user and item factors whose dot product x<sub>u</sub>·y<sub>i</sub> is
 * the score (Hu, Koren, Volinsky, ICDM 2008; see {@link IalsTrainer}). Cold users and items have
 * zero vectors and score 0.
 *
 * <p>{@link #scoreItemsForHistory} folds a user in by the training's least-squares step with the
 * item factors fixed, solved exactly (Cholesky) whatever the training solver: the exact minimiser
 * that warm-started CG approaches. Y<sup>T</sup>Y is computed once, lazily.
 *
 * <p>{@link #explain} is the exact decomposition of Hu, Koren and Volinsky (ICDM 2008, §5): the
 * fold-in vector is x = W Σ<sub>j</sub> c<sub>j</sub> y<sub>j</sub> with W =
 * (Y<sup>T</sup>C<sup>u</sup>Y + λI)<sup>−1</sup>, so the score of item i is Σ<sub>j ∈ history</sub>
 * s<sub>ij</sub> c<sub>j</sub> with s<sub>ij</sub> = y<sub>i</sub><sup>T</sup> W y<sub>j</sub>
 * and c<sub>j</sub> = 1 + w<sub>j</sub> the confidence; baseline 0. Immutable and thread-safe.
 */
public final class IalsModel extends FactorModelBase<IalsConfig> implements FoldIn, Explainable {
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

  /** Several users in one pass over the item factors (see {@link BatchScoring}). */
  @Override
  public void scoreItems(int[] userIndices, float[][] out) {
    int[] offs = new int[userIndices.length];
    for (int j = 0; j < offs.length; j++) {
      offs[j] = userIndices[j] * f;
    }
    VectorKernels.provider().scoreBlocks(blocks.get(), userFactors, offs, null,
        new float[offs.length], out);
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
    float[] w = new float[values.length];
    float lambda = confidences(items, values, w);
    ImplicitLeastSquares.cholesky(gram(), lambda, itemFactors, f, items, w, 0, items.length, x, 0,
        new double[f * f], new double[f]);
    return x;
  }

  /** Writes the confidence excess w of every entry and returns the fold-in's λ. */
  private float confidences(int[] items, float[] values, float[] w) {
    IalsConfig c = config();
    double weight = items().size();
    for (int k = 0; k < w.length; k++) {
      java.util.Objects.checkIndex(items[k], items().size());
      w[k] = c.confidenceExcess(values[k]);
      weight += w[k];
    }
    return c.regScaling() == IalsConfig.RegScaling.FREQUENCY
        ? (float) (c.regularization() * Math.pow(weight, c.regExponent()))
        : c.regularization();
  }

  /**
   * Contribution of history item j: s<sub>ij</sub> c<sub>j</sub> = (y<sub>i</sub><sup>T</sup> W
   * y<sub>j</sub>)(1 + w<sub>j</sub>); returns 0. One f-dimensional solve per call.
   */
  @Override
  public float explain(int[] items, float[] values, int itemIndex, float[] out) {
    if (items.length != values.length) {
      throw new IllegalArgumentException("items and values differ in length: " + items.length
          + " vs " + values.length);
    }
    java.util.Objects.checkIndex(itemIndex, items().size());
    int n = items.length;
    java.util.Arrays.fill(out, 0, n, 0f);
    if (n == 0) {
      return 0f;
    }
    float[] w = new float[n];
    float lambda = confidences(items, values, w);
    float[] g = gram();
    double[] a = new double[f * f];
    for (int r = 0; r < f; r++) {
      for (int c = 0; c <= r; c++) {
        a[r * f + c] = g[r * f + c];
      }
      a[r * f + r] += lambda;
    }
    for (int q = 0; q < n; q++) {
      int yo = items[q] * f;
      double wq = w[q];
      for (int r = 0; r < f; r++) {
        double wr = wq * itemFactors[yo + r];
        for (int c = 0; c <= r; c++) {
          a[r * f + c] += wr * itemFactors[yo + c];
        }
      }
    }
    if (!Cholesky.factor(a, f)) {
      return 0f;
    }
    double[] s = new double[f];
    for (int r = 0; r < f; r++) {
      s[r] = itemFactors[itemIndex * f + r];
    }
    Cholesky.solve(a, f, s); // s = W y_i
    for (int q = 0; q < n; q++) {
      int yo = items[q] * f;
      double d = 0;
      for (int r = 0; r < f; r++) {
        d += s[r] * itemFactors[yo + r];
      }
      out[q] = (float) (d * (1.0 + w[q]));
    }
    return 0f;
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
