package io.reco4j.algorithms.mf;

import io.reco4j.data.IdIndex;
import io.reco4j.model.FoldIn;
import io.reco4j.model.Provenance;

/**
 * The {@code svdpp} model (Koren, KDD 2008; see {@link SvdppTrainer}): r̂<sub>ui</sub> = μ +
 * b<sub>u</sub> + b<sub>i</sub> + q<sub>i</sub>ᵀ(p<sub>u</sub> + |N(u)|<sup>−½</sup>
 * Σ<sub>j∈N(u)</sub> y<sub>j</sub>). The user vector p<sub>u</sub> + z<sub>u</sub> is computed once
 * from the training history at the end of training and stored, so scoring costs what {@code svd}
 * costs. Rating predictor (clipped), item scorer (unclipped), similar items (cosine of
 * q<sub>i</sub>).
 *
 * <p><b>Fold-in</b> uses SVD++'s implicit part as it is meant to be used for a user without a
 * trained p<sub>u</sub>: b<sub>u</sub> = 0, p<sub>u</sub> = 0, user vector |H|<sup>−½</sup>
 * Σ<sub>j∈H</sub> y<sub>j</sub> over the history items H (the rating values are not used).
 * Immutable and thread-safe.
 */
public final class SvdppModel extends BiasedFactorModel<SvdppConfig> implements FoldIn {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "svdpp";

  final float[] implicitFactors;

  SvdppModel(SvdppConfig config, Provenance provenance, IdIndex users, IdIndex items, int f,
      float mu, float minRating, float maxRating, float[] userBias, float[] itemBias,
      float[] userVectors, float[] q, float[] y, double[] trainingRmse) {
    super(config, provenance, users, items, f, mu, minRating, maxRating, userBias, itemBias,
        userVectors, q, trainingRmse);
    if (y.length != q.length) {
      throw new IllegalArgumentException("implicit factors have " + y.length + " values, expected "
          + q.length);
    }
    this.implicitFactors = y;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public void scoreItemsForHistory(int[] items, float[] values, float[] out) {
    float[] v = new float[f];
    if (items.length > 0) {
      for (int j : items) {
        for (int x = 0; x < f; x++) {
          v[x] += implicitFactors[j * f + x];
        }
      }
      float s = (float) (1 / Math.sqrt(items.length));
      for (int x = 0; x < f; x++) {
        v[x] *= s;
      }
    }
    scoreVector(mu, v, 0, out);
  }
}
