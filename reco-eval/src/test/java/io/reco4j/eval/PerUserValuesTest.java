package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-user metric values on MovieLens-100K (explicit, user:0.2, seed 42), scored by a model that is
 * both a rating predictor and an item scorer: the item's mean training rating plus seeded per-(u, i)
 * noise, so that every user gets a different list.
 */
class PerUserValuesTest {
  private static Split split;
  private static TestModels.Both model;

  @BeforeAll
  static void load() throws IOException {
    Dataset d = MovieLens.load(SharedData.dir("ml-100k"), LoadOptions.defaults()).dataset();
    split = Splits.parse("user:0.2").split(d, 42).get(0);
    Dataset train = split.train();
    int[] col = train.matrix().colIdx();
    float[] val = train.matrix().values();
    double[] sum = new double[train.itemCount()];
    int[] n = new int[train.itemCount()];
    for (int p = 0; p < col.length; p++) {
      sum[col[p]] += val[p];
      n[col[p]]++;
    }
    model = new TestModels.Both("item-mean+noise", train, (u, i) -> {
      double mean = n[i] == 0 ? 3.0 : (sum[i] + 3.0) / (n[i] + 1);
      return (float) (mean + 0.5 * new SplittableRandom(Seeds.mix(7, (long) u * 1_000_003L + i))
          .nextDouble());
    });
  }

  @Test
  void theWeightedMeanOfThePerUserValuesIsTheReportedValueForEveryMetric() {
    EvaluationResult r = Evaluator.evaluate(model, split, EvalOptions.defaults().withPerUser(true));
    assertThat(r.values().keySet()).contains("rmse", "mae", "ndcg@10", "auc", "novelty@10",
        "coverage@10");
    for (String metric : r.values().keySet()) {
      if (metric.startsWith("coverage")) {
        assertThat(r.perUser()).doesNotContainKey(metric);
        continue;
      }
      PerUserValues p = r.requirePerUser(metric);
      assertThat(p.reported()).as(metric).isCloseTo(r.require(metric),
          org.assertj.core.data.Offset.offset(1e-12));
      assertThat(p.size()).as(metric).isPositive();
      if (!metric.equals("rmse") && !metric.equals("mae")) {
        // full ranking: one unit per user, so the plain mean is the metric
        assertThat(p.mean()).as(metric).isCloseTo(r.require(metric),
            org.assertj.core.data.Offset.offset(1e-12));
      }
    }
    assertThat(r.requirePerUser("ndcg@10").size()).isEqualTo((int) r.rankedUnits());
    double rated = 0;
    for (double w : r.requirePerUser("rmse").weights()) {
      rated += w;
    }
    assertThat(rated).isEqualTo(r.ratedEntries());
    int[] users = r.requirePerUser("mae").users();
    for (int j = 1; j < users.length; j++) {
      assertThat(users[j]).isGreaterThan(users[j - 1]);
    }
  }

  @Test
  void underSampledNegativesTheWeightsAreTheUsersPositives() {
    EvaluationResult r = Evaluator.evaluate(model, split,
        EvalOptions.of("ndcg@10,hitrate@10,auc").withSampledNegatives(100).withPerUser(true));
    for (String metric : r.values().keySet()) {
      PerUserValues p = r.requirePerUser(metric);
      assertThat(p.reported()).as(metric).isCloseTo(r.require(metric),
          org.assertj.core.data.Offset.offset(1e-12));
    }
    double units = 0;
    for (double w : r.requirePerUser("ndcg@10").weights()) {
      units += w;
    }
    assertThat(units).isEqualTo(r.rankedUnits());
  }

  @Test
  void perUserValuesAreBitIdenticalForAnyThreadCountAndLeaveTheMetricsUnchanged() {
    EvalOptions o = EvalOptions.defaults().withPerUser(true);
    EvaluationResult one = Evaluator.evaluate(model, split, o.withThreads(1));
    EvaluationResult four = Evaluator.evaluate(model, split, o.withThreads(4));
    assertThat(four.perUser()).isEqualTo(one.perUser());
    assertThat(four.values()).isEqualTo(one.values());
    EvaluationResult plain = Evaluator.evaluate(model, split, EvalOptions.defaults().withThreads(3));
    assertThat(plain.values()).isEqualTo(one.values());
    assertThat(plain.perUser()).isEmpty();
    assertThatThrownBy(() -> plain.requirePerUser("ndcg@10"))
        .hasMessageContaining("ndcg@10").hasMessageContaining("withPerUser(true)");
  }

  @Test
  void theOldConstructorsStillWork() {
    EvalOptions o = new EvalOptions(java.util.List.of("ndcg@10"), java.util.List.of(), 1, true,
        Double.NaN, 0, 42L);
    assertThat(o.perUser()).isFalse();
    assertThat(o.withPerUser(true).withSeed(3).perUser()).isTrue();
    EvaluationResult r = new EvaluationResult(java.util.Map.of("x", 1.0), java.util.Map.of(), 1, 0);
    assertThat(r.perUser()).isEmpty();
  }
}
