package io.reco4j.split;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.Timestamps;
import java.util.SplittableRandom;

/**
 * Primitive kernels shared by the splitters: seeded stream derivation, partial Fisher–Yates
 * sampling, selection of the latest entries by (timestamp, position), and assembly of the parts.
 *
 * <p>Positions are indices into the CSR arrays of the source matrix. Because rows are ascending
 * and columns ascending within a row, position order is (row, column) order, so "ties broken by
 * position" is "ties broken by (row, column)".
 */
final class SplitKernels {
  private SplitKernels() {}

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** SplitMix64 / Stafford variant 13 finaliser: a bijective 64-bit mix. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The stream for a whole protocol run: a function of (seed, salt) only. */
  static SplittableRandom stream(long seed, long salt) {
    return new SplittableRandom(mix64(seed + GOLDEN * mix64(salt)));
  }

  /**
   * The stream for one unit (a user) of a protocol run: a function of (seed, salt, index) only,
   * so the result for a unit does not depend on processing order or thread count.
   */
  static SplittableRandom stream(long seed, long salt, long index) {
    return new SplittableRandom(mix64(mix64(seed + GOLDEN * mix64(salt)) + GOLDEN * (index + 1)));
  }

  /** {@code round(f·n)}, half up, as an int. */
  static int roundFraction(double f, int n) {
    return (int) Math.round(f * n);
  }

  /** {@code round(f·n)} clamped to {@code [1, n-1]}; for {@code n >= 2}. */
  static int perUserCount(double f, int n) {
    return Math.min(n - 1, Math.max(1, roundFraction(f, n)));
  }

  /**
   * Partial Fisher–Yates: afterwards {@code pool[from .. from+k)} is a uniform random sample
   * (in random order) of the values initially in {@code pool[from .. from+n)}.
   */
  static void sampleInPlace(int[] pool, int from, int n, int k, SplittableRandom rng) {
    for (int j = 0; j < k; j++) {
      int r = j + rng.nextInt(n - j);
      int a = pool[from + j];
      pool[from + j] = pool[from + r];
      pool[from + r] = a;
    }
  }

  /** Full Fisher–Yates shuffle of {@code a[0 .. n)}. */
  static void shuffle(int[] a, int n, SplittableRandom rng) {
    for (int j = n - 1; j > 0; j--) {
      int r = rng.nextInt(j + 1);
      int t = a[j];
      a[j] = a[r];
      a[r] = t;
    }
  }

  /** {@code 0, 1, ..., n-1}. */
  static int[] identity(int n) {
    int[] a = new int[n];
    for (int j = 0; j < n; j++) {
      a[j] = j;
    }
    return a;
  }

  /**
   * Marks exactly {@code k} positions of {@code [0, n)}, chosen uniformly at random; samples the
   * complement instead when that is smaller.
   */
  static boolean[] sampleMask(int n, int k, SplittableRandom rng) {
    boolean[] mark = new boolean[n];
    boolean complement = k > n - k;
    int draw = complement ? n - k : k;
    int[] pool = identity(n);
    sampleInPlace(pool, 0, n, draw, rng);
    if (complement) {
      java.util.Arrays.fill(mark, true);
    }
    for (int j = 0; j < draw; j++) {
      mark[pool[j]] = !complement;
    }
    return mark;
  }

  /**
   * Marks the {@code k} latest positions of {@code [from, to)} in the order (timestamp,
   * position): every entry later than the k-th latest timestamp, then, among entries at exactly
   * that timestamp, those with the largest positions.
   *
   * @param scratch at least {@code to - from} long slots, overwritten
   */
  static void markLatest(Timestamps ts, int from, int to, int k, boolean[] mark, long[] scratch) {
    int n = to - from;
    if (k <= 0) {
      return;
    }
    if (k >= n) {
      for (int p = from; p < to; p++) {
        mark[p] = true;
      }
      return;
    }
    for (int p = from; p < to; p++) {
      scratch[p - from] = ts.get(p);
    }
    // the k-th largest is the element of ascending rank n-k
    long cut = select(scratch, n, n - k);
    int left = k;
    for (int p = from; p < to; p++) {
      if (ts.get(p) > cut) {
        mark[p] = true;
        left--;
      }
    }
    // invariant: fewer than k entries are later than cut, at least k are at or after it
    for (int p = to - 1; left > 0; p--) {
      if (ts.get(p) == cut) {
        mark[p] = true;
        left--;
      }
    }
  }

  /**
   * The value of ascending rank {@code rank} (0-based) among {@code a[0 .. n)}, by quickselect
   * with three-way partitioning (many equal timestamps are common); reorders {@code a}. The
   * pivots come from a fixed stream: the result is a value, so it does not depend on them.
   */
  static long select(long[] a, int n, int rank) {
    SplittableRandom pivots = new SplittableRandom(0x5E1EC7L);
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      long pivot = a[lo + pivots.nextInt(hi - lo + 1)];
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        long v = a[i];
        if (v < pivot) {
          a[i++] = a[lt];
          a[lt++] = v;
        } else if (v > pivot) {
          a[i] = a[gt];
          a[gt--] = v;
        } else {
          i++;
        }
      }
      // [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
      if (rank < lt) {
        hi = lt - 1;
      } else if (rank > gt) {
        lo = gt + 1;
      } else {
        return pivot;
      }
    }
    return a[lo];
  }

  /** The longest row of {@code m}. */
  static int maxRowLength(CsrMatrix m) {
    int max = 0;
    for (int r = 0, rows = m.rows(); r < rows; r++) {
      max = Math.max(max, m.rowLength(r));
    }
    return max;
  }

  /** The timestamps of {@code data}, or an exception naming the protocol that needs them. */
  static Timestamps requireTimestamps(Dataset data, String spec) {
    Timestamps ts = data.matrix().timestamps();
    if (ts == null) {
      throw new IllegalArgumentException("split '" + spec + "' needs timestamps, but dataset '"
          + data.name() + "' has no timestamps");
    }
    return ts;
  }

  /** The complement of a mask. */
  static boolean[] not(boolean[] mask) {
    boolean[] out = new boolean[mask.length];
    for (int p = 0; p < mask.length; p++) {
      out[p] = !mask[p];
    }
    return out;
  }

  /** A split whose test part is {@code testMask} and whose train part is everything else. */
  static Split holdout(String spec, int fold, long seed, Dataset data, boolean[] testMask) {
    return parts(spec, fold, seed, data, not(testMask), testMask, null);
  }

  /** Assembles a split from disjoint masks over the positions of {@code data.matrix()}. */
  static Split parts(String spec, int fold, long seed, Dataset data, boolean[] trainMask,
      boolean[] testMask, boolean[] inputMask) {
    CsrMatrix m = data.matrix();
    String suffix = "[" + fold + "]";
    Dataset train = data.withMatrix(data.name() + "/train" + suffix, m.select(trainMask));
    Dataset test = data.withMatrix(data.name() + "/test" + suffix, m.select(testMask));
    Dataset input = inputMask == null ? null
        : data.withMatrix(data.name() + "/testInput" + suffix, m.select(inputMask));
    return new Split(spec, fold, seed, train, test, input);
  }
}
