package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.CsrMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FullRankingTest {
  @Test
  void historyItemsAreNeverRecommended() {
    for (long seed = 0; seed < 40; seed++) {
      RandomProblem p = new RandomProblem(seed);
      CsrMatrix hist = p.split.history().matrix();
      int k = 1 + new SplittableRandom(seed).nextInt(p.items + 3);
      FullRanking ranking = new FullRanking(p.items, k);
      // scores favour history items so that they would top every list if not excluded
      TestModels.Scorer cheater = new TestModels.Scorer("cheater", p.split.train(),
          (u, i) -> hist.contains(u, i) ? 100f + i : p.scores[u][i]);
      int[] out = new int[k];
      for (int u = 0; u < p.users; u++) {
        int n = ranking.rank(cheater, u, hist, out);
        assertThat(n).isEqualTo(Math.min(k, p.items - hist.rowLength(u)));
        for (int r = 0; r < n; r++) {
          assertThat(hist.contains(u, out[r])).as("user %d got history item %d", u, out[r])
              .isFalse();
        }
        int[] unique = Arrays.stream(out, 0, n).distinct().toArray();
        assertThat(unique).hasSize(n);
      }
    }
  }

  @Test
  void withoutExclusionTheBestScoresWinWithTiesByIndex() {
    var users = io.reco4j.data.IdIndex.identity("user", 1);
    var items = io.reco4j.data.IdIndex.identity("item", 12);
    var empty = TestModels.dataset("empty", users, items, new int[0], new int[0], null);
    TestModels.Scorer s = new TestModels.Scorer("s", empty, (u, i) -> i % 3);
    FullRanking ranking = new FullRanking(12, 4);
    int[] out = new int[4];
    // scores 0,1,2,0,1,2,…: the 2s come first, ties by ascending index
    assertThat(ranking.rank(s, 0, null, out)).isEqualTo(4);
    assertThat(out).containsExactly(2, 5, 8, 11);
  }
}
