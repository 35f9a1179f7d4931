package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.data.CsrMatrix;
import io.reco4j.split.Split;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SampledNegativesTest {
  @Property(tries = 60)
  void negativesAreNeverHistoryOrTestItemsAndAreDistinct(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 80) int n) {
    RandomProblem p = new RandomProblem(seed);
    CsrMatrix hist = p.split.history().matrix();
    CsrMatrix test = p.split.test().matrix();
    NegativeSampler sampler = new NegativeSampler(p.items);
    int[] out = new int[n];
    for (int u = 0; u < p.users; u++) {
      int eligible = sampler.begin(u, seed, hist, test);
      int expectedEligible = 0;
      for (int i = 0; i < p.items; i++) {
        if (!hist.contains(u, i) && !test.contains(u, i)) {
          expectedEligible++;
        }
      }
      assertThat(eligible).isEqualTo(expectedEligible);
      for (int draw = 0; draw < 3; draw++) {
        int m = sampler.draw(n, out);
        assertThat(m).isEqualTo(Math.min(n, eligible));
        for (int j = 0; j < m; j++) {
          assertThat(hist.contains(u, out[j]) || test.contains(u, out[j])).isFalse();
        }
        assertThat(Arrays.stream(out, 0, m).distinct().count()).isEqualTo(m);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameDrawsAndAnotherSeedOthers() {
    // a large catalogue exercises rejection sampling (n=10) and the dense pool (n=400)
    int items = 1000;
    CsrMatrix hist = CsrMatrix.fromCoordinates(1, items, new int[] {0, 0}, new int[] {3, 7},
        new float[] {1, 1}, null, io.reco4j.data.DuplicatePolicy.ERROR, 1);
    for (int n : new int[] {10, 400}) {
      int[] a = drawTwice(hist, 5L, n, items);
      int[] b = drawTwice(hist, 5L, n, items);
      int[] c = drawTwice(hist, 6L, n, items);
      assertThat(a).isEqualTo(b);
      assertThat(a).isNotEqualTo(c);
      assertThat(a).doesNotContain(3, 7);
    }
  }

  private static int[] drawTwice(CsrMatrix hist, long seed, int n, int items) {
    NegativeSampler s = new NegativeSampler(items);
    s.begin(0, seed, hist, null);
    int[] out = new int[2 * n];
    int[] tmp = new int[n];
    s.draw(n, tmp);
    System.arraycopy(tmp, 0, out, 0, n);
    s.draw(n, tmp);
    System.arraycopy(tmp, 0, out, n, n);
    return out;
  }

  /**
   * With N at least the number of eligible items every eligible item is a negative, so the
   * positive's rank is deterministic and can be computed naively: the number of eligible items
   * scoring higher, or equal with a smaller index.
   */
  @Property(tries = 60)
  void withAllEligibleItemsAsNegativesTheRankIsTheNaiveOne(@ForAll long seed,
      @ForAll boolean useThreshold) {
    RandomProblem p = new RandomProblem(seed);
    Split split = p.split;
    double threshold = useThreshold ? 3.0 : Double.NaN;
    EvaluationResult r = Evaluator.evaluate(p.model(), split,
        EvalOptions.of("hitrate@1,hitrate@5,ndcg@5,mrr@10,auc").withSampledNegatives(p.items)
            .withRelevanceThreshold(threshold).withThreads(3));
    CsrMatrix hist = split.history().matrix();
    CsrMatrix test = split.test().matrix();
    double hr1 = 0;
    double hr5 = 0;
    double ndcg5 = 0;
    double mrr10 = 0;
    double auc = 0;
    int positives = 0;
    int aucCount = 0;
    for (int u = 0; u < p.users; u++) {
      for (int q = test.rowStart(u); q < test.rowEnd(u); q++) {
        if (useThreshold && test.values()[q] < threshold) {
          continue;
        }
        int pos = test.colIdx()[q];
        float sp = p.scores[u][pos];
        int rank = 0;
        double wins = 0;
        int negatives = 0;
        for (int i = 0; i < p.items; i++) {
          if (hist.contains(u, i) || test.contains(u, i)) {
            continue;
          }
          negatives++;
          float s = p.scores[u][i];
          if (s > sp || (s == sp && i < pos)) {
            rank++;
          }
          wins += sp > s ? 1 : sp == s ? 0.5 : 0;
        }
        positives++;
        hr1 += rank < 1 ? 1 : 0;
        hr5 += rank < 5 ? 1 : 0;
        ndcg5 += rank < 5 ? 1 / (Math.log(rank + 2) / Math.log(2)) : 0;
        mrr10 += rank < 10 ? 1.0 / (rank + 1) : 0;
        if (negatives > 0) {
          auc += wins / negatives;
          aucCount++;
        }
      }
    }
    assertThat(r.rankedUnits()).isEqualTo(positives);
    if (positives == 0) {
      assertThat(r.values()).isEmpty();
      return;
    }
    assertThat(r.require("hitrate@1")).isCloseTo(hr1 / positives, within(1e-9));
    assertThat(r.require("hitrate@5")).isCloseTo(hr5 / positives, within(1e-9));
    assertThat(r.require("ndcg@5")).isCloseTo(ndcg5 / positives, within(1e-9));
    assertThat(r.require("mrr@10")).isCloseTo(mrr10 / positives, within(1e-9));
    if (aucCount > 0) {
      assertThat(r.require("auc")).isCloseTo(auc / aucCount, within(1e-9));
    }
  }

  @Property(tries = 30)
  void sampledEvaluationIsReproducibleAndThreadInvariant(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 20) int negatives) {
    RandomProblem p = new RandomProblem(seed);
    EvalOptions o = EvalOptions.of("hitrate@3,ndcg@3,auc").withSampledNegatives(negatives)
        .withSeed(seed);
    EvaluationResult one = Evaluator.evaluate(p.model(), p.split, o.withThreads(1));
    assertThat(Evaluator.evaluate(p.model(), p.split, o.withThreads(1))).isEqualTo(one);
    assertThat(Evaluator.evaluate(p.model(), p.split, o.withThreads(4))).isEqualTo(one);
  }
}
