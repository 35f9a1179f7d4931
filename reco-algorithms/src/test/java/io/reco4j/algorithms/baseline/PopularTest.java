package io.reco4j.algorithms.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.RatingPredictor;
import io.reco4j.model.Trainer;
import io.reco4j.rank.TopN;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import org.junit.jupiter.api.Test;

class PopularTest extends ModelContractTest<PopularModel> {

  @Override
  protected Trainer<PopularModel> trainer(int threads, long seed) {
    return new PopularTrainer();
  }

  @Test
  void scoresAreInteractionCountsWhateverTheRatings() {
    // item 10: 3 ratings (low ones), item 20: 1 rating (a 5), item 30: 2 ratings
    Dataset d = TestData.ratings("tiny", new long[] {1, 2, 3, 1, 2, 3},
        new long[] {10, 10, 10, 20, 30, 30}, new float[] {1, 1, 2, 5, 3, 3});
    PopularModel m = new PopularTrainer().train(d);
    float[] scores = new float[3];
    m.scoreItems(0, scores);
    assertThat(scores).containsExactly(3f, 1f, 2f);
    TopN top = new TopN(3);
    top.offerAll(scores, null);
    assertThat(top.drain()).containsExactly(0, 2, 1);
    assertThat(m).isNotInstanceOf(RatingPredictor.class);
  }

  @Test
  void everyUserGetsTheSameScoresEqualToColumnCounts() {
    Dataset d = TestData.ratings();
    PopularModel m = new PopularTrainer().train(d);
    int[] counts = new int[d.itemCount()];
    CsrMatrix x = d.matrix();
    for (int p = 0; p < x.nnz(); p++) {
      counts[x.colIdx()[p]]++;
    }
    float[] a = new float[d.itemCount()];
    float[] b = new float[d.itemCount()];
    m.scoreItems(0, a);
    m.scoreItems(d.userCount() - 1, b);
    assertThat(b).containsExactly(a);
    for (int i = 0; i < counts.length; i++) {
      assertThat(a[i]).as("item %d", i).isEqualTo((float) counts[i]);
      assertThat(m.count(i)).isEqualTo(counts[i]);
    }
  }

  @Test
  void emptyTrainingDataScoresEveryItemZero() {
    Dataset d = TestData.ratings();
    PopularModel m = new PopularTrainer()
        .train(d.withMatrix("empty", CsrMatrix.empty(d.userCount(), d.itemCount())));
    float[] scores = new float[d.itemCount()];
    m.scoreItems(0, scores);
    assertThat(scores).containsOnly(0f);
  }
}
