package io.reco4j.algorithms.mf;

import io.reco4j.data.IdIndex;
import io.reco4j.model.Explainable;
import io.reco4j.model.FactorModel;
import io.reco4j.model.FoldIn;
import io.reco4j.model.Provenance;

/**
 * The {@code svd} model: r̂<sub>ui</sub> = μ + b<sub>u</sub> + b<sub>i</sub> +
 * q<sub>i</sub>ᵀp<sub>u</sub> (Funk 2006; Koren, Bell and Volinsky 2009; see {@link SvdTrainer}).
 * Rating predictor (clipped to the training range), item scorer (unclipped), factor model
 * (P users × f and Q items × f, row-major), similar items (cosine of item factors) and fold-in.
 *
 * <p><b>Fold-in.</b> For a history {(j, r<sub>j</sub>)} of n ratings the user's bias b and
 * factors p are the exact minimiser, with μ, b<sub>j</sub> and q<sub>j</sub> fixed, of the
 * training objective restricted to that user:
 *
 * <pre>
 *   Σ<sub>j</sub> (r<sub>j</sub> − μ − b<sub>j</sub> − b − q<sub>j</sub>ᵀp)² + λ n (b² + ‖p‖²)
 * </pre>
 *
 * <p>(the SGD penalty is applied once per rating, hence λ n), a ridge regression on the residuals
 * r<sub>j</sub> − μ − b<sub>j</sub> with design rows [1, q<sub>j</sub>], solved by Cholesky in
 * double precision: deterministic, O(n f² + f³) per call. An empty history gives b = 0, p = 0.
 *
 * <p><b>Explanations</b> are exact because the fold-in is linear in the residuals: with design
 * rows z<sub>j</sub> = [1, q<sub>j</sub>] and W = (Z<sup>T</sup>Z + λnI)<sup>−1</sup>, the score
 * of item i is μ + b<sub>i</sub> + Σ<sub>j</sub> (z<sub>i</sub><sup>T</sup> W z<sub>j</sub>)
 * (r<sub>j</sub> − μ − b<sub>j</sub>) — the decomposition Hu, Koren and Volinsky (ICDM 2008, §5)
 * give for least-squares factor models. Baseline μ + b<sub>i</sub>.
 * Immutable and thread-safe.
 */
