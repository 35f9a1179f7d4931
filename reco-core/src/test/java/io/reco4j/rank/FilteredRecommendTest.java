package io.reco4j.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.IdIndex;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.FoldIn;
import io.reco4j.model.Provenance;
import java.util.BitSet;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The filtered forms of {@link Recommender} against a naive reference: sort every item that is
 * neither seen, nor excluded, nor outside the allow-list, by (score desc, index asc).
 */
class FilteredRecommendTest {

  /**
   * A fold-in scorer from a seeded table: a history scores item i as Σ value · table[j][i] over
   * its items j (so ties and negative scores happen); a dense user scores its own table row.
   */
  record TableFoldIn(Dataset data, float[][] table) implements FoldIn {
    @Override
    public void scoreItems(int u, float[] out) {
      System.arraycopy(table[u % table.length], 0, out, 0, data.itemCount());
    }

    @Override
    public void scoreItemsForHistory(int[] items, float[] values, float[] out) {
      java.util.Arrays.fill(out, 0, data.itemCount(), 0f);
      for (int k = 0; k < items.length; k++) {
        float[] row = table[items[k] % table.length];
        for (int i = 0; i < data.itemCount(); i++) {
          out[i] += values[k] * row[i];
        }
      }
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

  static TableFoldIn model(Dataset d, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[][] t = new float[Math.max(d.userCount(), d.itemCount())][d.itemCount()];
    for (float[] row : t) {
      for (int i = 0; i < row.length; i++) {
        row[i] = rnd.nextInt(30) - 10; // ties on purpose
      }
    }
    return new TableFoldIn(d, t);
  }

  static BitSet randomBits(SplittableRandom rnd, int n, int oneIn) {
    BitSet b = new BitSet();
    for (int i = 0; i < n; i++) {
      if (rnd.nextInt(oneIn) == 0) {
        b.set(i);
      }
    }
    return b;
  }

  static int[] toArray(BitSet b) {
    return b.stream().toArray();
  }

  @Property(tries = 200)
  void aDenseUserGetsTheBestItemsThatPassEveryFilter(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 40) int k, @ForAll boolean withAllowList) {
    Dataset d = RecommenderTest.data(seed);
    TableFoldIn m = model(d, seed + 1);
    SplittableRandom rnd = new SplittableRandom(seed + 2);
    int u = rnd.nextInt(d.userCount());
    int n = d.itemCount();
    BitSet extra = randomBits(rnd, n, 7);
    BitSet allowed = withAllowList ? randomBits(rnd, n, 3) : null;
    CsrMatrix x = d.matrix();

    BitSet out = (BitSet) extra.clone();
    for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
      out.set(x.colIdx()[p]);
    }
    if (allowed != null) {
      BitSet notAllowed = new BitSet();
      notAllowed.set(0, n);
      notAllowed.andNot(allowed);
      out.or(notAllowed);
    }
    float[] scores = new float[n];
    m.scoreItems(u, scores);
    int[] want = TopNTest.naive(scores, out, k);

    // the extra exclusions in a shuffled order with a duplicate: order must not matter
    int[] extraArr = shuffledWithDuplicate(toArray(extra), rnd);
    float[] gotScores = new float[k];
    int[] got = new Recommender(m, x).recommend(u, k, extraArr, allowed, gotScores);
    assertThat(got).containsExactly(want);
    for (int r = 0; r < got.length; r++) {
      assertThat(gotScores[r]).isEqualTo(scores[got[r]]);
    }
  }

  @Property(tries = 200)
  void aHistoryGetsTheBestItemsThatPassEveryFilter(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 40) int k, @ForAll boolean excludeHistory,
      @ForAll boolean withAllowList) {
    Dataset d = RecommenderTest.data(seed);
    TableFoldIn m = model(d, seed + 1);
    SplittableRandom rnd = new SplittableRandom(seed + 2);
    int n = d.itemCount();
    BitSet hist = randomBits(rnd, n, 15);
    int[] items = toArray(hist);
    float[] values = new float[items.length];
    for (int j = 0; j < values.length; j++) {
      values[j] = 1 + rnd.nextInt(5);
    }
    BitSet extra = randomBits(rnd, n, 9);
    BitSet allowed = withAllowList ? randomBits(rnd, n, 2) : null;

    BitSet out = (BitSet) extra.clone();
    if (excludeHistory) {
      out.or(hist);
    }
    if (allowed != null) {
      for (int i = 0; i < n; i++) {
        if (!allowed.get(i)) {
          out.set(i);
        }
      }
    }
    float[] scores = new float[n];
    m.scoreItemsForHistory(items, values, scores);
    int[] want = TopNTest.naive(scores, out, k);

    // an exclusion matrix is ignored for a history
    int[] got = new Recommender(m, d.matrix()).recommendForHistory(items, values, k,
        excludeHistory, toArray(extra), allowed, null);
    assertThat(got).containsExactly(want);
  }

  static int[] shuffledWithDuplicate(int[] a, SplittableRandom rnd) {
    int[] b = java.util.Arrays.copyOf(a, a.length + (a.length > 0 ? 1 : 0));
    if (a.length > 0) {
      b[a.length] = a[rnd.nextInt(a.length)];
    }
    for (int i = b.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
    return b;
  }

  @Test
  void anAllowListOfOneItemReturnsAtMostThatItem() {
    Dataset d = RecommenderTest.data(11);
    TableFoldIn m = model(d, 12);
    BitSet allowed = new BitSet();
    allowed.set(d.itemCount() - 1);
    int[] got = new Recommender(m, null).recommendForHistory(new int[] {0}, new float[] {1f}, 10,
        true, null, allowed, null);
    assertThat(got).containsExactly(d.itemCount() - 1);
  }

  @Test
  void anExcludedIndexOutsideTheItemSpaceIsRejectedNotIgnored() {
    Dataset d = RecommenderTest.data(13);
    Recommender rec = new Recommender(model(d, 14), null);
    assertThatThrownBy(() -> rec.recommend(0, 5, new int[] {d.itemCount()}, null, null))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining(String.valueOf(d.itemCount()));
  }

  @Test
  void aModelWithoutFoldInSaysSoWhenAskedForAHistory() {
    Dataset d = RecommenderTest.data(15);
    Recommender rec = new Recommender(RecommenderTest.scorer(d, 16), null);
    assertThat(rec.canFoldIn()).isFalse();
    assertThatThrownBy(() -> rec.recommendForHistory(new int[0], new float[0], 5, true, null,
        null, null)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("table");
  }
}
