package io.reco4j.algorithms.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Trainer;
import io.reco4j.rank.TopN;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import org.junit.jupiter.api.Test;

class GlobalMeanTest extends ModelContractTest<GlobalMeanModel> {

  @Override
  protected Trainer<GlobalMeanModel> trainer(int threads, long seed) {
    return new GlobalMeanTrainer();
  }

  @Test
  void predictsTheMeanTrainingRatingForEveryUserAndItem() {
    // ratings 5, 3, 4, 2 → μ = 14 / 4 = 3.5
    Dataset d = TestData.ratings("tiny", new long[] {1, 1, 2, 3}, new long[] {10, 20, 10, 30},
        new float[] {5, 3, 4, 2});
    GlobalMeanModel m = new GlobalMeanTrainer().train(d);
    assertThat(m.mean()).isEqualTo(3.5f);
    for (int u = 0; u < 3; u++) {
      for (int i = 0; i < 3; i++) {
        assertThat(m.predict(u, i)).isEqualTo(3.5f);
      }
    }
  }

  @Test
  void meanMatchesAPlainLoopOnSyntheticData() {
    Dataset d = TestData.ratings();
    double sum = 0;
    CsrMatrix m = d.matrix();
    for (int u = 0; u < d.userCount(); u++) {
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        sum += m.values()[p];
      }
    }
    assertThat(new GlobalMeanTrainer().train(d).mean()).isEqualTo((float) (sum / d.size()));
  }

  @Test
  void everyItemScoresTheSameSoTopNFallsBackToIndexOrder() {
    Dataset d = TestData.ratings();
    GlobalMeanModel m = new GlobalMeanTrainer().train(d);
    float[] scores = new float[d.itemCount()];
    m.scoreItems(3, scores);
    assertThat(scores).containsOnly(m.mean());
    TopN top = new TopN(5);
    top.offerAll(scores, null);
    assertThat(top.drain()).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void emptyTrainingDataIsRejected() {
    Dataset d = TestData.ratings();
    Dataset empty = d.withMatrix("empty", CsrMatrix.empty(d.userCount(), d.itemCount()));
    assertThatThrownBy(() -> new GlobalMeanTrainer().train(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no interactions");
  }
}
