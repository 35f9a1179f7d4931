package io.reco4j.algorithms.baseline;

import io.reco4j.data.Dataset;

/** Helpers shared by the baseline trainers and codecs. */
final class Baselines {
  private Baselines() {}

  /** Seconds elapsed since {@code startNanos} (from {@link System#nanoTime()}). */
  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * The mean of every stored value, summed in storage order in double precision (so it does not
   * depend on threads).
   *
   * @throws IllegalArgumentException when {@code data} has no interactions
   */
  static double meanValue(Dataset data, String algorithm) {
    float[] v = data.matrix().values();
    if (v.length == 0) {
      throw new IllegalArgumentException(algorithm + ": training data '" + data.name()
          + "' has no interactions");
    }
    double sum = 0;
    for (float x : v) {
      sum += x;
    }
    return sum / v.length;
  }



}
