package io.reco4j.algorithms.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SvdTest extends ModelContractTest<SvdModel> {

  @Override
  protected Trainer<SvdModel> trainer(int threads, long seed) {
    return new SvdTrainer(new SvdConfig(8, 10, 0.01f, 0.02f, 0.1f, 4, seed, threads));
  }

  @Override
  protected boolean seedChangesOutput() {
    return true;
  }

  /**
   * One SGD step, f = 2, γ = 0.1, λ = 0.5: μ = 3, b_u = 0.1, b_i = −0.2, p = (0.5, −1),
   * q = (0.4, 0.2), r = 4.
   *
   * <pre>
   * q·p = 0.2 − 0.2 = 0;  r̂ = 3 + 0.1 − 0.2 = 2.9;  e = 1.1
   * b_u = 0.1 + 0.1 (1.1 − 0.5·0.1)          = 0.205
   * b_i = −0.2 + 0.1 (1.1 + 0.5·0.2)         = −0.08
   * p_0 = 0.5 + 0.1 (1.1·0.4 − 0.5·0.5)      = 0.519
   * p_1 = −1 + 0.1 (1.1·0.2 + 0.5·1)         = −0.928
   * q_0 = 0.4 + 0.1 (1.1·0.5 − 0.5·0.4)      = 0.435
   * q_1 = 0.2 + 0.1 (1.1·(−1) − 0.5·0.2)     = 0.08
   * squared error 1.21
   * </pre>
   */
  @Test
  void oneSgdStepMatchesTheHandComputedUpdate() {
    float[] bu = {0.1f};
    float[] bi = {-0.2f};
    float[] p = {0.5f, -1f};
    float[] q = {0.4f, 0.2f};
    double se = SvdTrainer.step(0, 1, new int[] {0}, new int[] {0}, new float[] {4f}, 3f, bu, bi,
        p, q, 2, 0.1f, 0.5f);
    float eps = 1e-6f;
    assertThat(se).isCloseTo(1.21, within(1e-5));
    assertThat(bu[0]).isCloseTo(0.205f, within(eps));
    assertThat(bi[0]).isCloseTo(-0.08f, within(eps));
    assertThat(p[0]).isCloseTo(0.519f, within(eps));
    assertThat(p[1]).isCloseTo(-0.928f, within(eps));
    assertThat(q[0]).isCloseTo(0.435f, within(eps));
    assertThat(q[1]).isCloseTo(0.08f, within(eps));
  }

  @Test
  void trainsOnDataSmallerThanTheBlockGridWithManyThreads() {
    Dataset d = TestData.ratings("tiny", new long[] {1, 2, 2}, new long[] {10, 10, 20},
        new float[] {5, 3, 1});
    SvdModel one = new SvdTrainer(SvdConfig.defaults().withSize(4, 50).withThreads(1)).train(d);
    SvdModel many = new SvdTrainer(SvdConfig.defaults().withSize(4, 50).withThreads(8)).train(d);
    assertThat(many.userFactors()).isEqualTo(one.userFactors());
    assertThat(one.globalMean()).isEqualTo(3f);
    // fifty epochs move the predictions towards the ratings
    assertThat(one.predict(0, 0)).isGreaterThan(3.3f);
    assertThat(one.predict(1, 1)).isLessThan(2.7f);
    assertThat(one.trainingRmse()[49]).isLessThan(one.trainingRmse()[0]);
  }

  @Test
  void theRegularisedObjectiveFallsWithMoreEpochs() {
    Dataset d = TestData.ratings();
    double prev = Double.POSITIVE_INFINITY;
    for (int epochs : new int[] {1, 5, 20, 60}) {
      SvdConfig c = new SvdConfig(8, epochs, 0.01f, 0.02f, 0.1f, 4, 7L, 1);
      double obj = objective(new SvdTrainer(c).train(d), d, 0.02);
      assertThat(obj).as("objective after %d epochs", epochs).isLessThan(prev);
      prev = obj;
    }
  }

  @Test
  void trainingErrorFallsEpochByEpochOnSyntheticData() {
    SvdModel m = new SvdTrainer(new SvdConfig(8, 15, 0.01f, 0.02f, 0.1f, 4, 7L, 1))
        .train(TestData.ratings());
    double[] rmse = m.trainingRmse();
    assertThat(rmse).hasSize(15);
    for (int e = 1; e < rmse.length; e++) {
      assertThat(rmse[e]).as("epoch %d", e + 1).isLessThan(rmse[e - 1]);
    }
  }

  @Test
  void blocksChangeTheVisitingOrderButThreadsDoNot() {
    Dataset d = TestData.ratings();
    SvdModel b1 = new SvdTrainer(new SvdConfig(8, 5, 0.01f, 0.02f, 0.1f, 1, 7L, 1)).train(d);
    SvdModel b4t1 = new SvdTrainer(new SvdConfig(8, 5, 0.01f, 0.02f, 0.1f, 4, 7L, 1)).train(d);
    SvdModel b4t3 = new SvdTrainer(new SvdConfig(8, 5, 0.01f, 0.02f, 0.1f, 4, 7L, 3)).train(d);
    assertThat(b4t3.userFactors()).isEqualTo(b4t1.userFactors());
    assertThat(b4t3.itemFactors()).isEqualTo(b4t1.itemFactors());
    assertThat(b1.itemFactors()).isNotEqualTo(b4t1.itemFactors());
  }

  @Test
  void coldUsersAndItemsHaveZeroFactors() {
    Dataset d = TestData.ratings();
    SvdModel m = trainer(1, SEED).train(d);
    int f = m.factors();
    for (int u : TestData.coldUsers(d)) {
      assertThat(Arrays.copyOfRange(m.userFactors(), u * f, u * f + f)).containsOnly(0f);
      assertThat(m.userBias(u)).isZero();
    }
    for (int i : TestData.coldItems(d)) {
      assertThat(Arrays.copyOfRange(m.itemFactors(), i * f, i * f + f)).containsOnly(0f);
      assertThat(m.itemBias(i)).isZero();
    }
  }

  @Test
  void foldInIsTheExactRidgeSolution() {
    Dataset d = TestData.ratings();
    SvdModel m = trainer(1, SEED).train(d);
    CsrMatrix r = d.matrix();
    int u = 0;
    while (r.rowLength(u) < 12) {
      u++;
    }
    int[] items = Arrays.copyOfRange(r.colIdx(), r.rowStart(u), r.rowEnd(u));
    float[] values = Arrays.copyOfRange(r.values(), r.rowStart(u), r.rowEnd(u));
    int f = m.factors();
    float[] p = new float[f];
    float b = m.foldInUser(items, values, p);
    // the direct solve: normal equations (AᵀA + λnI) x = Aᵀy by Gaussian elimination
    double[] x = ridgeByElimination(m, items, values, 0.02 * items.length);
    assertThat((double) b).isCloseTo(x[0], within(1e-4));
    for (int k = 0; k < f; k++) {
      assertThat((double) p[k]).as("p[%d]", k).isCloseTo(x[k + 1], within(1e-4));
    }
    // and its gradient vanishes
    double gb = 0.02 * items.length * b;
    for (int t = 0; t < items.length; t++) {
      gb -= values[t] - m.globalMean() - m.itemBias(items[t]) - b - dot(m, items[t], p);
    }
    assertThat(gb).isCloseTo(0, within(1e-3));
    // the scores are those of the solved user
    float[] out = new float[d.itemCount()];
    m.scoreItemsForHistory(items, values, out);
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).isCloseTo(m.globalMean() + b + m.itemBias(i) + dot(m, i, p),
          within(1e-4f));
    }
  }

  @Test
  void foldInOfAnEmptyHistoryScoresByItemBias() {
    SvdModel m = trainer(1, SEED).train(TestData.ratings());
    float[] out = new float[m.items().size()];
    m.scoreItemsForHistory(new int[0], new float[0], out);
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).isEqualTo(m.globalMean() + 0f + m.itemBias(i));
    }
  }

  @Test
  void foldInFitsTheHistoryBetterThanItemBiasesAlone() {
    Dataset d = TestData.ratings();
    SvdModel m = trainer(1, SEED).train(d);
    CsrMatrix r = d.matrix();
    double seFold = 0;
    double seBias = 0;
    float[] out = new float[d.itemCount()];
    for (int u = 0; u < d.userCount(); u++) {
      int[] items = Arrays.copyOfRange(r.colIdx(), r.rowStart(u), r.rowEnd(u));
      float[] values = Arrays.copyOfRange(r.values(), r.rowStart(u), r.rowEnd(u));
      m.scoreItemsForHistory(items, values, out);
      for (int t = 0; t < items.length; t++) {
        seFold += Math.pow(values[t] - out[items[t]], 2);
        seBias += Math.pow(values[t] - m.globalMean() - m.itemBias(items[t]), 2);
      }
    }
    assertThat(seFold).isLessThan(0.8 * seBias);
  }

  @Test
  void similarItemsAreRankedByCosineOfItemFactors() {
    SvdModel m = trainer(1, SEED).train(TestData.ratings());
    int n = m.items().size();
    int f = m.factors();
    int item = 3;
    int[] top = new int[5];
    float[] scores = new float[5];
    assertThat(m.similarItems(item, 5, top, scores)).isEqualTo(5);
    assertThat(top).doesNotContain(item);
    double best = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (j != item) {
        best = Math.max(best, cosine(m.itemFactors(), item, j, f));
      }
    }
    assertThat((double) scores[0]).isCloseTo(best, within(1e-5));
    assertThat((double) scores[2]).isCloseTo(cosine(m.itemFactors(), item, top[2], f),
        within(1e-5));
    for (int k = 1; k < 5; k++) {
      assertThat(scores[k]).isLessThanOrEqualTo(scores[k - 1]);
    }
  }

  @Test
  void configRejectsInvalidValuesNamingTheField() {
    assertThatThrownBy(() -> new SvdConfig(0, 20, 0.005f, 0.02f, 0.1f, 8, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factors");
    assertThatThrownBy(() -> new SvdConfig(10, 0, 0.005f, 0.02f, 0.1f, 8, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
    assertThatThrownBy(() -> new SvdConfig(10, 20, 0f, 0.02f, 0.1f, 8, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
    assertThatThrownBy(() -> new SvdConfig(10, 20, 0.005f, Float.NaN, 0.1f, 8, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regularization");
    assertThatThrownBy(() -> new SvdConfig(10, 20, 0.005f, 0.02f, -1f, 8, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initStd");
    assertThatThrownBy(() -> new SvdConfig(10, 20, 0.005f, 0.02f, 0.1f, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blocks");
    assertThatThrownBy(() -> new SvdConfig(10, 20, 0.005f, 0.02f, 0.1f, 8, 1, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
  }

  @Test
  void defaultsAreThoseOfSurpriseSvd() {
    SvdConfig c = SvdConfig.defaults();
    assertThat(c.factors()).isEqualTo(100);
    assertThat(c.epochs()).isEqualTo(20);
    assertThat(c.learningRate()).isEqualTo(0.005f);
    assertThat(c.regularization()).isEqualTo(0.02f);
    assertThat(c.initStd()).isEqualTo(0.1f);
  }

  // ---------------------------------------------------------------------------------------------

  /** Σ (r − r̂)² + λ Σ_ratings (b_u² + b_i² + ‖p_u‖² + ‖q_i‖²), r̂ unclipped. */
  static double objective(SvdModel m, Dataset d, double lambda) {
    CsrMatrix r = d.matrix();
    int f = m.factors();
    float[] p = m.userFactors();
    float[] q = m.itemFactors();
    double obj = 0;
    for (int u = 0; u < r.rows(); u++) {
      for (int k = r.rowStart(u); k < r.rowEnd(u); k++) {
        int i = r.colIdx()[k];
        double pred = m.globalMean() + m.userBias(u) + m.itemBias(i);
        double pp = 0;
        double qq = 0;
        for (int x = 0; x < f; x++) {
          pred += (double) p[u * f + x] * q[i * f + x];
          pp += (double) p[u * f + x] * p[u * f + x];
          qq += (double) q[i * f + x] * q[i * f + x];
        }
        double e = r.values()[k] - pred;
        obj += e * e + lambda * (m.userBias(u) * m.userBias(u) + m.itemBias(i) * m.itemBias(i)
            + pp + qq);
      }
    }
    return obj;
  }

  private static float dot(SvdModel m, int item, float[] p) {
    int f = m.factors();
    double s = 0;
    for (int x = 0; x < f; x++) {
      s += (double) m.itemFactors()[item * f + x] * p[x];
    }
    return (float) s;
  }

  private static double cosine(float[] q, int a, int b, int f) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int x = 0; x < f; x++) {
      ab += (double) q[a * f + x] * q[b * f + x];
      aa += (double) q[a * f + x] * q[a * f + x];
      bb += (double) q[b * f + x] * q[b * f + x];
    }
    return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
  }

  /** Solves (AᵀA + λI) x = Aᵀy, A rows [1, q_j], y = r − μ − b_j, by Gauss–Jordan with pivoting. */
  private static double[] ridgeByElimination(SvdModel m, int[] items, float[] values,
      double lambda) {
    int f = m.factors();
    int d = f + 1;
    double[][] a = new double[d][d + 1];
    for (int t = 0; t < items.length; t++) {
      double[] row = new double[d];
      row[0] = 1;
      for (int x = 0; x < f; x++) {
        row[x + 1] = m.itemFactors()[items[t] * f + x];
      }
      double y = values[t] - m.globalMean() - m.itemBias(items[t]);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          a[i][j] += row[i] * row[j];
        }
        a[i][d] += row[i] * y;
      }
    }
    for (int i = 0; i < d; i++) {
      a[i][i] += lambda;
    }
    for (int c = 0; c < d; c++) {
      int piv = c;
      for (int i = c + 1; i < d; i++) {
        if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) {
          piv = i;
        }
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      for (int i = 0; i < d; i++) {
        if (i != c) {
          double factor = a[i][c] / a[c][c];
          for (int j = c; j <= d; j++) {
            a[i][j] -= factor * a[c][j];
          }
        }
      }
    }
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = a[i][d] / a[i][i];
    }
    return x;
  }
}
