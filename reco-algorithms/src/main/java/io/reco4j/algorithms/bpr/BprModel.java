package io.reco4j.algorithms.bpr;

import io.reco4j.data.IdIndex;
import io.reco4j.model.FactorModel;
import io.reco4j.model.FoldIn;
import io.reco4j.model.Provenance;
import io.reco4j.model.SimilarItems;
import io.reco4j.rank.TopN;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A trained {@code bpr} model (see {@link BprTrainer}): user factors P (users × f), item factors
 * Q (items × f), both flat row-major, and item biases b (zero when the config has no item bias).
 * The score of item i for user u is b<sub>i</sub> + p<sub>u</sub>·q<sub>i</sub>; a user without
 * training entries has p<sub>u</sub> = 0 and is ranked by item bias.
 *
 * <p><b>Similar items</b> are ranked by the cosine of their factor vectors q (biases excluded);
 * an item with a zero vector has similarity 0 to every item.
 *
 * <p><b>Fold-in</b> computes a vector for a user given only a history, with the item factors and
 * biases frozen: p starts at 0 and takes {@code iterations × |history|} SGD steps of the training
 * update (same η, λ and negative sampler; positives drawn uniformly from the history, negatives
 * outside it) — under {@code ENTRY} sampling as many as a trained user with that history receives
 * in expectation. The random stream is seeded from (config seed, the sorted
 * history), so the result is a deterministic function of the history, the model and the seed —
 * independent of the order of {@code items} and of the thread. Values are ignored (every history
 * entry is a positive); an empty history gives p = 0, the cold-user scores.
 *
 * <p>Immutable and thread-safe; calls allocate only per call, never per item.
 */
public final class BprModel implements FactorModel, SimilarItems, FoldIn {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "bpr";

  private final BprConfig config;
  private final Provenance provenance;
  private final IdIndex users;
  private final IdIndex items;
  private final int f;
  private final float[] p;
  private final float[] q;
  private final float[] bias;
  private final int[] itemCounts;
  private final float[] itemNorms;
  private final NegativeSampler negatives;

  BprModel(BprConfig config, Provenance provenance, IdIndex users, IdIndex items, float[] p,
      float[] q, float[] bias, int[] itemCounts) {
    this.config = Objects.requireNonNull(config, "config");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.users = Objects.requireNonNull(users, "users");
    this.items = Objects.requireNonNull(items, "items");
    this.f = config.factors();
    if (p.length != (long) users.size() * f || q.length != (long) items.size() * f
        || bias.length != items.size() || itemCounts.length != items.size()) {
      throw new IllegalArgumentException("arrays " + p.length + "/" + q.length + "/"
          + bias.length + "/" + itemCounts.length + " do not match " + users.size() + " users, "
          + items.size() + " items, " + f + " factors");
    }
    this.p = p;
    this.q = q;
    this.bias = bias;
    this.itemCounts = itemCounts;
    this.itemNorms = io.reco4j.linalg.FactorSimilarity.norms(q, items.size(), f);
    boolean anyCount = false;
    for (int c : itemCounts) {
      anyCount |= c > 0;
    }
    this.negatives = anyCount || config.negativeExponent() == 0
        ? new NegativeSampler(itemCounts, config.negativeExponent()) : null;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public BprConfig config() {
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
    return p;
  }

  @Override
  public float[] itemFactors() {
    return q;
  }

  /** b<sub>i</sub> of dense item {@code itemIndex} (0 without item biases). */
  public float itemBias(int itemIndex) {
    return bias[itemIndex];
  }

  /** Training interactions of dense item {@code itemIndex} (drives popularity sampling). */
  public int itemCount(int itemIndex) {
    return itemCounts[itemIndex];
  }

  /** Writes b<sub>i</sub> + p<sub>u</sub>·q<sub>i</sub> for every item i. */
  @Override
  public void scoreItems(int userIndex, float[] out) {
    Objects.checkIndex(userIndex, users.size());
    score(p, userIndex * f, out);
  }

  private void score(float[] user, int uOff, float[] out) {
    int n = bias.length;
    for (int i = 0; i < n; i++) {
      out[i] = bias[i] + dot(user, uOff, q, i * f, f);
    }
  }

  @Override
  public void scoreItemsForHistory(int[] history, float[] values, float[] out) {
    score(foldIn(history), 0, out);
  }

  /**
   * The user vector fold-in computes for a history (see the class documentation).
   *
   * @param history dense item indices, any order; duplicates are ignored
   * @throws IndexOutOfBoundsException naming an item index outside the item space
   */
  public float[] foldIn(int[] history) {
    int n = items.size();
    int[] row = history.clone();
    Arrays.sort(row);
    int h = 0;
    for (int k = 0; k < row.length; k++) {
      Objects.checkIndex(row[k], n);
      if (h == 0 || row[k] != row[h - 1]) {
        row[h++] = row[k];
      }
    }
    float[] user = new float[f];
    if (h == 0 || negatives == null) {
      return user;
    }
    long key = config.seed();
    for (int k = 0; k < h; k++) {
      key = BprTrainer.mix(key, row[k], h);
    }
    SplittableRandom rnd = new SplittableRandom(key);
    float[] diff = new float[f];
    float lr = config.learningRate();
    float reg = config.regularization();
    long steps = (long) config.iterations() * h;
    for (long s = 0; s < steps; s++) {
      int i = row[BprTrainer.bounded(rnd.nextLong(), h)];
      int j = negatives.drawExcluding(rnd, row, 0, h);
      if (j < 0) {
        continue;
      }
      int iOff = i * f;
      int jOff = j * f;
      for (int k = 0; k < f; k++) {
        diff[k] = q[iOff + k] - q[jOff + k];
      }
      float x = dot(user, 0, diff, 0, f) + (bias[i] - bias[j]);
      float z = (float) (1.0 / (1.0 + Math.exp(x)));
      for (int k = 0; k < f; k++) {
        user[k] += lr * (z * diff[k] - reg * user[k]);
      }
    }
    return user;
  }

  /** The k items with the largest cosine of factor vectors to {@code itemIndex}, itself excluded. */
  @Override
  public int similarItems(int itemIndex, int k, int[] outItems, float[] outScores) {
    return io.reco4j.linalg.FactorSimilarity.mostSimilar(q, itemNorms, f, itemIndex, k, outItems,
        outScores);
  }

  // fixed-order dot product, as io.reco4j.linalg.Vectors.dot
  private static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    return io.reco4j.linalg.Vectors.dot(a, aOff, b, bOff, n);
  }

  // for the codec: backing arrays, never handed out publicly beyond FactorModel's read-only views
  float[] biases() {
    return bias;
  }

  int[] counts() {
    return itemCounts;
  }

  @Override
  public String toString() {
    return "BprModel[" + provenance.oneLine() + "]";
  }
}
