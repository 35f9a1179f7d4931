package io.reco4j.algorithms.knn;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.IdIndex;
import io.reco4j.model.Explainable;
import io.reco4j.model.FoldIn;
import io.reco4j.model.Provenance;
import io.reco4j.model.SimilarItems;
import java.util.Arrays;

/**
 * The {@code itemknn} model (see {@link ItemKnnTrainer}): each item's most similar items, the
 * training interactions and the baseline predictor.
 *
 * <ul>
 *   <li>{@link #predict}: r̂<sub>ui</sub> = b<sub>ui</sub> + Σ<sub>j∈N<sup>k</sup><sub>i</sub>(u)</sub>
 *       s<sub>ij</sub> (r<sub>uj</sub> − b<sub>uj</sub>) / Σ s<sub>ij</sub> over the k items most
 *       similar to {@code i} (positive similarity) that {@code u} rated — Surprise's
 *       {@code KNNBaseline}; b<sub>ui</sub> alone when fewer than minK; clipped to the training
 *       range. Neighbours are looked up in the stored lists, so with {@code maxNeighbors > 0} an
 *       item's rated neighbours beyond the stored ones are not seen.
 *   <li>{@link #scoreItems} and {@link #scoreItemsForHistory}: score<sub>i</sub> =
 *       Σ<sub>j∈history</sub> x<sub>uj</sub> s<sub>ji</sub> over the k nearest neighbours of each
 *       history item {@code j} (implicit's {@code ItemItemRecommender}: the history row times the
 *       item-item matrix kept to k per row); {@code x} the raw values (1 for implicit data).
 *   <li>{@link #similarItems}: the stored list.
 *   <li>{@link #explain}: the neighbour terms of that sum — history item {@code j} contributes
 *       x<sub>uj</sub> s<sub>ji</sub> when {@code i} is among its k nearest neighbours, else 0
 *       (Sarwar et al., "Item-based collaborative filtering recommendation algorithms", WWW 2001);
 *       exact, baseline 0. It explains the ranking score, not {@link #predict}.
 * </ul>
 *
 * <p>Immutable and thread-safe; scoring allocates nothing.
 */
public final class ItemKnnModel extends KnnModel<ItemKnnConfig> implements SimilarItems, FoldIn,
    Explainable {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "itemknn";

  ItemKnnModel(ItemKnnConfig config, Provenance provenance, IdIndex users, IdIndex items,
      CsrMatrix train, Neighbors neighbors, float mu, float[] userBias, float[] itemBias,
      float minRating, float maxRating) {
    super(config, provenance, users, items, train, neighbors, mu, userBias, itemBias, minRating,
        maxRating, items.size());
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public float predict(int userIndex, int itemIndex) {
    return estimate(userIndex, itemIndex, itemIndex, train.colIdx(), train.values(),
        train.rowStart(userIndex), train.rowEnd(userIndex), true);
  }

  @Override
  public void scoreItems(int userIndex, float[] out) {
    score(train.colIdx(), train.values(), train.rowStart(userIndex), train.rowEnd(userIndex), out);
  }

  @Override
  public void scoreItemsForHistory(int[] historyItems, float[] values, float[] out) {
    if (historyItems.length != values.length) {
      throw new IllegalArgumentException("history has " + historyItems.length + " items but "
          + values.length + " values");
    }
    int n = items().size();
    for (int j : historyItems) {
      if (j < 0 || j >= n) {
        throw new IllegalArgumentException("item index " + j + " outside [0, " + n + ")");
      }
    }
    score(historyItems, values, 0, historyItems.length, out);
  }

  private void score(int[] hItems, float[] hValues, int from, int to, float[] out) {
    int n = items().size();
    Arrays.fill(out, 0, n, 0f);
    int k = config.k();
    int[] nIdx = neighbors.indices();
    float[] nSim = neighbors.similarities();
    for (int p = from; p < to; p++) {
      int j = hItems[p];
      float x = hValues[p];
      int start = neighbors.start(j);
      int end = Math.min(neighbors.end(j), start + k);
      for (int q = start; q < end; q++) {
        out[nIdx[q]] += x * nSim[q];
      }
    }
  }

  @Override
  public float explain(int[] historyItems, float[] values, int itemIndex, float[] out) {
    if (historyItems.length != values.length) {
      throw new IllegalArgumentException("history has " + historyItems.length + " items but "
          + values.length + " values");
    }
    int n = items().size();
    java.util.Objects.checkIndex(itemIndex, n);
    int k = config.k();
    int[] nIdx = neighbors.indices();
    float[] nSim = neighbors.similarities();
    for (int p = 0; p < historyItems.length; p++) {
      int j = java.util.Objects.checkIndex(historyItems[p], n);
      int start = neighbors.start(j);
      int end = Math.min(neighbors.end(j), start + k);
      float c = 0f;
      for (int q = start; q < end; q++) {
        if (nIdx[q] == itemIndex) {
          c = values[p] * nSim[q];
          break;
        }
      }
      out[p] = c;
    }
    return 0f;
  }

  @Override
  public int similarItems(int itemIndex, int k, int[] outItems, float[] outScores) {
    int start = neighbors.start(itemIndex);
    int m = Math.min(k, neighbors.end(itemIndex) - start);
    System.arraycopy(neighbors.indices(), start, outItems, 0, m);
    if (outScores != null) {
      System.arraycopy(neighbors.similarities(), start, outScores, 0, m);
    }
    return m;
  }
}
