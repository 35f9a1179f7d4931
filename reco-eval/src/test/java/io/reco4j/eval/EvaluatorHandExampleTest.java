package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.data.Dataset;
import io.reco4j.data.IdIndex;
import io.reco4j.split.Split;
import org.junit.jupiter.api.Test;

/**
 * A 3-user, 5-item example computed by hand.
 *
 * <pre>
 *   train: u0 {0, 1}   u1 {0}   u2 {0, 1, 4}     → pop = [3, 2, 0, 0, 1], 3 active users
 *   test:  u0 {2: 5★, 3: 2★}    u1 {1: 4★}       (u2 has no test entries)
 *   scores (same for every user): item 0: .1, 1: .5, 2: .3, 3: .4, 4: .2
 *   history excluded → u0 ranks 3, 2, 4    u1 ranks 1, 3, 2, 4
 *   threshold 4 → relevant u0 {2}, u1 {1}
 * </pre>
 */
class EvaluatorHandExampleTest {
  private static final float[] SCORES = {.1f, .5f, .3f, .4f, .2f};
  private static final IdIndex USERS = IdIndex.identity("user", 3);
  private static final IdIndex ITEMS = IdIndex.identity("item", 5);
  private static final Dataset TRAIN = TestModels.dataset("train", USERS, ITEMS,
      new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 0, 0, 1, 4}, new float[] {3, 3, 3, 3, 3, 3});
  private static final Dataset TEST = TestModels.dataset("test", USERS, ITEMS,
      new int[] {0, 0, 1}, new int[] {2, 3, 1}, new float[] {5, 2, 4});
  private static final Split SPLIT = TestModels.split(TRAIN, TEST);
  private static final TestModels.Scorer SCORER =
      new TestModels.Scorer("fixed", TRAIN, (u, i) -> SCORES[i]);

  @Test
  void rankingAndCatalogMetricsMatchTheHandComputation() {
    EvaluationResult r = Evaluator.evaluate(SCORER, SPLIT,
        EvalOptions.of("precision@2,recall@1,ndcg@3,map@3,mrr@3,hitrate@1,auc,coverage@1,"
            + "coverage@3,novelty@2,arp@2").withRelevanceThreshold(4.0));
    // u0 hits [F,T,F], u1 hits [T,F,F]
    assertThat(r.require("precision@2")).isEqualTo(0.5); // (1/2 + 1/2) / 2
    assertThat(r.require("recall@1")).isEqualTo(0.5); // (0 + 1) / 2
    // (1/log2(3) + 1) / 2 = (0.6309298 + 1) / 2
    assertThat(r.require("ndcg@3")).isCloseTo(0.8154649, within(1e-6));
    assertThat(r.require("map@3")).isEqualTo(0.75); // (P@2 = 0.5 for u0, 1 for u1) / 2
    assertThat(r.require("mrr@3")).isEqualTo(0.75); // (1/2 + 1) / 2
    assertThat(r.require("hitrate@1")).isEqualTo(0.5); // (0 + 1) / 2
    // u0: candidates {2,3,4}, positive 2 (.3) loses to 3 (.4) — a non-relevant test item — and
    // beats 4 (.2): 1/2; u1: positive 1 (.5) beats 2, 3, 4: 1; mean 0.75
    assertThat(r.require("auc")).isEqualTo(0.75);
    assertThat(r.require("coverage@1")).isEqualTo(0.4); // {3, 1} of 5 items
    assertThat(r.require("coverage@3")).isEqualTo(0.8); // {3, 2, 4} ∪ {1, 3, 2} = 4 of 5
    // u0 top-2 [3, 2]: pop 0, 0 → log2(3) bits each; u1 top-2 [1, 3]: -log2(2/3) and log2(3)
    // novelty = (1.5849625 + (0.5849625 + 1.5849625) / 2) / 2 = 1.3349625
    assertThat(r.require("novelty@2")).isCloseTo(1.3349625, within(1e-6));
    assertThat(r.require("arp@2")).isEqualTo(0.5); // ((0 + 0)/2 + (2 + 0)/2) / 2
    assertThat(r.rankedUnits()).isEqualTo(2);
    assertThat(r.absent()).isEmpty();
  }

  @Test
  void withoutThresholdEveryTestItemIsRelevant() {
    // relevant u0 {2, 3}: top-2 [3, 2] → P = 1, u1 {1}: [1, 3] → P = 1/2; mean 0.75
    EvaluationResult r = Evaluator.evaluate(SCORER, SPLIT, EvalOptions.of("precision@2"));
    assertThat(r.require("precision@2")).isEqualTo(0.75);
  }

  @Test
  void keepingHistoryLetsHistoryItemsCrowdTheList() {
    // u0 ranks 1 (.5, its train item), 3, 2 → top-2 [1, 3] holds no relevant item (threshold 4)
    // u1 ranks 1, 3 → 1/2; mean 0.25
    EvaluationResult r = Evaluator.evaluate(SCORER, SPLIT, EvalOptions.of("precision@2")
        .withRelevanceThreshold(4.0).withExcludeHistory(false));
    assertThat(r.require("precision@2")).isEqualTo(0.25);
  }

  @Test
  void ratingMetricsOfAConstantPredictor() {
    // predictions 3.5 vs ratings 5, 2, 4: errors -1.5, 1.5, -0.5
    // RMSE = sqrt((2.25 + 2.25 + 0.25) / 3) = 1.2583057; MAE = 3.5 / 3 = 1.1666667
    TestModels.Predictor p = new TestModels.Predictor("const", TRAIN, (u, i) -> 3.5f);
    EvaluationResult r = Evaluator.evaluate(p, SPLIT, EvalOptions.of("rmse,mae,ndcg@3"));
    assertThat(r.require("rmse")).isCloseTo(1.2583057, within(1e-6));
    assertThat(r.require("mae")).isCloseTo(1.1666667, within(1e-6));
    assertThat(r.ratedEntries()).isEqualTo(3);
    // a predictor cannot rank: the ranking metric is absent with a reason, not 0 or NaN
    assertThat(r.value("ndcg@3")).isEmpty();
    assertThat(r.absent()).containsEntry("ndcg@3", "model is not an ItemScorer");
  }

  @Test
  void metricsThatDoNotApplyAreAbsentWithAReason() {
    EvaluationResult r = Evaluator.evaluate(SCORER, SPLIT, EvalOptions.of("rmse,ndcg@3"));
    assertThat(r.values()).containsOnlyKeys("ndcg@3");
    assertThat(r.absent()).containsEntry("rmse", "model is not a RatingPredictor");
    // implicit test data has no ratings to predict
    TestModels.Both both = new TestModels.Both("both", TRAIN, (u, i) -> SCORES[i]);
    Split implicit = TestModels.split(TRAIN.implicit(Float.NaN), TEST.implicit(Float.NaN));
    assertThat(Evaluator.evaluate(both, implicit, EvalOptions.of("rmse")).absent())
        .containsEntry("rmse", "test data has no ratings");
    // a threshold nobody reaches leaves no relevant item
    EvaluationResult none = Evaluator.evaluate(SCORER, SPLIT, EvalOptions.of("ndcg@3")
        .withRelevanceThreshold(6.0));
    assertThat(none.absent()).containsEntry("ndcg@3", "no test user has a relevant item");
  }
}
