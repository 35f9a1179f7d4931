package io.reco4j.algorithms.knn;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.IdIndex;
import io.reco4j.model.Provenance;
import java.util.Arrays;

/**
 * The {@code userknn} model (see {@link UserKnnTrainer}): each user's most similar users, the
 * training interactions and the baseline predictor.
 *
 * <ul>
 *   <li>{@link #predict}: r̂<sub>ui</sub> = b<sub>ui</sub> + Σ<sub>v∈N<sup>k</sup><sub>u</sub>(i)</sub>
 *       s<sub>uv</sub> (r<sub>vi</sub> − b<sub>vi</sub>) / Σ s<sub>uv</sub> over the k users most
 *       similar to {@code u} (positive similarity) who rated {@code i} — Surprise's
 *       {@code KNNBaseline(user_based=True)}; b<sub>ui</sub> alone when fewer than minK; clipped.
 *   <li>{@link #scoreItems}: score<sub>i</sub> = Σ<sub>v</sub> s<sub>uv</sub> x<sub>vi</sub> over
 *       the k nearest neighbours {@code v} of {@code u}, {@code x} the raw values.
 * </ul>
 *
 * <p>No fold-in: a new user's neighbours would need similarities to every stored user. Immutable
 * and thread-safe; scoring allocates nothing.
 */
public final class UserKnnModel extends KnnModel<UserKnnConfig> {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "userknn";

  private final CsrMatrix byItem;

  UserKnnModel(UserKnnConfig config, Provenance provenance, IdIndex users, IdIndex items,
      CsrMatrix train, Neighbors neighbors, float mu, float[] userBias, float[] itemBias,
      float minRating, float maxRating) {
    super(config, provenance, users, items, train, neighbors, mu, userBias, itemBias, minRating,
        maxRating, users.size());
    this.byItem = train.transpose();
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public float predict(int userIndex, int itemIndex) {
    return estimate(userIndex, itemIndex, userIndex, byItem.colIdx(), byItem.values(),
        byItem.rowStart(itemIndex), byItem.rowEnd(itemIndex), false);
  }

  @Override
  public void scoreItems(int userIndex, float[] out) {
    int n = items().size();
    Arrays.fill(out, 0, n, 0f);
    int[] nIdx = neighbors.indices();
    float[] nSim = neighbors.similarities();
    int[] col = train.colIdx();
    float[] val = train.values();
    int start = neighbors.start(userIndex);
    int end = Math.min(neighbors.end(userIndex), start + config.k());
    for (int q = start; q < end; q++) {
      int v = nIdx[q];
      float s = nSim[q];
      for (int p = train.rowStart(v), pe = train.rowEnd(v); p < pe; p++) {
        out[col[p]] += s * val[p];
      }
    }
  }

  /**
   * The users most similar to {@code userIndex}, most similar first.
   *
   * @param outUsers receives dense user indices; length at least {@code k}
   * @param outScores receives the similarities, or null
   * @return how many were written
   */
  public int similarUsers(int userIndex, int k, int[] outUsers, float[] outScores) {
    int start = neighbors.start(userIndex);
    int m = Math.min(k, neighbors.end(userIndex) - start);
    System.arraycopy(neighbors.indices(), start, outUsers, 0, m);
    if (outScores != null) {
      System.arraycopy(neighbors.similarities(), start, outScores, 0, m);
    }
    return m;
  }
}
