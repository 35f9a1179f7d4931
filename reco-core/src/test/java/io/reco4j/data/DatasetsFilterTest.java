package io.reco4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link Datasets#filterByCounts}: a hand example and a naive reference on seeded random data. */
class DatasetsFilterTest {

  /**
   * Users 10, 20, 30, 40; items 100, 200, 300, 400. Entries (user: items):
   * 10: 100 200 300 | 20: 100 200 | 30: 100 400 | 40: (none).
   */
  private static Dataset hand() {
    long[] u = {10, 10, 10, 20, 20, 30, 30};
    long[] i = {100, 200, 300, 100, 200, 100, 400};
    float[] r = {5, 4, 3, 2, 1, 4, 5};
    long[] t = {1, 2, 3, 4, 5, 6, 7};
    Dataset d = Datasets.fromNumericIds("hand", u, i, r, t, DuplicatePolicy.ERROR, 1);
    // add user 40 without entries, as Dataset#implicit leaves users whose ratings were dropped
    IdIndex users = IdIndex.ofNumeric("user", new long[] {10, 20, 30, 40});
    int[] ptr = {0, 3, 5, 7, 7};
    CsrMatrix m = d.matrix();
    return new Dataset("hand", users, d.items(),
        new CsrMatrix(4, 4, ptr, m.colIdx(), m.values(), m.timestamps()), true, null);
  }

  @Test
  void itemsAreFilteredFirstThenUsersAndEmptyOnesLeaveTheIndex() {
    // items with >= 2 entries: 100 (3), 200 (2); 300 and 400 go. Remaining per user: 10 → 2,
    // 20 → 2, 30 → 1. Users with >= 2: 10, 20. Item 100 keeps 2 entries, 200 keeps 2.
    Dataset f = Datasets.filterByCounts(hand(), 2, 2);
    assertThat(f.users().stringIds()).containsExactly("10", "20");
    assertThat(f.items().stringIds()).containsExactly("100", "200");
    assertThat(f.size()).isEqualTo(4);
    assertThat(f.matrix().get(0, 0)).isEqualTo(5f); // (10, 100)
    assertThat(f.matrix().get(1, 1)).isEqualTo(1f); // (20, 200)
    assertThat(f.matrix().timestamps().get(3)).isEqualTo(5L);
    assertThat(f.explicit()).isTrue();
    assertThat(f.name()).isEqualTo("hand");
  }

  @Test
  void oneStepDoesNotIterateToAFixedPoint() {
    // users >= 3 only: user 10 stays with items 100, 200, 300; item 400 (only user 30) leaves.
    // Items are not filtered again, so 200 and 300 stay with one entry each.
    Dataset f = Datasets.filterByCounts(hand(), 3, 0);
    assertThat(f.users().stringIds()).containsExactly("10");
    assertThat(f.items().stringIds()).containsExactly("100", "200", "300");
  }

  @Test
  void zeroCountsOnlyRemoveEmptyUsersAndItems() {
    Dataset f = Datasets.filterByCounts(hand(), 0, 0);
    assertThat(f.users().stringIds()).containsExactly("10", "20", "30");
    assertThat(f.items().size()).isEqualTo(4);
    assertThat(f.size()).isEqualTo(7);
  }

  @Test
  void negativeCountsAreRejected() {
    assertThatThrownBy(() -> Datasets.filterByCounts(hand(), -1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
  }

  @Test
  void matchesANaiveReferenceOnSeededRandomData() {
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = rnd.nextInt(0, 300);
      String[] u = new String[n];
      String[] i = new String[n];
      float[] r = new float[n];
      for (int k = 0; k < n; k++) {
        u[k] = "u" + rnd.nextInt(30);
        i[k] = "i" + rnd.nextInt(25);
        r[k] = k;
      }
      Dataset d = Datasets.fromStringIds("rnd", u, i, r, null, DuplicatePolicy.LAST, 1);
      int minUser = rnd.nextInt(0, 12);
      int minItem = rnd.nextInt(0, 12);
      Dataset f = Datasets.filterByCounts(d, minUser, minItem);
      assertThat(entries(f)).as("seed %d", seed).isEqualTo(naive(d, minUser, minItem));
      // the index spaces hold exactly the users and items with entries
      assertThat(f.matrix().colCounts()).as("seed %d", seed).doesNotContain(0);
      for (int row = 0; row < f.userCount(); row++) {
        assertThat(f.matrix().rowLength(row)).isPositive();
      }
    }
  }

  /** "user item" → value, by external ids. */
  private static TreeMap<String, Float> entries(Dataset d) {
    TreeMap<String, Float> out = new TreeMap<>();
    CsrMatrix m = d.matrix();
    for (int row = 0; row < m.rows(); row++) {
      for (int p = m.rowStart(row); p < m.rowEnd(row); p++) {
        out.put(d.users().idOf(row) + " " + d.items().idOf(m.colIdx()[p]), m.values()[p]);
      }
    }
    return out;
  }

  private static TreeMap<String, Float> naive(Dataset d, int minUser, int minItem) {
    TreeMap<String, Float> all = entries(d);
    TreeMap<String, Integer> itemCounts = new TreeMap<>();
    all.keySet().forEach(k -> itemCounts.merge(k.split(" ")[1], 1, Integer::sum));
    List<String> afterItems = new ArrayList<>();
    for (String k : all.keySet()) {
      if (itemCounts.get(k.split(" ")[1]) >= minItem) {
        afterItems.add(k);
      }
    }
    TreeMap<String, Integer> userCounts = new TreeMap<>();
    afterItems.forEach(k -> userCounts.merge(k.split(" ")[0], 1, Integer::sum));
    TreeMap<String, Float> out = new TreeMap<>();
    TreeSet<String> keep = new TreeSet<>();
    userCounts.forEach((user, c) -> {
      if (c >= minUser) {
        keep.add(user);
      }
    });
    for (String k : afterItems) {
      if (keep.contains(k.split(" ")[0])) {
        out.put(k, all.get(k));
      }
    }
    return out;
  }
}
