package io.reco4j.algorithms.bpr;

/**
 * Walker's alias method (Vose's O(n) construction; Walker, "An efficient method for generating
 * discrete random variables with general distributions", ACM TOMS 3(3), 1977): draws an index
 * {@code k} in {@code [0, n)} with probability {@code w[k] / Σw} in O(1) from one 64-bit random
 * word. Immutable and thread-safe.
 *
 * <p>The high 32 bits of the word pick a column by multiply-shift (bias below n / 2<sup>32</sup>),
 * the low 32 bits the coin within it; weights are accurate to about 2<sup>−32</sup>.
 */
final class AliasTable {
  private final int n;
  /** Coin threshold of column k, scaled to [0, 2^32]: keep k when the low word is below it. */
  private final long[] threshold;
  private final int[] alias;

  /**
   * A table for non-negative finite weights with a positive sum.
   *
   * @throws IllegalArgumentException when a weight is negative or not finite, or all are 0
   */
  AliasTable(double[] weights) {
    n = weights.length;
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
      }
      sum += w;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights must not all be 0");
    }
    threshold = new long[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int k = 0; k < n; k++) {
      scaled[k] = weights[k] * n / sum;
      if (scaled[k] < 1) {
        small[ns++] = k;
      } else {
        large[nl++] = k;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[nl - 1];
      setColumn(s, scaled[s], l);
      scaled[l] = (scaled[l] + scaled[s]) - 1;
      if (scaled[l] < 1) {
        nl--;
        small[ns++] = l;
      }
    }
    // what is left is 1 up to rounding: those columns always keep their own index
    while (nl > 0) {
      int l = large[--nl];
      setColumn(l, 1, l);
    }
    while (ns > 0) {
      int s = small[--ns];
      setColumn(s, 1, s);
    }
  }

  private void setColumn(int k, double keep, int other) {
    threshold[k] = Math.min(1L << 32, Math.round(keep * (1L << 32)));
    alias[k] = other;
  }

  /** The number of outcomes. */
  int size() {
    return n;
  }

  /** The index drawn by the 64-bit random word {@code bits}. */
  int sample(long bits) {
    int k = (int) (((bits >>> 32) * n) >>> 32);
    return (bits & 0xFFFFFFFFL) < threshold[k] ? k : alias[k];
  }

  /** The probability of outcome {@code k} this table realises (for tests). */
  double probability(int k) {
    double p = 0;
    for (int c = 0; c < n; c++) {
      double keep = threshold[c] / (double) (1L << 32);
      if (c == k) {
        p += keep;
      }
      if (alias[c] == k) {
        p += 1 - keep;
      }
    }
    return p / n;
  }
}
