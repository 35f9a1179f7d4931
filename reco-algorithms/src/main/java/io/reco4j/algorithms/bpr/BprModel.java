package io.reco4j.algorithms.bpr;

import io.reco4j.linalg.VectorKernels;
import io.reco4j.linalg.ItemBlocks;
import io.reco4j.data.IdIndex;
import io.reco4j.model.Explainable;
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
 * <p><b>Explanations</b> follow the fold-in's own trajectory. Each SGD step is drawn for one
 * history item (its positive) and updates p ← (1 − ηλ) p + η σ(−x̂<sub>uij</sub>)
 * (q<sub>i</sub> − q<sub>j</sub>), so p is exactly a sum of per-step terms, each decayed by the
 * later steps' shrinkage; grouping them by their positive item gives p = Σ<sub>h</sub>
 * a<sub>h</sub> and the contribution of history item h to item t is a<sub>h</sub>·q<sub>t</sub>
 * (Rendle et al., "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009, for the
 * update). The contributions sum to p·q<sub>t</sub> exactly up to float rounding; the baseline
 * is b<sub>t</sub>. It is a decomposition of this fold-in path, not a property of the BPR
 * objective: the sampled negatives' share is credited to the positive they were paired with.
 *
 * <p>Immutable and thread-safe; calls allocate only per call, never per item.
 */
public final class BprModel implements FactorModel, SimilarItems, FoldIn, Explainable {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "bpr";

  private final BprConfig config;
  private final Provenance provenance;
  private final IdIndex users;
  private final IdIndex items;
  private final int f;
  private final float[] p;
  private final float[] q;
  /** The item factors in the scoring layout, built on first use. */
  private final ItemBlocks.Lazy blocks;
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
    this.blocks = new ItemBlocks.Lazy(q, items.size(), f);
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

  /** Several users in one pass over the item factors (see {@link BatchScoring}). */
  @Override
  public void scoreItems(int[] userIndices, float[][] out) {
    int[] offs = new int[userIndices.length];
    for (int j = 0; j < offs.length; j++) {
      offs[j] = userIndices[j] * f;
    }
    VectorKernels.provider().scoreBlocks(blocks.get(), p, offs, bias, new float[offs.length], out);
  }

  private void score(float[] user, int uOff, float[] out) {
    VectorKernels.provider().scoreBlocks(blocks.get(), user, new int[] {uOff}, bias,
        new float[] {0f}, new float[][] {out});
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
    return trajectory(history, -1, null);
  }

  /**
   * Contribution of history item h: a<sub>h</sub>·q<sub>t</sub> (see the class comment); a
   * repeated history item is credited once, at its first position. Returns b<sub>t</sub>. Costs
   * one fold-in.
   */
  @Override
  public float explain(int[] history, float[] values, int itemIndex, float[] out) {
    if (history.length != values.length) {
      throw new IllegalArgumentException(history.length + " items but " + values.length
          + " values");
    }
    Objects.checkIndex(itemIndex, items.size());
    double[] byRow = new double[history.length];
    int[] row = sortedDistinct(history);
    trajectory(history, itemIndex, byRow);
    Arrays.fill(out, 0, history.length, 0f);
    boolean[] credited = new boolean[row.length];
    for (int k = 0; k < history.length; k++) {
      int r = Arrays.binarySearch(row, history[k]);
      if (!credited[r]) {
        credited[r] = true;
        out[k] = (float) byRow[r];
      }
    }
    return bias[itemIndex];
  }

  private int[] sortedDistinct(int[] history) {
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
    return Arrays.copyOf(row, h);
  }

  /**
   * The fold-in SGD. When {@code target >= 0}, also writes into {@code contrib[r]} the share of
   * p·q<sub>target</sub> owed to the steps drawn for the r-th distinct history item (ascending
   * order), tracked as scalars against a running shrinkage scale so that no step costs more than
   * O(f).
   */
  private float[] trajectory(int[] history, int target, double[] contrib) {
    int[] row = sortedDistinct(history);
    int h = row.length;
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
    double decay = 1.0 - (double) lr * reg;
    double scale = 1.0; // true contribution = scale * contrib[r]
    int tOff = target * f;
    long steps = (long) config.iterations() * h;
    for (long s = 0; s < steps; s++) {
      int r = BprTrainer.bounded(rnd.nextLong(), h);
      int i = row[r];
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
      if (target >= 0) {
        scale *= decay;
        if (scale < 1e-200) { // fold the scale into the accumulators before it underflows
          for (int t = 0; t < h; t++) {
            contrib[t] *= scale;
          }
          scale = 1.0;
        }
        double step = 0;
        for (int k = 0; k < f; k++) {
          step += (double) diff[k] * q[tOff + k];
        }
        contrib[r] += (double) lr * z * step / scale;
      }
    }
    if (target >= 0) {
      for (int t = 0; t < h; t++) {
        contrib[t] *= scale;
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
