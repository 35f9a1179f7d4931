package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link EvalOptions#trainItemsOnly()} on MovieLens-100K under Liang et al.'s held-out-users
 * protocol (ratings >= 4, users with >= 5, {@code heldout-users:150:0.2:seen-items}, seed 42),
 * where 21 items have entries of held-out users only. Two scorers rank the train items in the same
 * order (popularity, personalised by a seeded per-(u, i) term; integer-valued so that every score
 * is exact in float): {@code plain} gives the 21 items the lowest score, {@code unseenFirst} gives
 * them 0 and every train item a negative score, as a model might whose unseen items have no
 * weights. Ranking only the train items must make the two indistinguishable.
 */
class TrainItemsOnlyTest {
  private static final String METRICS = "trecall@20,trecall@50,ndcg@100,auc,coverage@100";
  private static final int SHIFT = 1 << 23; // larger than any plain score, exact in float

  private static Split split;
  private static int[] pop;
  private static TestModels.Scorer plain;
  private static TestModels.Scorer unseenFirst;

  @BeforeAll
  static void load() throws IOException {
    Dataset d = MovieLens.load(SharedData.dir("ml-100k"), LoadOptions.defaults()).dataset();
    Dataset liang = Datasets.filterByCounts(d.implicit(4f), 5, 0);
    split = Splits.parse("heldout-users:150:0.2:seen-items").split(liang, 42).get(0);
    Dataset train = split.train();
    pop = train.matrix().colCounts();
    TestModels.Table base = (u, i) -> pop[i] == 0 ? -1
        : pop[i] * 1000 + (int) Math.floorMod(Seeds.mix(7L, (long) u * 1_000_003L + i), 1000L);
    plain = new TestModels.Scorer("plain", train, base);
    unseenFirst = new TestModels.Scorer("unseen-first", train,
        (u, i) -> pop[i] == 0 ? 0 : base.at(u, i) - SHIFT);
  }

  private static int unseenItems() {
    int n = 0;
    for (int c : pop) {
      n += c == 0 ? 1 : 0;
    }
    return n;
  }

  @Test
  void noItemWithoutATrainEntryIsInAnyTopKList() {
    assertThat(unseenItems()).isEqualTo(21);
    boolean[] mask = new boolean[pop.length];
    for (int i = 0; i < pop.length; i++) {
      mask[i] = pop[i] > 0;
    }
    CsrMatrix test = split.test().matrix();
    CsrMatrix history = split.history().matrix();
    FullRanking all = new FullRanking(pop.length, 100);
    FullRanking trainItems = new FullRanking(pop.length, 100, mask);
    int[] list = new int[100];
    int users = 0;
    for (int u = 0; u < test.rows(); u++) {
      if (test.rowLength(u) == 0) {
        continue;
      }
      users++;
      int n = all.rank(unseenFirst, u, history, list);
      assertThat(n).isEqualTo(100);
      for (int r = 0; r < 21; r++) {
        assertThat(pop[list[r]]).as("user %d rank %d without the mask", u, r).isZero();
      }
      n = trainItems.rank(unseenFirst, u, history, list);
      assertThat(n).isEqualTo(100);
      for (int r = 0; r < n; r++) {
        assertThat(pop[list[r]]).as("user %d rank %d with the mask", u, r).isPositive();
      }
    }
    assertThat(users).isEqualTo(150);
  }

  @Test
  void rankingOnlyTrainItemsRemovesTheAdvantageOfItemsNoTrainUserHas() {
    EvalOptions every = EvalOptions.of(METRICS).withThreads(2);
    assertThat(every.trainItemsOnly()).isFalse();
    EvalOptions trainItems = every.withTrainItemsOnly(true);

    Map<String, Double> plainAll = Evaluator.evaluate(plain, split, every).values();
    Map<String, Double> plainTrain = Evaluator.evaluate(plain, split, trainItems).values();
    Map<String, Double> firstAll = Evaluator.evaluate(unseenFirst, split, every).values();
    Map<String, Double> firstTrain = Evaluator.evaluate(unseenFirst, split, trainItems).values();

    // same order over the train items: identical figures once only they are ranked
    assertThat(firstTrain).isEqualTo(plainTrain);
    // without the option the 21 items take the top of every list: every figure drops
    for (String m : new String[] {"trecall@20", "trecall@50", "ndcg@100", "auc"}) {
      assertThat(firstAll.get(m)).as(m).isLessThan(plainAll.get(m));
    }
    assertThat(plainAll.get("ndcg@100")).isBetween(0.1, 0.5);
    // the plain scorer ranks the 21 items last: top-K figures are the same with or without it
    for (String m : new String[] {"trecall@20", "trecall@50", "ndcg@100"}) {
      assertThat(plainTrain.get(m)).as(m).isEqualTo(plainAll.get(m));
    }
    // but AUC no longer counts them as negatives every positive beats, and coverage's catalogue
    // is the 1,426 train items
    assertThat(plainTrain.get("auc")).isLessThan(plainAll.get("auc"));
    assertThat(plainTrain.get("coverage@100") * (pop.length - 21))
        .isCloseTo(plainAll.get("coverage@100") * pop.length,
            org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void sampledNegativesAreDrawnFromTrainItemsOnly() {
    EvalOptions every = EvalOptions.of("hitrate@10,ndcg@10,auc").withSampledNegatives(100)
        .withThreads(2);
    EvalOptions trainItems = every.withTrainItemsOnly(true);
    Map<String, Double> plainTrain = Evaluator.evaluate(plain, split, trainItems).values();
    Map<String, Double> firstTrain = Evaluator.evaluate(unseenFirst, split, trainItems).values();
    Map<String, Double> firstAll = Evaluator.evaluate(unseenFirst, split, every).values();
    assertThat(firstTrain).isEqualTo(plainTrain);
    assertThat(firstAll.get("auc")).isLessThan(firstTrain.get("auc"));

    boolean[] mask = new boolean[pop.length];
    boolean[] everyItem = new boolean[pop.length];
    for (int i = 0; i < pop.length; i++) {
      mask[i] = pop[i] > 0;
      everyItem[i] = true;
    }
    CsrMatrix test = split.test().matrix();
    CsrMatrix history = split.history().matrix();
    NegativeSampler masked = new NegativeSampler(pop.length, mask);
    NegativeSampler unmasked = new NegativeSampler(pop.length);
    NegativeSampler allTrue = new NegativeSampler(pop.length, everyItem);
    int[] a = new int[1000];
    int[] b = new int[1000];
    for (int u = 0; u < test.rows(); u++) {
      if (test.rowLength(u) == 0) {
        continue;
      }
      int eligible = masked.begin(u, 5, history, test);
      assertThat(eligible).isEqualTo(unmasked.begin(u, 5, history, test) - 21);
      allTrue.begin(u, 5, history, test);
      for (int n : new int[] {100, 1000}) { // sparse, then dense draws
        int m = masked.draw(n, a);
        assertThat(m).isEqualTo(Math.min(n, eligible));
        for (int j = 0; j < m; j++) {
          assertThat(pop[a[j]]).isPositive();
        }
        assertThat(allTrue.draw(n, b)).isEqualTo(unmasked.draw(n, a));
        assertThat(b).isEqualTo(a);
      }
    }
  }
}
