package io.reco4j.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.Evaluator;
import io.reco4j.eval.PerUserValues;
import io.reco4j.model.Model;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on MovieLens-100K, implicit, split user:0.2 with seed 42: per-user NDCG@10 of iALS
 * (default config) against popularity, and iALS against itself trained from another seed.
 */
class MovieLens100kSignificanceTest {
  private static Split split;
  private static PerUserValues ials;
  private static PerUserValues ialsOtherSeed;
  private static PerUserValues popular;

  private static PerUserValues ndcg(String algorithm, Map<String, String> params) {
    Model m = Algorithms.trainer(algorithm, params).train(split.train());
    return Evaluator.evaluate(m, split, EvalOptions.of("ndcg@10").withPerUser(true))
        .requirePerUser("ndcg@10");
  }

  @BeforeAll
  static void train() throws IOException {
    Dataset d = MovieLens.load(SharedData.dir("ml-100k"), LoadOptions.defaults()).dataset()
        .implicit(Float.NaN);
    split = Splits.parse("user:0.2").split(d, 42).get(0);
    ials = ndcg("ials", Map.of("seed", "42"));
    ialsOtherSeed = ndcg("ials", Map.of("seed", "7"));
    popular = ndcg("popular", Map.of());
  }

  @Test
  void ialsIsSignificantlyBetterThanPopularity() {
    PairedComparison c = PairedComparison.of("ials", ials, "popular", popular);
    System.out.printf("ials %.4f vs popular %.4f over %d users: diff %.4f [%.4f, %.4f], "
        + "t p=%.3g, wilcoxon p=%.3g%n", c.meanA(), c.meanB(), c.users(), c.meanDifference(),
        c.difference().lower(), c.difference().upper(), c.tTestP(), c.wilcoxonP());
    assertThat(c.users()).isGreaterThan(900);
    assertThat(c.meanDifference()).isPositive();
    assertThat(c.tTestP()).isLessThan(1e-6);
    assertThat(c.wilcoxonP()).isLessThan(1e-6);
    assertThat(c.difference().lower()).isGreaterThan(0);
  }

  @Test
  void ialsIsNotSignificantlyDifferentFromItselfWithAnotherSeed() {
    PairedComparison c = PairedComparison.of("ials", ials, "ials-seed7", ialsOtherSeed);
    System.out.printf("ials seed 42 %.4f vs seed 7 %.4f: diff %.4f [%.4f, %.4f], t p=%.3g, "
        + "wilcoxon p=%.3g, %d equal users%n", c.meanA(), c.meanB(), c.meanDifference(),
        c.difference().lower(), c.difference().upper(), c.tTestP(), c.wilcoxonP(),
        c.zeroDifferences());
    assertThat(c.tTestP()).isGreaterThan(0.01);
    assertThat(c.wilcoxonP()).isGreaterThan(0.01);
    assertThat(c.difference().contains(0)).isTrue();
  }

  @Test
  void theLeaderboardPutsIalsFirstAndMarksOnlyPopularity() {
    Map<String, PerUserValues> models = new LinkedHashMap<>();
    models.put("popular", popular);
    models.put("ials", ials);
    models.put("ials-seed7", ialsOtherSeed);
    Leaderboard board = Leaderboard.compareAll("ndcg@10", models, "ials",
        Leaderboard.Options.defaults());
    for (Leaderboard.Row r : board.rows()) {
      System.out.printf("%-11s %.4f ± %.4f %s adj p=%.3g%n", r.model(), r.mean().estimate(),
          r.mean().halfWidth(), r.mark(), r.adjustedP());
    }
    assertThat(board.rows().get(board.rows().size() - 1).model()).isEqualTo("popular");
    assertThat(board.row("popular").mark()).isEqualTo("*");
    assertThat(board.row("ials-seed7").mark()).isEmpty();
    assertThat(board.row("ials").mark()).isEqualTo("ref");
  }
}
