package io.reco4j.algorithms.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.data.Dataset;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * SVD++ trains sequentially (see {@link SvdppTrainer}), so "1 thread = N threads" holds
 * trivially: the contract's trainer ignores the thread count.
 */
class SvdppTest extends ModelContractTest<SvdppModel> {

  @Override
  protected Trainer<SvdppModel> trainer(int threads, long seed) {
    return new SvdppTrainer(new SvdppConfig(6, 10, 0.01f, 0.02f, 0.1f, seed));
  }

  @Override
  protected boolean seedChangesOutput() {
    return true;
  }

  /**
   * The batched per-user step equals the literal SVD++ SGD of Koren (2008) / Surprise — every y_j
   * of N(u) updated after every rating — for the same visiting order.
   */
  @Test
  void theBatchedUserStepEqualsTheLiteralPerRatingUpdate() {
    int f = 3;
    int items = 7;
    int[] hist = {5, 0, 3, 6, 2};
    float[] ratings = {4, 2, 5, 3, 1};
    SplittableRandom rnd = new SplittableRandom(3);
    float[] p = gaussian(rnd, f);
    float[] q = gaussian(rnd, items * f);
    float[] y = gaussian(rnd, items * f);
    float[] bu = {0.3f};
    float[] bi = gaussian(rnd, items);
    float mu = 3.2f;
    float lr = 0.05f;
    float reg = 0.1f;
    // literal, in double precision
    double[] lp = toDouble(p);
    double[] lq = toDouble(q);
    double[] ly = toDouble(y);
    double[] lbi = toDouble(bi);
    double lbu = bu[0];
    int n = hist.length;
    double s = 1 / Math.sqrt(n);
    for (int t = 0; t < n; t++) {
      int i = hist[t];
      double[] z = new double[f];
      for (int j : hist) {
        for (int x = 0; x < f; x++) {
          z[x] += s * ly[j * f + x];
        }
      }
      double pred = mu + lbu + lbi[i];
      for (int x = 0; x < f; x++) {
        pred += (lp[x] + z[x]) * lq[i * f + x];
      }
      double e = ratings[t] - pred;
      lbu += lr * (e - reg * lbu);
      lbi[i] += lr * (e - reg * lbi[i]);
      for (int x = 0; x < f; x++) {
        double pu = lp[x];
        double qi = lq[i * f + x];
        lp[x] = pu + lr * (e * qi - reg * pu);
        lq[i * f + x] = qi + lr * (e * (pu + z[x]) - reg * qi);
        for (int j : hist) {
          ly[j * f + x] += lr * (e * s * qi - reg * ly[j * f + x]);
        }
      }
    }
    // batched
    SvdppTrainer.user(0, 0, n, hist.clone(), ratings.clone(), mu, bu, bi, p, q, y, new float[f],
        new float[f], f, lr, 1 - lr * reg);
    assertThat((double) bu[0]).isCloseTo(lbu, within(1e-5));
    assertClose(bi, lbi);
    assertClose(p, lp);
    assertClose(q, lq);
    assertClose(y, ly);
    // y of items outside N(u) is untouched
    assertThat(y[1 * f]).isNotEqualTo(0f);
  }

  @Test
  void trainingErrorFallsEpochByEpoch() {
    SvdppModel m = new SvdppTrainer(new SvdppConfig(6, 15, 0.01f, 0.02f, 0.1f, 7L))
        .train(TestData.ratings());
    double[] rmse = m.trainingRmse();
    for (int e = 1; e < rmse.length; e++) {
      assertThat(rmse[e]).as("epoch %d", e + 1).isLessThan(rmse[e - 1]);
    }
  }

  @Test
  void foldInUsesTheImplicitFactorsOfTheHistory() {
    Dataset d = TestData.ratings();
    SvdppModel m = trainer(1, SEED).train(d);
    int f = m.factors();
    int[] hist = {1, 4, 9};
    float[] out = new float[d.itemCount()];
    m.scoreItemsForHistory(hist, new float[] {5, 1, 3}, out);
    float[] v = new float[f];
    for (int j : hist) {
      for (int x = 0; x < f; x++) {
        v[x] += m.implicitFactors[j * f + x] / (float) Math.sqrt(3);
      }
    }
    for (int i = 0; i < out.length; i++) {
      double expect = m.globalMean() + m.itemBias(i);
      for (int x = 0; x < f; x++) {
        expect += v[x] * m.itemVec[i * f + x];
      }
      assertThat((double) out[i]).isCloseTo(expect, within(1e-4));
    }
    m.scoreItemsForHistory(new int[0], new float[0], out);
    assertThat(out[2]).isEqualTo(m.globalMean() + m.itemBias(2));
  }

  @Test
  void configRejectsInvalidValuesNamingTheField() {
    assertThatThrownBy(() -> new SvdppConfig(0, 20, 0.007f, 0.02f, 0.1f, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factors");
    assertThatThrownBy(() -> new SvdppConfig(20, 20, Float.POSITIVE_INFINITY, 0.02f, 0.1f, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
    assertThatThrownBy(() -> new SvdppConfig(20, 20, 0.007f, -0.1f, 0.1f, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regularization");
  }

  @Test
  void defaultsAreThoseOfSurpriseSvdpp() {
    assertThat(SvdppConfig.defaults()).isEqualTo(new SvdppConfig(20, 20, 0.007f, 0.02f, 0.1f, 42));
  }

  private static float[] gaussian(SplittableRandom rnd, int n) {
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = (float) (0.3 * rnd.nextGaussian());
    }
    return a;
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      d[k] = a[k];
    }
    return d;
  }

  private static void assertClose(float[] actual, double[] expected) {
    for (int k = 0; k < actual.length; k++) {
      assertThat((double) actual[k]).as("index %d", k).isCloseTo(expected[k], within(1e-5));
    }
  }
}
