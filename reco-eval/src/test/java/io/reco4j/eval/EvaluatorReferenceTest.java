package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The evaluator against {@link NaiveReference} on seeded random problems. */
class EvaluatorReferenceTest {
  private static final String ALL = "rmse,mae,precision@1,precision@5,recall@3,recall@10,trecall@2,trecall@10,ndcg@1,"
      + "ndcg@4,ndcg@10,map@3,map@10,mrr@2,mrr@10,hitrate@1,hitrate@5,auc,coverage@1,coverage@5,"
      + "novelty@3,arp@3,arp@70";

  @Property(tries = 80)
  void fullRankingMatchesTheNaiveReference(@ForAll long seed, @ForAll boolean excludeHistory,
      @ForAll boolean useThreshold, @ForAll @IntRange(min = 1, max = 4) int threads) {
    RandomProblem problem = new RandomProblem(seed);
    double threshold = useThreshold ? 4.0 : Double.NaN;
    EvalOptions options = EvalOptions.of(ALL).withThreads(threads)
        .withExcludeHistory(excludeHistory).withRelevanceThreshold(threshold);
    EvaluationResult actual = Evaluator.evaluate(problem.model(), problem.split, options);
    Map<String, Double> expected = NaiveReference.evaluate(problem.model(), problem.split,
        options.resolvedMetrics(), excludeHistory, threshold);

    assertThat(actual.values().keySet()).containsExactlyElementsOf(expected.keySet());
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      assertThat(actual.values().get(e.getKey())).as(e.getKey())
          .isCloseTo(e.getValue(), within(1e-9));
    }
    // every requested metric is either valued or absent with a reason
    assertThat(actual.values().size() + actual.absent().size())
        .isEqualTo(options.resolvedMetrics().size());
  }

  @Property(tries = 30)
  void resultsAreBitIdenticalForAnyThreadCount(@ForAll long seed) {
    RandomProblem problem = new RandomProblem(seed);
    EvalOptions options = EvalOptions.of(ALL);
    EvaluationResult one = Evaluator.evaluate(problem.model(), problem.split,
        options.withThreads(1));
    for (int t : List.of(2, 3, 4, 7)) {
      EvaluationResult many = Evaluator.evaluate(problem.model(), problem.split,
          options.withThreads(t));
      assertThat(many).isEqualTo(one);
    }
  }
}
