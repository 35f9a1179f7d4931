package io.reco4j.algorithms.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomTest extends ModelContractTest<RandomModel> {

  @Override
  protected Trainer<RandomModel> trainer(int threads, long seed) {
    return new RandomTrainer(new RandomConfig(seed));
  }

  @Override
  protected boolean seedChangesOutput() {
    return true;
  }

  @Test
  void scoresArePureFunctionsOfSeedUserAndItem() {
    Dataset d = TestData.ratings();
    RandomModel m = new RandomTrainer(new RandomConfig(7)).train(d);
    float[] all = new float[d.itemCount()];
    // asking for another user first must not change user 5's scores
    m.scoreItems(9, all);
    m.scoreItems(5, all);
    for (int i = d.itemCount() - 1; i >= 0; i--) {
      assertThat(m.score(5, i)).isEqualTo(all[i]);
    }
    // a model trained on other data with the same seed scores the same
    RandomModel other = new RandomTrainer(new RandomConfig(7)).train(TestData.ratings(1));
    assertThat(other.score(5, 17)).isEqualTo(m.score(5, 17));
  }

  @Test
  void scoresAreRoughlyUniformInTheUnitInterval() {
    Dataset d = TestData.ratings();
    RandomModel m = new RandomTrainer(new RandomConfig(3)).train(d);
    int[] deciles = new int[10];
    float[] s = new float[d.itemCount()];
    int n = 0;
    for (int u = 0; u < d.userCount(); u++) {
      m.scoreItems(u, s);
      for (float x : s) {
        assertThat(x).isGreaterThanOrEqualTo(0f).isLessThan(1f);
        deciles[(int) (x * 10)]++;
        n++;
      }
    }
    // 36,000 draws: each decile holds 3,600 ± a few standard deviations (sd ≈ 57)
    for (int k = 0; k < 10; k++) {
      assertThat(deciles[k]).as("decile %d of %s", k, Arrays.toString(deciles))
          .isBetween(n / 10 - 300, n / 10 + 300);
    }
  }

  @Test
  void differentUsersGetDifferentRankings() {
    Dataset d = TestData.ratings();
    RandomModel m = new RandomTrainer(RandomConfig.defaults()).train(d);
    float[] a = new float[d.itemCount()];
    float[] b = new float[d.itemCount()];
    m.scoreItems(0, a);
    m.scoreItems(1, b);
    assertThat(Arrays.equals(a, b)).isFalse();
  }
}
