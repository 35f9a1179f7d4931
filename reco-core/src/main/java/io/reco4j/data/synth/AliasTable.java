package io.reco4j.data.synth;

import java.util.SplittableRandom;

/**
 * Walker's alias method (Vose's construction): O(1) draws of an index with probability
 * proportional to a non-negative weight. Immutable after construction; safe to share between
 * threads (each caller brings its own random stream).
 */
final class AliasTable {
  private final double[] prob;
  private final int[] alias;

  /** Builds the table; {@code weights} must have a positive, finite sum. */
  AliasTable(double[] weights) {
    int n = weights.length;
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    if (!(sum > 0) || Double.isInfinite(sum)) {
      throw new IllegalArgumentException("weights must have a positive finite sum");
    }
    prob = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      prob[s] = scaled[s];
      alias[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    // leftovers are 1 up to rounding
    while (nl > 0) {
      int l = large[--nl];
      prob[l] = 1;
      alias[l] = l;
    }
    while (ns > 0) {
      int s = small[--ns];
      prob[s] = 1;
      alias[s] = s;
    }
  }

  /** Number of outcomes. */
  int size() {
    return prob.length;
  }

  /** One draw. */
  int sample(SplittableRandom rnd) {
    int i = rnd.nextInt(prob.length);
    return rnd.nextDouble() < prob[i] ? i : alias[i];
  }
}