public final class SvdModel extends BiasedFactorModel<SvdConfig> implements FactorModel, FoldIn,
    Explainable {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "svd";

  SvdModel(SvdConfig config, Provenance provenance, IdIndex users, IdIndex items, int f, float mu,
      float minRating, float maxRating, float[] userBias, float[] itemBias, float[] p, float[] q,
      double[] trainingRmse) {
    super(config, provenance, users, items, f, mu, minRating, maxRating, userBias, itemBias, p, q,
        trainingRmse);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public float[] userFactors() {
    return userVec;
  }

  @Override
  public float[] itemFactors() {
    return itemVec;
  }

  @Override
  public void scoreItemsForHistory(int[] items, float[] values, float[] out) {
    float[] pu = new float[f];
    float b = foldInUser(items, values, pu);
    scoreVector(mu + b, pu, 0, out);
  }

  /**
   * Solves the fold-in ridge regression (see the class comment) for a history.
   *
   * @param items dense item indices, no duplicates
   * @param values the ratings aligned with {@code items}
   * @param outFactors receives p, length at least {@code f}
   * @return the user bias b
   */
  public float foldInUser(int[] items, float[] values, float[] outFactors) {
    if (items.length != values.length) {
      throw new IllegalArgumentException(items.length + " items but " + values.length
          + " values");
    }
    int n = items.length;
    int d = f + 1;
    java.util.Arrays.fill(outFactors, 0, f, 0f);
    if (n == 0) {
      return 0f;
    }
    double[] a = new double[d * d];
    double[] rhs = new double[d];
    double[] row = new double[d];
    row[0] = 1;
    for (int t = 0; t < n; t++) {
      int j = items[t];
      double y = values[t] - mu - itemBias[j];
      for (int x = 0; x < f; x++) {
        row[x + 1] = itemVec[j * f + x];
      }
      for (int r = 0; r < d; r++) {
        rhs[r] += row[r] * y;
        for (int c = 0; c <= r; c++) {
          a[r * d + c] += row[r] * row[c];
        }
      }
    }
    double lambda = Math.max(config().regularization() * (double) n, 1e-9);
    for (int r = 0; r < d; r++) {
      a[r * d + r] += lambda;
    }
    double[] sol = choleskySolve(a, rhs, d);
    for (int x = 0; x < f; x++) {
      outFactors[x] = (float) sol[x + 1];
    }
    return (float) sol[0];
  }

  /** Contribution of history item j: (z<sub>i</sub><sup>T</sup> W z<sub>j</sub>) times its residual. */
  @Override
  public float explain(int[] items, float[] values, int itemIndex, float[] out) {
    if (items.length != values.length) {
      throw new IllegalArgumentException(items.length + " items but " + values.length
          + " values");
    }
    java.util.Objects.checkIndex(itemIndex, itemBias.length);
    int n = items.length;
    int d = f + 1;
    float base = mu + itemBias[itemIndex];
    java.util.Arrays.fill(out, 0, n, 0f);
    if (n == 0) {
      return base;
    }
    double[] a = new double[d * d];
    double[] row = new double[d];
    row[0] = 1;
    for (int t = 0; t < n; t++) {
      int j = java.util.Objects.checkIndex(items[t], itemBias.length);
      for (int x = 0; x < f; x++) {
        row[x + 1] = itemVec[j * f + x];
      }
      for (int r = 0; r < d; r++) {
        for (int c = 0; c <= r; c++) {
          a[r * d + c] += row[r] * row[c];
        }
      }
    }
    double lambda = Math.max(config().regularization() * (double) n, 1e-9);
    for (int r = 0; r < d; r++) {
      a[r * d + r] += lambda;
    }
    double[] zi = new double[d];
    zi[0] = 1;
    for (int x = 0; x < f; x++) {
      zi[x + 1] = itemVec[itemIndex * f + x];
    }
    double[] w = choleskySolve(a, zi, d); // W z_i
    for (int t = 0; t < n; t++) {
      int j = items[t];
      double s = w[0];
      for (int x = 0; x < f; x++) {
        s += w[x + 1] * itemVec[j * f + x];
      }
      out[t] = (float) (s * (values[t] - mu - itemBias[j]));
    }
    return base;
  }

  /**
   * Solves {@code A x = b} for symmetric positive definite A (lower triangle used, overwritten
   * by its Cholesky factor L).
   */
  static double[] choleskySolve(double[] a, double[] b, int d) {
    for (int j = 0; j < d; j++) {
      double s = a[j * d + j];
      for (int k = 0; k < j; k++) {
        s -= a[j * d + k] * a[j * d + k];
      }
      double l = Math.sqrt(Math.max(s, 1e-300));
      a[j * d + j] = l;
      for (int i = j + 1; i < d; i++) {
        double t = a[i * d + j];
        for (int k = 0; k < j; k++) {
          t -= a[i * d + k] * a[j * d + k];
        }
        a[i * d + j] = t / l;
      }
    }
    double[] x = b.clone();
    for (int i = 0; i < d; i++) { // L y = b
      double t = x[i];
      for (int k = 0; k < i; k++) {
        t -= a[i * d + k] * x[k];
      }
      x[i] = t / a[i * d + i];
    }
    for (int i = d - 1; i >= 0; i--) { // Lᵀ x = y
      double t = x[i];
      for (int k = i + 1; k < d; k++) {
        t -= a[k * d + i] * x[k];
      }
      x[i] = t / a[i * d + i];
    }
    return x;
  }
}
