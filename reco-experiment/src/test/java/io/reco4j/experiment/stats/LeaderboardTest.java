package io.reco4j.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.eval.PerUserValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeaderboardTest {
  private static final int N = 400;

  /** Per-user values around a shared per-user difficulty plus a model offset and seeded noise. */
  private static Map<String, PerUserValues> models(String metric, double... offsets) {
    double[] difficulty = new double[N];
    SplittableRandom base = new SplittableRandom(1);
    for (int j = 0; j < N; j++) {
      difficulty[j] = base.nextDouble();
    }
    int[] users = new int[N];
    double[] w = new double[N];
    for (int j = 0; j < N; j++) {
      users[j] = 2 * j;
      w[j] = 1;
    }
    Map<String, PerUserValues> m = new LinkedHashMap<>();
    for (int k = 0; k < offsets.length; k++) {
      SplittableRandom rng = new SplittableRandom(100 + k);
      double[] v = new double[N];
      for (int j = 0; j < N; j++) {
        v[j] = difficulty[j] + offsets[k] + 0.1 * (rng.nextDouble() - 0.5);
      }
      m.put("m" + k, new PerUserValues(metric, users, v, w));
    }
    return m;
  }

  @Test
  void modelsAreRankedBestFirstAndComparedWithTheBestUnderHolm() {
    Map<String, PerUserValues> m = models("ndcg@10", 0.0, 0.2, 0.199, 0.1);
    Leaderboard board = Leaderboard.compareAll("ndcg@10", m, null, Leaderboard.Options.defaults());
    assertThat(board.rows()).extracting(Leaderboard.Row::model)
        .containsExactly("m1", "m2", "m3", "m0");
    assertThat(board.reference()).isEqualTo("m1");
    assertThat(board.row("m1").mark()).isEqualTo("ref");
    assertThat(board.row("m1").adjustedP()).isNaN();
    // 0.001 apart with noise of sd 0.04 per user: not separable; 0.1 and 0.2 apart: clearly
    assertThat(board.row("m2").significant()).isFalse();
    assertThat(board.row("m2").mark()).isEmpty();
    assertThat(board.row("m3").mark()).isEqualTo("*");
    assertThat(board.row("m0").significant()).isTrue();
    assertThat(board.row("m0").vsReference().meanDifference()).isCloseTo(-0.2,
        org.assertj.core.data.Offset.offset(0.01));
    // the adjusted p-values are Holm over the raw t-test p-values of the three comparisons
    double[] raw = {board.row("m2").vsReference().tTestP(), board.row("m3").vsReference().tTestP(),
        board.row("m0").vsReference().tTestP()};
    double[] adj = Holm.adjust(raw);
    assertThat(board.row("m2").adjustedP()).isEqualTo(adj[0]);
    assertThat(board.row("m3").adjustedP()).isEqualTo(adj[1]);
    assertThat(board.row("m0").adjustedP()).isEqualTo(adj[2]);
    assertThat(board.row("m0").mean().contains(m.get("m0").mean())).isTrue();
  }

  @Test
  void aNamedBaselineIsTheReferenceAndErrorMetricsRankLowestFirst() {
    Map<String, PerUserValues> m = models("rmse", 0.3, 0.0, 0.1);
    Leaderboard board = Leaderboard.compareAll("rmse", m, "m0",
        Leaderboard.Options.defaults().withTest(Leaderboard.Test.WILCOXON));
    assertThat(board.higherIsBetter()).isFalse();
    assertThat(board.rows()).extracting(Leaderboard.Row::model).containsExactly("m1", "m2", "m0");
    assertThat(board.reference()).isEqualTo("m0");
    assertThat(board.row("m1").vsReference().nameB()).isEqualTo("m0");
    double[] adj = Holm.adjust(new double[] {board.row("m1").vsReference().wilcoxonP(),
        board.row("m2").vsReference().wilcoxonP()});
    assertThat(board.row("m1").adjustedP()).isEqualTo(adj[0]);
    assertThat(board.row("m2").significant()).isTrue();
  }

  @Test
  void badRequestsAreNamed() {
    Map<String, PerUserValues> m = models("ndcg@10", 0.0, 0.1);
    assertThatThrownBy(() -> Leaderboard.compareAll("ndcg@10", m, "ials",
        Leaderboard.Options.defaults())).hasMessageContaining("baseline 'ials'");
    assertThatThrownBy(() -> Leaderboard.compareAll("mrr@10", m, null,
        Leaderboard.Options.defaults())).hasMessageContaining("'ndcg@10', expected 'mrr@10'");
    assertThatThrownBy(() -> Leaderboard.compareAll("ndcg@10", Map.of("a", m.get("m0")), null,
        Leaderboard.Options.defaults())).hasMessageContaining("at least two models");
    Map<String, PerUserValues> uneven = new LinkedHashMap<>(m);
    uneven.put("short", new PerUserValues("ndcg@10", new int[] {0, 2}, new double[2],
        new double[] {1, 1}));
    assertThatThrownBy(() -> Leaderboard.compareAll("ndcg@10", uneven, "m0",
        Leaderboard.Options.defaults())).hasMessageContaining("398 users only in 'm0'");
  }
}
