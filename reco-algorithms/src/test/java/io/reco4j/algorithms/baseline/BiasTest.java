package io.reco4j.algorithms.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.IdIndex;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import org.junit.jupiter.api.Test;

class BiasTest extends ModelContractTest<BiasModel> {
  private static final float EPS = 1e-6f;

  @Override
  protected Trainer<BiasModel> trainer(int threads, long seed) {
    return new BiasTrainer(BiasConfig.defaults().withThreads(threads));
  }

  /**
   * Users A, B, C (ids 1, 2, 3; C cold), items x, y, z (ids 10, 20, 30; z cold). Ratings A–x 5,
   * A–y 3, B–x 4, so μ = 12 / 3 = 4. With λ_i = 1 and λ_u = 2:
   *
   * <pre>
   * iteration 1 (b_u = 0):
   *   b_x = ((5−4) + (4−4)) / (1+2)             = 1/3
   *   b_y = (3−4) / (1+1)                       = −1/2
   *   b_A = ((5−4−1/3) + (3−4+1/2)) / (2+2)     = (2/3 − 1/2) / 4 = 1/24
   *   b_B = (4−4−1/3) / (2+1)                   = −1/9
   * iteration 2:
   *   b_x = ((5−4−1/24) + (4−4+1/9)) / 3        = (23/24 + 1/9) / 3 = 77/216
   *   b_y = (3−4−1/24) / 2                      = −25/48
   *   b_A = ((1−77/216) + (−1+25/48)) / 4       = (278/432 − 207/432) / 4 = 71/1728
   *   b_B = (0−77/216) / 3                      = −77/648
   * </pre>
   */
  private static Dataset tiny() {
    IdIndex users = IdIndex.ofNumeric("user", new long[] {1, 2, 3});
    IdIndex items = IdIndex.ofNumeric("item", new long[] {10, 20, 30});
    return Datasets.assemble("tiny", users, items, new int[] {0, 0, 1}, new int[] {0, 1, 0},
        new float[] {5, 3, 4}, null, DuplicatePolicy.ERROR, 1);
  }

  @Test
  void oneIterationMatchesHandComputedBiases() {
    BiasModel m = new BiasTrainer(new BiasConfig(1, 2f, 1f, 1)).train(tiny());
    assertThat(m.globalMean()).isEqualTo(4f);
    assertThat(m.itemBias(0)).isCloseTo(1f / 3, within(EPS));
    assertThat(m.itemBias(1)).isCloseTo(-1f / 2, within(EPS));
    assertThat(m.userBias(0)).isCloseTo(1f / 24, within(EPS));
    assertThat(m.userBias(1)).isCloseTo(-1f / 9, within(EPS));
  }

  @Test
  void twoIterationsMatchHandComputedBiasesAndPredictions() {
    BiasModel m = new BiasTrainer(new BiasConfig(2, 2f, 1f, 1)).train(tiny());
    float bx = 77f / 216;
    float by = -25f / 48;
    float ba = 71f / 1728;
    float bb = -77f / 648;
    assertThat(m.itemBias(0)).isCloseTo(bx, within(EPS));
    assertThat(m.itemBias(1)).isCloseTo(by, within(EPS));
    assertThat(m.userBias(0)).isCloseTo(ba, within(EPS));
    assertThat(m.userBias(1)).isCloseTo(bb, within(EPS));
    // cold user C and cold item z keep bias 0
    assertThat(m.userBias(2)).isZero();
    assertThat(m.itemBias(2)).isZero();
    assertThat(m.predict(0, 1)).isCloseTo(4 + ba + by, within(EPS)); // 3.5202546
    assertThat(m.predict(1, 0)).isCloseTo(4 + bb + bx, within(EPS));
    assertThat(m.predict(2, 0)).isCloseTo(4 + bx, within(EPS)); // cold user: μ + b_x
    assertThat(m.predict(0, 2)).isCloseTo(4 + ba, within(EPS)); // cold item: μ + b_A
    assertThat(m.predict(2, 2)).isEqualTo(4f); // both cold: μ
    float[] scores = new float[3];
    m.scoreItems(0, scores);
    assertThat(scores[0]).isCloseTo(4 + ba + bx, within(EPS));
    assertThat(scores[1]).isCloseTo(4 + ba + by, within(EPS));
    assertThat(scores[2]).isCloseTo(4 + ba, within(EPS));
  }

