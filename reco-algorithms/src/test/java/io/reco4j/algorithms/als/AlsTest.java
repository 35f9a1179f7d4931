package io.reco4j.algorithms.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlsTest extends ModelContractTest<AlsModel> {

  private static AlsConfig small(int threads, long seed) {
    return new AlsConfig(8, 0.1f, 5, true, 0.1f, seed, threads);
  }

  @Override
  protected Trainer<AlsModel> trainer(int threads, long seed) {
    return new AlsTrainer(small(threads, seed));
  }

  @Override
  protected boolean seedChangesOutput() {
    return true;
  }

  @Test
  void oneTwoAndFourThreadsGiveBitIdenticalFactors() {
    Dataset d = TestData.ratings();
    AlsModel one = new AlsTrainer(small(1, 3)).train(d);
    for (int t : new int[] {2, 4}) {
      AlsModel many = new AlsTrainer(small(t, 3)).train(d);
      assertThat(many.userFactors()).as("%d threads", t).isEqualTo(one.userFactors());
      assertThat(many.itemFactors()).as("%d threads", t).isEqualTo(one.itemFactors());
    }
  }

  @Test
  void foldingInATrainingUsersHistoryReproducesTheirScores() {
    Dataset d = TestData.ratings();
    for (boolean biases : new boolean[] {true, false}) {
      AlsModel m = new AlsTrainer(new AlsConfig(8, 0.1f, 6, biases, 0.1f, 1, 1)).train(d);
      CsrMatrix r = d.matrix();
      int n = d.itemCount();
      float[] trained = new float[n];
      float[] folded = new float[n];
      for (int u = 0; u < d.userCount(); u += 7) {
        int[] items = Arrays.copyOfRange(r.colIdx(), r.rowStart(u), r.rowEnd(u));
        float[] values = Arrays.copyOfRange(r.values(), r.rowStart(u), r.rowEnd(u));
        m.scoreItems(u, trained);
        m.scoreItemsForHistory(items, values, folded);
        for (int i = 0; i < n; i++) {
          assertThat(folded[i]).as("biases=%s user %d item %d", biases, u, i)
              .isCloseTo(trained[i], within(1e-4f));
        }
      }
    }
  }

  @Test
  void trainingErrorFallsBelowTheBiasBaseline() {
    Dataset d = TestData.ratings();
    AlsModel m = new AlsTrainer(new AlsConfig(16, 0.02f, 10, true, 0.1f, 1, 1)).train(d);
    AlsModel noFactors = new AlsTrainer(new AlsConfig(1, 10f, 10, true, 0.1f, 1, 1)).train(d);
    assertThat(trainRmse(m, d)).isLessThan(0.8 * trainRmse(noFactors, d));
  }

  @Test
  void aRankOneMatrixIsRecoveredWithoutBiases() {
    // r_ui = a_u * b_i exactly; ALS with f = 1 and tiny λ fits it
    long[] users = new long[60];
    long[] items = new long[60];
    float[] ratings = new float[60];
    int k = 0;
    for (int u = 0; u < 6; u++) {
      for (int i = 0; i < 10; i++) {
        users[k] = u;
        items[k] = i;
        ratings[k++] = (1 + u * 0.3f) * (0.5f + i * 0.2f);
      }
    }
    Dataset d = TestData.ratings("rank1", users, items, ratings);
    AlsModel m = new AlsTrainer(new AlsConfig(1, 1e-6f, 30, false, 0.5f, 1, 1)).train(d);
    assertThat(trainRmse(m, d)).isLessThan(1e-3);
  }

  @Test
  void similarItemsAreSortedByCosineAndExcludeTheItem() {
    AlsModel m = trainer(1, SEED).train(TestData.ratings());
    int[] out = new int[5];
    float[] s = new float[5];
    int n = m.similarItems(3, 5, out, s);
    assertThat(n).isEqualTo(5);
    assertThat(out).doesNotContain(3);
    for (int k = 1; k < n; k++) {
      assertThat(s[k]).isLessThanOrEqualTo(s[k - 1]);
    }
    assertThat(s[0]).isBetween(-1.0001f, 1.0001f);
  }

  @Test
  void registryParsesParametersAndConfigRejectsInvalidValues() {
    assertThat(Algorithms.trainer("als", Map.of("factors", "10", "biases", "false")).config())
        .isEqualTo(new AlsConfig(10, 0.12f, 15, false, 0.1f, 42, 0));
    assertThatThrownBy(() -> new AlsConfig(0, 0.1f, 5, true, 0.1f, 1, 0))
        .hasMessageContaining("factors");
    assertThatThrownBy(() -> new AlsConfig(4, 0f, 5, true, 0.1f, 1, 0))
        .hasMessageContaining("regularization");
    assertThatThrownBy(() -> new AlsConfig(4, 0.1f, 0, true, 0.1f, 1, 0))
        .hasMessageContaining("iterations");
    assertThatThrownBy(() -> new AlsConfig(4, 0.1f, 5, true, Float.NaN, 1, 0))
        .hasMessageContaining("initStd");
    assertThatThrownBy(() -> new AlsConfig(4, 0.1f, 5, true, 0.1f, 1, -1))
        .hasMessageContaining("threads");
  }

  static double trainRmse(AlsModel m, Dataset d) {
    CsrMatrix r = d.matrix();
    double se = 0;
    for (int u = 0; u < r.rows(); u++) {
      for (int p = r.rowStart(u); p < r.rowEnd(u); p++) {
        double e = r.values()[p] - m.predict(u, r.colIdx()[p]);
        se += e * e;
      }
    }
    return Math.sqrt(se / r.nnz());
  }
}
