package io.reco4j.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.Timestamps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Seeded random datasets, a boxed entry view and naive reference splits for the split tests. */
final class SplitFixtures {
  private SplitFixtures() {}

  /** One stored entry, boxed: (user index, item index, value, timestamp or MIN_VALUE). */
  record Entry(int u, int i, float value, long ts) {}

  static final Comparator<Entry> BY_TIME_USER_ITEM =
      Comparator.comparingLong(Entry::ts).thenComparingInt(Entry::u).thenComparingInt(Entry::i);

  /**
   * A small random dataset built through {@link Datasets#fromNumericIds}: up to 25 users and 30
   * items with sparse, non-contiguous ids, row lengths from 0 to all items, ratings 1–5 in halves,
   * and timestamps drawn from a few values (many ties) or, sometimes, from a range wider than an
   * int (wide storage).
   */
  static Dataset randomDataset(long seed, boolean withTimes) {
    SplittableRandom r = new SplittableRandom(seed);
    int users = 1 + r.nextInt(25);
    int items = 1 + r.nextInt(30);
    long[] stamps = new long[1 + r.nextInt(r.nextBoolean() ? 4 : 200)];
    boolean wide = r.nextInt(4) == 0;
    for (int k = 0; k < stamps.length; k++) {
      stamps[k] = wide ? r.nextLong(-(1L << 40), 1L << 40) : 800_000_000L + r.nextInt(1_000_000);
    }
    List<long[]> rows = new ArrayList<>();
    List<Float> ratings = new ArrayList<>();
    int[] itemOrder = new int[items];
    for (int u = 0; u < users; u++) {
      int n = switch (r.nextInt(4)) {
        case 0 -> Math.min(items, r.nextInt(3)); // 0, 1 or 2 entries: edge cases
        default -> r.nextInt(items + 1);
      };
      for (int k = 0; k < items; k++) {
        itemOrder[k] = k;
      }
      for (int k = 0; k < n; k++) {
        int j = k + r.nextInt(items - k);
        int t = itemOrder[k];
        itemOrder[k] = itemOrder[j];
        itemOrder[j] = t;
        rows.add(new long[] {10 + 3L * u, 1000 + 7L * itemOrder[k], stamps[r.nextInt(stamps.length)]});
        ratings.add(0.5f * (2 + r.nextInt(9)));
      }
    }
    int nnz = rows.size();
    long[] userIds = new long[nnz];
    long[] itemIds = new long[nnz];
    long[] times = new long[nnz];
    float[] values = new float[nnz];
    for (int k = 0; k < nnz; k++) {
      userIds[k] = rows.get(k)[0];
      itemIds[k] = rows.get(k)[1];
      times[k] = rows.get(k)[2];
      values[k] = ratings.get(k);
    }
    return Datasets.fromNumericIds("rnd" + seed, userIds, itemIds, values,
        withTimes ? times : null, DuplicatePolicy.ERROR, 1);
  }

  /** Every stored entry of a dataset, boxed. */
  static List<Entry> entries(Dataset d) {
    CsrMatrix m = d.matrix();
    Timestamps ts = m.timestamps();
    List<Entry> out = new ArrayList<>(m.nnz());
    for (int u = 0; u < m.rows(); u++) {
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        out.add(new Entry(u, m.colIdx()[p], m.values()[p], ts == null ? Long.MIN_VALUE : ts.get(p)));
      }
    }
    return out;
  }

  static Set<Entry> entrySet(Dataset d) {
    return d == null ? Set.of() : new HashSet<>(entries(d));
  }

  /** Per user index, that user's entries in row order. */
  static Map<Integer, List<Entry>> byUser(Dataset d) {
    Map<Integer, List<Entry>> out = new TreeMap<>();
    for (Entry e : entries(d)) {
      out.computeIfAbsent(e.u(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  /** Per user index, the number of that user's entries in a part. */
  static Map<Integer, Integer> countByUser(Dataset d) {
    Map<Integer, Integer> out = new TreeMap<>();
    if (d != null) {
      for (Entry e : entries(d)) {
        out.merge(e.u(), 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * Asserts that the parts of {@code s} share the source's index spaces, are pairwise disjoint
   * and together hold exactly the source's entries, values and timestamps included.
   */
  static void assertPartition(Dataset data, Split s) {
    assertThat(s.train().users()).isSameAs(data.users());
    assertThat(s.test().items()).isSameAs(data.items());
    Set<Entry> all = entrySet(data);
    Set<Entry> train = entrySet(s.train());
    Set<Entry> test = entrySet(s.test());
    Set<Entry> input = entrySet(s.testInput());
    assertThat(train.size() + test.size() + input.size()).isEqualTo(all.size());
    assertThat(s.train().size() + s.test().size()
        + (s.testInput() == null ? 0 : s.testInput().size())).isEqualTo(data.size());
    Set<Entry> union = new HashSet<>(train);
    union.addAll(test);
    union.addAll(input);
    assertThat(union).isEqualTo(all);
  }

  /** Naive global temporal reference: the last k entries after a boxed sort by (ts, u, i). */
  static Set<Entry> naiveLatest(Dataset d, int k) {
    List<Entry> sorted = new ArrayList<>(entries(d));
    sorted.sort(BY_TIME_USER_ITEM);
    return new HashSet<>(sorted.subList(sorted.size() - k, sorted.size()));
  }

  /** Naive per-user reference: each user's last n entries by (ts, i), for users with more than n. */
  static Set<Entry> naiveLatestPerUser(Dataset d, int n) {
    Set<Entry> out = new HashSet<>();
    for (List<Entry> row : byUser(d).values()) {
      if (row.size() > n) {
        List<Entry> sorted = new ArrayList<>(row);
        sorted.sort(BY_TIME_USER_ITEM);
        out.addAll(sorted.subList(sorted.size() - n, sorted.size()));
      }
    }
    return out;
  }

  /** round(f·n) clamped to [1, n-1], computed independently of the kernels. */
  static int expectedPerUser(double f, int n) {
    long k = Math.round(f * n);
    return (int) Math.max(1, Math.min(n - 1, k));
  }
}
