package io.reco4j.algorithms.ease;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.IdIndex;
import io.reco4j.model.Explainable;
import io.reco4j.model.FoldIn;
import io.reco4j.model.Provenance;
import io.reco4j.model.SimilarItems;
import io.reco4j.rank.TopN;
import java.util.Arrays;
import java.util.Objects;

/**
 * A trained EASE model: the dense item-item weight matrix B (n × n floats, row-major, zero
 * diagonal) and the training histories. The score of item {@code j} for a user with history
 * x<sub>u</sub> is Σ<sub>i ∈ u</sub> x<sub>ui</sub> B<sub>ij</sub> (x<sub>ui</sub> = 1 unless
 * {@link EaseConfig#useValues()}): a sum of rows of B, so scoring reads |u| contiguous rows, O(|u|·n),
 * with nothing allocated. A cold user (no history) scores 0 everywhere.
 *
 * <p>{@link FoldIn} uses the same formula on any history: EASE has no user parameters, so a new
 * user is scored exactly like a training user with that history. {@link SimilarItems} ranks items
 * {@code j} by B<sub>ij</sub>, row {@code i} of B: the weight with which having item {@code i}
 * recommends {@code j}. B is not symmetric; the row is the "people who have i get j" direction.
 *
 * <p>{@link Explainable}: the score is a sum over the history, so the contribution of history item
 * {@code j} to item {@code i} is exactly x<sub>j</sub> B<sub>ji</sub> (Steck, "Embarrassingly
 * Shallow Autoencoders for Sparse Data", WWW 2019) and the baseline is 0.
 *
 * <p>Memory: 4·n² bytes for B (1.6 GB at n = 20,000) plus the training matrix. Immutable and
 * thread-safe.
 */
public final class EaseModel implements FoldIn, SimilarItems, Explainable {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "ease";

  private final EaseConfig config;
  private final Provenance provenance;
  private final IdIndex users;
  private final IdIndex items;
  private final CsrMatrix history;
  private final float[] b;
  private final int n;

  EaseModel(EaseConfig config, Provenance provenance, IdIndex users, IdIndex items,
      CsrMatrix history, float[] b) {
    this.config = Objects.requireNonNull(config, "config");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.users = Objects.requireNonNull(users, "users");
    this.items = Objects.requireNonNull(items, "items");
    this.history = Objects.requireNonNull(history, "history");
    this.n = items.size();
    if (b.length != n * n) {
      throw new IllegalArgumentException("B has " + b.length + " entries for " + n + " items");
    }
    if (history.rows() != users.size() || history.cols() != n) {
      throw new IllegalArgumentException("history is " + history.rows() + " x " + history.cols()
          + ", index spaces are " + users.size() + " x " + n);
    }
    this.b = b;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public EaseConfig config() {
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

  /** B<sub>ij</sub>: the weight of item {@code i} in the score of item {@code j}. */
  public float weight(int i, int j) {
    Objects.checkIndex(i, n);
    Objects.checkIndex(j, n);
    return b[i * n + j];
  }

  /** Scores from the user's training history (0 everywhere for a cold user). */
  @Override
  public void scoreItems(int userIndex, float[] out) {
    Objects.checkIndex(userIndex, users.size());
    int from = history.rowPtr()[userIndex];
    int to = history.rowPtr()[userIndex + 1];
    score(history.colIdx(), history.values(), from, to, out);
  }

  /** Scores x·B for the given history; items are summed in the order given. */
  @Override
  public void scoreItemsForHistory(int[] itemIndices, float[] values, float[] out) {
    if (itemIndices.length != values.length) {
      throw new IllegalArgumentException(itemIndices.length + " items but " + values.length
          + " values");
    }
    for (int i : itemIndices) {
      Objects.checkIndex(i, n);
    }
    score(itemIndices, values, 0, itemIndices.length, out);
  }

  private void score(int[] idx, float[] vals, int from, int to, float[] out) {
    float[] w = b;
    int m = n;
    Arrays.fill(out, 0, m, 0f);
    boolean useValues = config.useValues();
    for (int p = from; p < to; p++) {
      int off = idx[p] * m;
      if (useValues) {
        float a = vals[p];
        for (int j = 0; j < m; j++) {
          out[j] += a * w[off + j];
        }
      } else {
        for (int j = 0; j < m; j++) {
          out[j] += w[off + j];
        }
      }
    }
  }

  /** Contribution of history item {@code j}: x<sub>j</sub> B<sub>ji</sub>; baseline 0. */
  @Override
  public float explain(int[] itemIndices, float[] values, int itemIndex, float[] out) {
    if (itemIndices.length != values.length) {
      throw new IllegalArgumentException(itemIndices.length + " items but " + values.length
          + " values");
    }
    Objects.checkIndex(itemIndex, n);
    boolean useValues = config.useValues();
    for (int k = 0; k < itemIndices.length; k++) {
      float w = b[Objects.checkIndex(itemIndices[k], n) * n + itemIndex];
      out[k] = useValues ? values[k] * w : w;
    }
    return 0f;
  }

  /** The items {@code j} with the largest B<sub>ij</sub> (row {@code i}), {@code i} excluded. */
  @Override
  public int similarItems(int itemIndex, int k, int[] outItems, float[] outScores) {
    Objects.checkIndex(itemIndex, n);
    TopN top = new TopN(Math.min(k, Math.max(0, n - 1)));
    int off = itemIndex * n;
    for (int j = 0; j < n; j++) {
      if (j != itemIndex) {
        top.offer(j, b[off + j]);
      }
    }
    return top.drainTo(outItems, outScores);
  }

  @Override
  public String toString() {
    return "EaseModel[" + provenance.oneLine() + "]";
  }

  // for the codec: backing arrays, never handed out publicly
  float[] weights() {
    return b;
  }

  CsrMatrix history() {
    return history;
  }
}
