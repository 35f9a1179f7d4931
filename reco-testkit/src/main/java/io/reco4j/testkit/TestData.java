package io.reco4j.testkit;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded synthetic datasets for tests: small, realistic in shape, and identical for a given seed
 * on every machine.
 */
public final class TestData {
  /** The seed {@link #ratings()} uses. */
  public static final long DEFAULT_SEED = 20240611L;

  private TestData() {}

  /** {@link #ratings(long)} with {@link #DEFAULT_SEED}. */
  public static Dataset ratings() {
    return ratings(DEFAULT_SEED);
  }

  /**
   * A small explicit-ratings dataset, named {@code synthetic-ratings-<seed>}: 150 users and 240
   * items with non-contiguous numeric external ids (users 1, 4, 7, …; items 100, 107, 114, …),
   * about 2,500 ratings. Item popularity follows a power law (Zipf, exponent 0.9); history
   * lengths are skewed (3 to about 60); ratings are integers 1–5 drawn from a mean of 3.5 plus
   * a user bias, an item quality and noise; timestamps increase along each user's history.
   * Every 15th user (dense index 14, 29, …) and every 20th item (dense index 19, 39, …) is cold:
   * present in the index with no entries; every other user and item has at least one rating.
   */
  public static Dataset ratings(long seed) {
    int userCount = 150;
    int itemCount = 240;
    SplittableRandom rnd = new SplittableRandom(seed);
    boolean[] coldUser = new boolean[userCount];
    boolean[] coldItem = new boolean[itemCount];
    for (int u = 14; u < userCount; u += 15) {
      coldUser[u] = true;
    }
    for (int i = 19; i < itemCount; i += 20) {
      coldItem[i] = true;
    }
    // popularity: a random permutation of items gets Zipf weights; cold items weigh nothing
    int[] rank = permutation(itemCount, rnd);
    double[] cumulative = new double[itemCount];
    double total = 0;
    for (int i = 0; i < itemCount; i++) {
      total += coldItem[i] ? 0 : 1.0 / Math.pow(rank[i] + 1, 0.9);
      cumulative[i] = total;
    }
    double[] quality = new double[itemCount];
    for (int i = 0; i < itemCount; i++) {
      quality[i] = 0.6 * rnd.nextGaussian();
    }
    int capacity = 4 * userCount * 20;
    long[] users = new long[capacity];
    long[] items = new long[capacity];
    float[] ratings = new float[capacity];
    long[] times = new long[capacity];
    int n = 0;
    boolean[] seen = new boolean[itemCount];
    for (int u = 0; u < userCount; u++) {
      if (coldUser[u]) {
        continue;
      }
      double userBias = 0.4 * rnd.nextGaussian();
      int length = Math.min(60, 3 + (int) (-12 * Math.log(1 - rnd.nextDouble())));
      long t = 1_000_000_000L + rnd.nextLong(10_000_000L);
      int[] chosen = new int[length];
      for (int k = 0; k < length; k++) {
        int i;
        do {
          i = search(cumulative, rnd.nextDouble() * total);
        } while (seen[i]);
        seen[i] = true;
        chosen[k] = i;
        double r = 3.5 + userBias + quality[i] + 0.8 * rnd.nextGaussian();
        users[n] = userId(u);
        items[n] = itemId(i);
        ratings[n] = (float) Math.max(1, Math.min(5, Math.rint(r)));
        t += 1 + rnd.nextLong(86_400L);
        times[n] = t;
        n++;
      }
      for (int i : chosen) {
        seen[i] = false;
      }
    }
    // the far tail may never have been drawn: give each such (non-cold) item one rating
    boolean[] rated = new boolean[itemCount];
    for (int k = 0; k < n; k++) {
      rated[(int) ((items[k] - 100) / 7)] = true;
    }
    for (int i = 0; i < itemCount; i++) {
      if (!rated[i] && !coldItem[i]) {
        int u;
        do {
          u = rnd.nextInt(userCount);
        } while (coldUser[u]);
        users[n] = userId(u);
        items[n] = itemId(i);
        ratings[n] = (float) Math.max(1, Math.min(5, Math.rint(3.5 + quality[i]
            + 0.8 * rnd.nextGaussian())));
        times[n] = 1_000_000_000L + rnd.nextLong(20_000_000L);
        n++;
      }
    }
    // placeholders put the cold ids into the index; they are removed below
    int real = n;
    for (int u = 0; u < userCount; u++) {
      if (coldUser[u]) {
        users[n] = userId(u);
        items[n] = itemId(0);
        ratings[n] = 1f;
        times[n] = 0;
        n++;
      }
    }
    for (int i = 0; i < itemCount; i++) {
      if (coldItem[i]) {
        users[n] = userId(0);
        items[n] = itemId(i);
        ratings[n] = 1f;
        times[n] = 0;
        n++;
      }
    }
    Dataset all = Datasets.fromNumericIds("synthetic-ratings-" + seed, Arrays.copyOf(users, n),
        Arrays.copyOf(items, n), Arrays.copyOf(ratings, n), Arrays.copyOf(times, n),
        DuplicatePolicy.ERROR, 1);
    if (all.userCount() != userCount || all.itemCount() != itemCount) {
      throw new AssertionError("synthetic data lost ids: " + all.userCount() + " users, "
          + all.itemCount() + " items");
    }
    CsrMatrix m = all.matrix();
    boolean[] keep = new boolean[m.nnz()];
    for (int u = 0; u < userCount; u++) {
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        keep[p] = !coldUser[u] && !coldItem[m.colIdx()[p]];
      }
    }
    Dataset d = all.withMatrix(all.name(), m.select(keep));
    if (d.size() != real) {
      throw new AssertionError("expected " + real + " ratings, got " + d.size());
    }
    return d;
  }

  /**
   * A dataset from explicit triples, for hand-checked examples: external ids map to dense indices
   * in ascending id order; no timestamps; a repeated (user, item) pair is an error.
   */
  public static Dataset ratings(String name, long[] userIds, long[] itemIds, float[] ratings) {
    return Datasets.fromNumericIds(name, userIds, itemIds, ratings, null, DuplicatePolicy.ERROR, 1);
  }

  /** Dense indices of the users with no entries in {@code data}, ascending. */
  public static int[] coldUsers(Dataset data) {
    CsrMatrix m = data.matrix();
    return java.util.stream.IntStream.range(0, m.rows()).filter(u -> m.rowLength(u) == 0)
        .toArray();
  }

  /** Dense indices of the items with no entries in {@code data}, ascending. */
  public static int[] coldItems(Dataset data) {
    int[] counts = data.matrix().colCounts();
    return java.util.stream.IntStream.range(0, counts.length).filter(i -> counts[i] == 0)
        .toArray();
  }

  /**
   * {@code data} without the entries of dense user {@code userIndex}: the user stays in the index
   * with an empty history row, as a test user of a split does.
   */
  public static Dataset withoutUser(Dataset data, int userIndex) {
    CsrMatrix m = data.matrix();
    boolean[] keep = new boolean[m.nnz()];
    Arrays.fill(keep, true);
    for (int p = m.rowStart(userIndex); p < m.rowEnd(userIndex); p++) {
      keep[p] = false;
    }
    return data.withMatrix(data.name() + "-without-user-" + userIndex, m.select(keep));
  }

  private static long userId(int u) {
    return 1 + 3L * u;
  }

  private static long itemId(int i) {
    return 100 + 7L * i;
  }

  private static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  // first index whose cumulative weight exceeds x
  private static int search(double[] cumulative, double x) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