  /**
   * λ = 0, one iteration. Ratings A–x 5, B–x 1, A–y 5: μ = 11/3; b_x = ((5−11/3) + (1−11/3)) / 2 =
   * −2/3; b_y = 5 − 11/3 = 4/3; b_A = ((5−11/3+2/3) + (5−11/3−4/3)) / 2 = 1; b_B = 1−11/3+2/3 = −2.
   * μ + b_A + b_y = 6 lies above the rating range: predict clips it to 5, the score keeps 6.
   */
  @Test
  void predictionsAreClippedToTheTrainingRangeButScoresAreNot() {
    Dataset d = TestData.ratings("clip", new long[] {1, 2, 1}, new long[] {10, 10, 20},
        new float[] {5, 1, 5});
    BiasModel m = new BiasTrainer(new BiasConfig(1, 0f, 0f, 1)).train(d);
    assertThat(m.userBias(0)).isCloseTo(1f, within(EPS));
    assertThat(m.userBias(1)).isCloseTo(-2f, within(EPS));
    assertThat(m.itemBias(0)).isCloseTo(-2f / 3, within(EPS));
    assertThat(m.itemBias(1)).isCloseTo(4f / 3, within(EPS));
    assertThat(m.minRating()).isEqualTo(1f);
    assertThat(m.maxRating()).isEqualTo(5f);
    float[] s = new float[2];
    m.scoreItems(0, s);
    assertThat(s[1]).isCloseTo(6f, within(EPS));
    assertThat(m.predict(0, 1)).isEqualTo(5f);
    assertThat(m.predict(1, 1)).isCloseTo(3f, within(EPS));
  }

  @Test
  void strongerRegularisationShrinksBiasesTowardsZero() {
    Dataset d = TestData.ratings();
    BiasModel weak = new BiasTrainer(new BiasConfig(10, 1f, 1f)).train(d);
    BiasModel strong = new BiasTrainer(new BiasConfig(10, 100f, 100f)).train(d);
    double weakNorm = 0;
    double strongNorm = 0;
    for (int i = 0; i < d.itemCount(); i++) {
      weakNorm += weak.itemBias(i) * weak.itemBias(i);
      strongNorm += strong.itemBias(i) * strong.itemBias(i);
    }
    assertThat(strongNorm).isLessThan(weakNorm / 4);
  }

  @Test
  void biasesReduceTrainingErrorBelowTheGlobalMean() {
    Dataset d = TestData.ratings();
    BiasModel bias = new BiasTrainer(new BiasConfig(10, 1f, 1f)).train(d);
    GlobalMeanModel mean = new GlobalMeanTrainer().train(d);
    double se = 0;
    double seMean = 0;
    for (int u = 0; u < d.userCount(); u++) {
      for (int p = d.matrix().rowStart(u); p < d.matrix().rowEnd(u); p++) {
        int i = d.matrix().colIdx()[p];
        float r = d.matrix().values()[p];
        se += Math.pow(r - bias.predict(u, i), 2);
        seMean += Math.pow(r - mean.predict(u, i), 2);
      }
    }
    assertThat(se).isLessThan(0.8 * seMean);
  }

  @Test
  void configRejectsInvalidValuesNamingTheField() {
    assertThatThrownBy(() -> new BiasConfig(0, 15f, 10f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");
    assertThatThrownBy(() -> new BiasConfig(10, -1f, 10f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userRegularization");
    assertThatThrownBy(() -> new BiasConfig(10, 15f, Float.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemRegularization");
    assertThatThrownBy(() -> new BiasConfig(10, 15f, 10f, -2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
  }

  @Test
  void defaultsAreThoseOfSurpriseBaselineOnlyAls() {
    assertThat(BiasConfig.defaults()).isEqualTo(new BiasConfig(10, 15f, 10f, 0));
  }
}
