package io.reco4j.algorithms.als;

import io.reco4j.linalg.VectorKernels;
import io.reco4j.linalg.ItemBlocks;
import io.reco4j.data.IdIndex;
import io.reco4j.linalg.Cholesky;
import io.reco4j.linalg.Vectors;
import io.reco4j.model.Explainable;
import io.reco4j.model.FoldIn;
import io.reco4j.model.Provenance;
import io.reco4j.model.RatingPredictor;

/**
 * The {@code als} model (ALS-WR, Zhou et al. 2008; see {@link AlsTrainer}): r̂<sub>ui</sub> = μ +
 * b<sub>u</sub> + b<sub>i</sub> + x<sub>u</sub>·y<sub>i</sub> (μ and the biases 0 when the config
 * has no biases). Cold users and items have zero vectors and biases.
 *
 * <p>{@link #predict} clips r̂ to the range of the training ratings; {@link #scoreItems} writes it
 * unclipped. {@link #scoreItemsForHistory} folds a user in by exactly the training's user step
 * (weighted-λ least squares against the fixed item factors and biases).
 *
 * <p>{@link #explain} is exact: the fold-in solves (Z<sup>T</sup>Z + λnI) [x; b<sub>u</sub>] =
 * Σ<sub>j</sub> z<sub>j</sub> t<sub>j</sub> with z<sub>j</sub> = [y<sub>j</sub>; 1] (y<sub>j</sub>
 * alone without biases) and residuals t<sub>j</sub> = r<sub>j</sub> − μ − b<sub>j</sub>, so the
 * score of item i is μ + b<sub>i</sub> + Σ<sub>j</sub> (z<sub>i</sub><sup>T</sup> W z<sub>j</sub>)
 * t<sub>j</sub> with W = (Z<sup>T</sup>Z + λnI)<sup>−1</sup> — the linear-in-the-history
 * decomposition of Hu, Koren and Volinsky (ICDM 2008, §5) applied to the explicit model. Baseline
 * μ + b<sub>i</sub>; one (f+1)-dimensional solve per call. Immutable and thread-safe.
 */
public final class AlsModel extends FactorModelBase<AlsConfig> implements RatingPredictor, FoldIn,
    Explainable {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "als";

  private final float mu;
  private final float[] userBias;
  private final float[] itemBias;
  private final float minRating;
  private final float maxRating;

  AlsModel(AlsConfig config, Provenance provenance, IdIndex users, IdIndex items, int f,
      float[] userFactors, float[] itemFactors, float mu, float[] userBias, float[] itemBias,
      float minRating, float maxRating) {
    super(config, provenance, users, items, f, userFactors, itemFactors);
    if (userBias.length != users.size() || itemBias.length != items.size()) {
      throw new IllegalArgumentException("bias arrays do not match the index spaces");
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

  /** μ, the mean training rating (0 without biases). */
  public float globalMean() {
    return mu;
  }

  /** The smallest training rating: the lower clip of {@link #predict}. */
  public float minRating() {
    return minRating;
  }

  /** The largest training rating: the upper clip of {@link #predict}. */
  public float maxRating() {
    return maxRating;
  }

  @Override
  public float predict(int userIndex, int itemIndex) {
    float r = mu + userBias[userIndex] + itemBias[itemIndex]
        + Vectors.dot(userFactors, userIndex * f, itemFactors, itemIndex * f, f);
    return Math.max(minRating, Math.min(maxRating, r));
  }

  @Override
  public void scoreItems(int userIndex, float[] out) {
    score(userFactors, userIndex * f, userBias[userIndex], out);
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
    VectorKernels.provider().scoreBlocks(blocks.get(), userFactors, offs, itemBias, constants,
        out);
  }

  /**
   * Solves the user's weighted-λ least-squares step against the fixed item factors and biases and
   * writes the unclipped r̂ of every item. An empty history gives μ + b<sub>i</sub>.
   */
  @Override
  public void scoreItemsForHistory(int[] items, float[] values, float[] out) {
    float[] xb = foldIn(items, values);
    score(xb, 0, xb[f], out);
  }

  /** The user vector and bias of a history: length f + 1, the bias last (0 without biases). */
  public float[] foldIn(int[] items, float[] values) {
    if (items.length != values.length) {
      throw new IllegalArgumentException("items and values differ in length: " + items.length
          + " vs " + values.length);
    }
    for (int i : items) {
      java.util.Objects.checkIndex(i, items().size());
    }
    float[] xb = new float[f + 1];
    float[] bias = new float[1];
    int dim = f + 1;
    AlsTrainer.solveRow(itemFactors, config().biases() ? itemBias : null, f, mu, items, values, 0,
        items.length, config().regularization(), xb, 0, bias, 0, new double[dim * dim],
        new double[2 * dim]);
    xb[f] = bias[0];
    return xb;
  }

  /**
   * Contribution of history item j: (z<sub>i</sub><sup>T</sup> W z<sub>j</sub>) t<sub>j</sub> (see
   * the class comment); returns μ + b<sub>i</sub>. A history whose system is singular (λ = 0,
   * too few ratings) contributes nothing, as its fold-in vector is zero.
   */
  @Override
  public float explain(int[] items, float[] values, int itemIndex, float[] out) {
    if (items.length != values.length) {
      throw new IllegalArgumentException("items and values differ in length: " + items.length
          + " vs " + values.length);
    }
    int m = items().size();
    java.util.Objects.checkIndex(itemIndex, m);
    for (int i : items) {
      java.util.Objects.checkIndex(i, m);
    }
    float base = mu + itemBias[itemIndex];
    int n = items.length;
    java.util.Arrays.fill(out, 0, n, 0f);
    if (n == 0) {
      return base;
    }
    boolean biases = config().biases();
    int dim = f + (biases ? 1 : 0);
    double[] a = new double[dim * dim];
    for (int q = 0; q < n; q++) {
      int yo = items[q] * f;
      for (int r = 0; r < dim; r++) {
        double zr = r < f ? itemFactors[yo + r] : 1.0;
        for (int c = 0; c <= r; c++) {
          a[r * dim + c] += zr * (c < f ? itemFactors[yo + c] : 1.0);
        }
      }
    }
    double reg = (double) config().regularization() * n;
    for (int r = 0; r < dim; r++) {
      a[r * dim + r] += reg;
    }
    if (!Cholesky.factor(a, dim)) {
      return base;
    }
    double[] w = new double[dim];
    for (int r = 0; r < f; r++) {
      w[r] = itemFactors[itemIndex * f + r];
    }
    if (biases) {
      w[f] = 1.0;
    }
    Cholesky.solve(a, dim, w); // w = W z_i
    for (int q = 0; q < n; q++) {
      int j = items[q];
      double s = biases ? w[f] : 0.0;
      for (int r = 0; r < f; r++) {
        s += w[r] * itemFactors[j * f + r];
      }
      double t = values[q] - (biases ? mu + itemBias[j] : 0f);
      out[q] = (float) (s * t);
    }
    return base;
  }

  private void score(float[] x, int xOff, float bu, float[] out) {
    VectorKernels.provider().scoreBlocks(blocks.get(), x, new int[] {xOff},
        itemBias, new float[] {mu + bu}, new float[][] {out});
  }

  // for the codec: backing arrays, never handed out publicly
  float[] userBiases() {
    return userBias;
  }

  float[] itemBiases() {
    return itemBias;
  }
}
