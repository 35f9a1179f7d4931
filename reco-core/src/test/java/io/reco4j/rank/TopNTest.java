package io.reco4j.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TopNTest {

  /** The reference: sort all non-excluded, non-NaN indices by (score desc, index asc). */
  static int[] naive(float[] scores, BitSet excluded, int k) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (!excluded.get(i) && !Float.isNaN(scores[i])) {
        idx.add(i);
      }
    }
    idx.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
    return idx.stream().limit(k).mapToInt(Integer::intValue).toArray();
  }

  @Property(tries = 300)
  void keepsTheSameItemsAsAFullSort(@ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 0, max = 50) int k, @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      // few distinct values so that ties are common; some NaN
      scores[i] = rnd.nextInt(20) == 0 ? Float.NaN : rnd.nextInt(8) - 4;
    }
    int[] excl = IntStream.range(0, n).filter(i -> rnd.nextInt(4) == 0).toArray();
    BitSet bits = new BitSet();
    for (int e : excl) {
      bits.set(e);
    }
    int[] want = naive(scores, bits, k);

    TopN a = new TopN(k);
    a.offerAllExcept(scores, excl, 0, excl.length);
    assertThat(a.drain()).containsExactly(want);

    TopN b = new TopN(k);
    b.offerAll(scores, bits);
    assertThat(b.drain()).containsExactly(want);

    TopN c = new TopN(k);
    for (int i = n - 1; i >= 0; i--) { // reverse order: the result must not depend on it
      if (!bits.get(i)) {
        c.offer(i, scores[i]);
      }
    }
    assertThat(c.drain()).containsExactly(want);
  }

  @Test
  void aHandExampleReturnsBestFirstWithTiesByLowerIndex() {
    float[] s = {0.5f, 2f, 2f, -1f, 3f, Float.NaN, 2f};
    TopN top = new TopN(3);
    top.offerAllExcept(s, new int[] {4}, 0, 1); // item 4 (the best) is excluded
    int[] items = new int[3];
    float[] scores = new float[3];
    assertThat(top.drainTo(items, scores)).isEqualTo(3);
    assertThat(items).containsExactly(1, 2, 6);
    assertThat(scores).containsExactly(2f, 2f, 2f);
    assertThat(top.size()).isZero();
  }

  @Test
  void excludedSegmentsOfARowAreHonoured() {
    float[] s = {5, 4, 3, 2, 1};
    int[] row = {99, 0, 2, 77}; // the user's items are positions 1..2 of a CSR row: items 0 and 2
    TopN top = new TopN(2);
    top.offerAllExcept(s, row, 1, 3);
    assertThat(top.drain()).containsExactly(1, 3);
  }
}
