package io.reco4j.algorithms.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.algorithms.bpr.BprConfig.PositiveSampling;
import io.reco4j.data.Dataset;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BprTest extends ModelContractTest<BprModel> {
  private static final float EPS = 1e-6f;

  @Override
  protected Trainer<BprModel> trainer(int threads, long seed) {
    return new BprTrainer(small(threads, seed));
  }

  private static BprConfig small(int threads, long seed) {
    return new BprConfig(8, 0.05f, 0.01f, 30, true, PositiveSampling.USER, 0f, seed, threads);
  }

  @Override
  protected boolean seedChangesOutput() {
    return true;
  }

  /**
   * Replaces the contract's "1 thread = N threads, bit for bit": BPR trains Hogwild-style, so with
   * several threads the updates of a shared user or item interleave and float results depend on
   * scheduling (documented on {@link BprTrainer}). What must hold instead: the N-thread model is
   * finite, fits the training data as well as the 1-thread model (running training AUC within
   * 0.02), and ranks a user's training items nearly alike (scores strongly correlated).
   */
  @Test
  @Override
  protected void oneThreadAndManyThreadsGiveIdenticalOutput() {
    Dataset data = trainingData();
    BprModel one = trainer(1, SEED).train(data);
    BprModel many = trainer(manyThreads(), SEED).train(data);
    double aucOne = one.provenance().metrics().get("trainAuc");
    double aucMany = many.provenance().metrics().get("trainAuc");
    assertThat(aucOne).isGreaterThan(0.75);
    assertThat(aucMany).isCloseTo(aucOne, within(0.02));
    float[][] a = outputs(one);
    float[][] b = outputs(many);
    for (float[] row : b) {
      for (float v : row) {
        assertThat(v).isFinite();
      }
    }
    assertThat(correlation(a, b)).isGreaterThan(0.8);
  }

  @Test
  void singleThreadTrainingIsBitReproducibleForTheSameSeed() {
    Dataset data = TestData.ratings();
    BprModel a = new BprTrainer(small(1, 7)).train(data);
    BprModel b = new BprTrainer(small(1, 7)).train(data);
    assertThat(a.userFactors()).isEqualTo(b.userFactors());
    assertThat(a.itemFactors()).isEqualTo(b.itemFactors());
    for (int i = 0; i < data.itemCount(); i++) {
      assertThat(a.itemBias(i)).isEqualTo(b.itemBias(i));
    }
    BprModel c = new BprTrainer(small(1, 8)).train(data);
    assertThat(Arrays.equals(a.itemFactors(), c.itemFactors())).isFalse();
  }

  /**
   * One step with f = 2, η = 0.1, λ = 0.5 on p_u = (0.5, −1), q_i = (1, 0.5), q_j = (−0.5, 1),
   * b_i = −0.75, b_j = 0.5:
   *
   * <pre>
   * q_i − q_j = (1.5, −0.5);  p_u·(q_i − q_j) = 0.75 + 0.5 = 1.25;  x = 1.25 + (−0.75 − 0.5) = 0
   * z = σ(−x) = 1/2
   * p_u ← p_u + η (z (q_i − q_j) − λ p_u) = (0.5 + 0.1 (0.75 − 0.25), −1 + 0.1 (−0.25 + 0.5))
   *                                      = (0.55, −0.975)
   * q_i ← q_i + η (z p_u − λ q_i)        = (1 + 0.1 (0.25 − 0.5), 0.5 + 0.1 (−0.5 − 0.25))
   *                                      = (0.975, 0.425)
   * q_j ← q_j + η (−z p_u − λ q_j)       = (−0.5 + 0.1 (−0.25 + 0.25), 1 + 0.1 (0.5 − 0.5))
   *                                      = (−0.5, 1)
   * b_i ← b_i + η (z − λ b_i)            = −0.75 + 0.1 (0.5 + 0.375) = −0.6625
   * b_j ← b_j + η (−z − λ b_j)           = 0.5 + 0.1 (−0.5 − 0.25)   = 0.425
   * </pre>
   */
  @Test
  void oneStepMatchesTheHandComputedUpdate() {
    float[] p = {9, 9, 0.5f, -1f}; // user 1 at offset 2
    float[] q = {1f, 0.5f, 7, 7, -0.5f, 1f}; // item 0 at 0, item 2 at 4
    float[] b = {-0.75f, 3, 0.5f};
    float x = BprTrainer.step(p, 2, q, 0, 4, b, 0, 2, 2, 0.1f, 0.5f, new BprTrainer.Scratch(2));
    assertThat(x).isEqualTo(0f);
    assertThat(p[2]).isCloseTo(0.55f, within(EPS));
    assertThat(p[3]).isCloseTo(-0.975f, within(EPS));
    assertThat(q[0]).isCloseTo(0.975f, within(EPS));
    assertThat(q[1]).isCloseTo(0.425f, within(EPS));
    assertThat(q[4]).isCloseTo(-0.5f, within(EPS));
    assertThat(q[5]).isCloseTo(1f, within(EPS));
    assertThat(b[0]).isCloseTo(-0.6625f, within(EPS));
    assertThat(b[2]).isCloseTo(0.425f, within(EPS));
    // untouched: the other user and item, the other bias
    assertThat(new float[] {p[0], p[1], q[2], q[3], b[1]}).containsExactly(9, 9, 7, 7, 3);
  }

  /**
   * Without biases, the same vectors give x = 1.25 and z = 1 / (1 + e^1.25) = 0.2227001388; with
   * λ = 0 the user moves by η z (q_i − q_j) = 0.1 × 0.2227 × (1.5, −0.5).
   */
  @Test
  void stepWithoutBiasesUsesTheSigmoidOfTheDifference() {
    float[] p = {0.5f, -1f};
    float[] q = {1f, 0.5f, -0.5f, 1f};
    float x = BprTrainer.step(p, 0, q, 0, 2, null, 0, 1, 2, 0.1f, 0f, new BprTrainer.Scratch(2));
    assertThat(x).isCloseTo(1.25f, within(EPS));
    double z = 1 / (1 + Math.exp(1.25));
    assertThat((double) p[0]).isCloseTo(0.5 + 0.1 * z * 1.5, within(1e-6));
    assertThat((double) p[1]).isCloseTo(-1 - 0.1 * z * 0.5, within(1e-6));
    assertThat((double) q[0]).isCloseTo(1 + 0.1 * z * 0.5, within(1e-6));
    assertThat((double) q[3]).isCloseTo(1 - 0.1 * z * -1, within(1e-6));
  }

  @Test
  void trainingLossFallsAndAucRisesWithIterations() {
    Dataset data = TestData.ratings();
    double[] loss = new double[3];
    double[] auc = new double[3];
    int[] iterations = {1, 10, 60};
    for (int k = 0; k < 3; k++) {
      BprModel m = new BprTrainer(small(1, SEED).withIterations(iterations[k])).train(data);
      loss[k] = m.provenance().metrics().get("trainLoss");
      auc[k] = m.provenance().metrics().get("trainAuc");
    }
    // the first iteration starts from near-zero factors: loss ≈ ln 2, AUC ≈ 1/2
    assertThat(loss[0]).isBetween(0.55, 0.70);
    assertThat(loss[1]).isLessThan(loss[0] - 0.05);
    assertThat(loss[2]).isLessThan(loss[1] - 0.05);
    assertThat(auc[1]).isGreaterThan(auc[0]);
    assertThat(auc[2]).isGreaterThan(auc[1]).isGreaterThan(0.85);
  }

  @Test
  void coldUsersHaveZeroVectorsAndAreRankedByItemBias() {
    Dataset data = TestData.ratings();
    BprModel m = new BprTrainer(small(1, SEED)).train(data);
    int cold = TestData.coldUsers(data)[0];
    float[] scores = new float[data.itemCount()];
    m.scoreItems(cold, scores);
    for (int i = 0; i < scores.length; i++) {
      assertThat(scores[i]).isEqualTo(m.itemBias(i));
    }
    for (int k = 0; k < m.factors(); k++) {
      assertThat(m.userFactors()[cold * m.factors() + k]).isZero();
    }
  }

  @Test
  void foldInIsDeterministicAndIndependentOfHistoryOrder() {
    Dataset data = TestData.ratings();
    BprModel m = new BprTrainer(small(1, SEED)).train(data);
    int[] history = {5, 17, 3, 40, 101};
    int[] shuffled = {101, 3, 40, 5, 17, 3}; // another order, with a duplicate
    float[] a = m.foldIn(history);
    assertThat(m.foldIn(history)).isEqualTo(a);
    assertThat(m.foldIn(shuffled)).isEqualTo(a);
    float[] s1 = new float[data.itemCount()];
    float[] s2 = new float[data.itemCount()];
    m.scoreItemsForHistory(history, new float[history.length], s1);
    m.scoreItemsForHistory(shuffled, new float[shuffled.length], s2);
    assertThat(s1).isEqualTo(s2);
    // the folded-in vector ranks the history above the average item
    double inHistory = 0;
    double all = 0;
    for (int i : history) {
      inHistory += s1[i] / history.length;
    }
    for (float s : s1) {
      all += s / s1.length;
    }
    assertThat(inHistory).isGreaterThan(all);
    // an empty history scores like a cold user: item biases alone
    m.scoreItemsForHistory(new int[0], new float[0], s1);
    for (int i = 0; i < s1.length; i++) {
      assertThat(s1[i]).isEqualTo(m.itemBias(i));
    }
    assertThatThrownBy(() -> m.foldIn(new int[] {data.itemCount()}))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void similarItemsAreTheHighestCosinesOfItemFactorsExcludingTheItem() {
    Dataset data = TestData.ratings();
    BprModel m = new BprTrainer(small(1, SEED)).train(data);
    int f = m.factors();
    float[] q = m.itemFactors();
    int item = 2;
    int n = data.itemCount();
    double[] cos = new double[n];
    for (int j = 0; j < n; j++) {
      double d = 0;
      double ni = 0;
      double nj = 0;
      for (int k = 0; k < f; k++) {
        d += q[item * f + k] * q[j * f + k];
        ni += q[item * f + k] * q[item * f + k];
        nj += q[j * f + k] * q[j * f + k];
      }
      cos[j] = d / Math.sqrt(ni * nj);
    }
    int[] out = new int[10];
    float[] scores = new float[10];
    assertThat(m.similarItems(item, 10, out, scores)).isEqualTo(10);
    Integer[] order = new Integer[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (x, y) -> Double.compare(cos[y], cos[x]));
    int k = 0;
    for (int r = 0; k < 10; r++) {
      if (order[r] == item) {
        continue;
      }
      assertThat(out[k]).isEqualTo(order[r]);
      assertThat((double) scores[k]).isCloseTo(cos[order[r]], within(1e-5));
      k++;
    }
    assertThat(out).doesNotContain(item);
  }

  @Test
  void configRejectsInvalidValuesNamingTheField() {
    BprConfig d = BprConfig.defaults();
    assertThatThrownBy(() -> d.withFactors(0)).hasMessageContaining("factors");
    assertThatThrownBy(() -> new BprConfig(8, 0f, 0.01f, 1, true, PositiveSampling.USER, 0, 1, 0))
        .hasMessageContaining("learningRate");
    assertThatThrownBy(() -> new BprConfig(8, 0.1f, -1f, 1, true, PositiveSampling.USER, 0, 1, 0))
        .hasMessageContaining("regularization");
    assertThatThrownBy(() -> d.withIterations(0)).hasMessageContaining("iterations");
    assertThatThrownBy(() -> new BprConfig(8, 0.1f, 0f, 1, true, null, 0, 1, 0))
        .hasMessageContaining("positiveSampling");
    assertThatThrownBy(() -> new BprConfig(8, 0.1f, 0f, 1, true, PositiveSampling.USER,
        Float.NaN, 1, 0)).hasMessageContaining("negativeExponent");
    assertThatThrownBy(() -> d.withThreads(-1)).hasMessageContaining("threads");
  }

  @Test
  void defaultsAreTheTunedSettings() {
    assertThat(BprConfig.defaults()).isEqualTo(
        new BprConfig(64, 0.03f, 0.01f, 100, true, PositiveSampling.USER, 0f, 42L, 0));
  }

  @Test
  void entrySamplingAndPopularityNegativesAlsoLearn() {
    Dataset data = TestData.ratings();
    for (BprConfig c : new BprConfig[] {
        new BprConfig(8, 0.05f, 0.01f, 60, true, PositiveSampling.ENTRY, 0f, 1, 1),
        new BprConfig(8, 0.05f, 0.01f, 60, false, PositiveSampling.USER, 0.75f, 1, 1)}) {
      BprModel m = new BprTrainer(c).train(data);
      assertThat(m.provenance().metrics().get("trainAuc")).as(c.toString()).isGreaterThan(0.75);
      if (!c.itemBias()) {
        for (int i = 0; i < data.itemCount(); i++) {
          assertThat(m.itemBias(i)).isZero();
        }
      }
    }
  }

  private static double correlation(float[][] a, float[][] b) {
    double sa = 0;
    double sb = 0;
    double saa = 0;
    double sbb = 0;
    double sab = 0;
    long n = 0;
    for (int u = 0; u < a.length; u++) {
      for (int k = 0; k < a[u].length; k++) {
        double x = a[u][k];
        double y = b[u][k];
        sa += x;
        sb += y;
        saa += x * x;
        sbb += y * y;
        sab += x * y;
        n++;
      }
    }
    double cov = sab / n - (sa / n) * (sb / n);
    return cov / Math.sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
  }
}
