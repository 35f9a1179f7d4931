package io.reco4j.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.IdIndex;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Provenance;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecommenderTest {

  /** Scores from a fixed seeded table: score(u, i) depends only on (u, i). */
  record TableScorer(Dataset data, float[][] table) implements ItemScorer {
    @Override
    public void scoreItems(int u, float[] out) {
      System.arraycopy(table[u], 0, out, 0, table[u].length);
    }

    @Override
    public String algorithm() {
      return "table";
    }

    @Override
    public AlgorithmConfig config() {
      return new AlgorithmConfig() {};
    }

    @Override
    public Provenance provenance() {
      return null;
    }

    @Override
    public IdIndex users() {
      return data.users();
    }

    @Override
    public IdIndex items() {
      return data.items();
    }
  }

  static Dataset data(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 3000;
    long[] u = new long[n];
    long[] i = new long[n];
    for (int k = 0; k < n; k++) {
      u[k] = rnd.nextInt(60);
      i[k] = rnd.nextInt(400);
    }
    return Datasets.fromNumericIds("r", u, i, null, null, DuplicatePolicy.LAST, 1);
  }

  static TableScorer scorer(Dataset d, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[][] t = new float[d.userCount()][d.itemCount()];
    for (float[] row : t) {
      for (int i = 0; i < row.length; i++) {
        row[i] = rnd.nextInt(50); // ties on purpose
      }
    }
    return new TableScorer(d, t);
  }

  @Test
  void recommendKeepsTheBestUnseenItemsAsANaiveSortDoes() {
    Dataset d = data(1);
    TableScorer s = scorer(d, 2);
    Recommender rec = new Recommender(s, d.matrix());
    CsrMatrix m = d.matrix();
    for (int u = 0; u < d.userCount(); u++) {
      BitSet seen = new BitSet();
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        seen.set(m.colIdx()[p]);
      }
      int[] want = TopNTest.naive(s.table()[u], seen, 10);
      float[] scores = new float[10];
      int[] got = rec.recommend(u, 10, scores);
      assertThat(got).containsExactly(want);
      for (int r = 0; r < got.length; r++) {
        assertThat(scores[r]).isEqualTo(s.table()[u][got[r]]);
        assertThat(seen.get(got[r])).isFalse();
      }
    }
  }

  @Test
  void recommendAllMatchesOneByOneForAnyThreadCount() {
    Dataset d = data(3);
    Recommender rec = new Recommender(scorer(d, 4), d.matrix());
    int[] users = IntStream.range(0, d.userCount()).toArray();
    int[][] one = rec.recommendAll(users, 7, 1);
    int[][] two = rec.recommendAll(users, 7, 2);
    int[][] four = rec.recommendAll(users, 7, 4);
    for (int j = 0; j < users.length; j++) {
      int[] single = rec.recommend(users[j], 7, null);
      assertThat(one[j]).containsExactly(single);
      assertThat(two[j]).containsExactly(single);
      assertThat(four[j]).containsExactly(single);
    }
  }

  @Test
  void withoutAnExclusionMatrixSeenItemsMayBeRecommended() {
    Dataset d = data(5);
    TableScorer s = scorer(d, 6);
    int[] got = new Recommender(s, null).recommend(0, 5, null);
    assertThat(got).containsExactly(TopNTest.naive(s.table()[0], new BitSet(), 5));
  }
}
