package io.reco4j.algorithms.als;

import java.util.SplittableRandom;

/** Helpers shared by the ALS trainers and codecs: initialisation, timing, float-array I/O. */
final class Factors {

  private Factors() {}

  /**
   * Gaussian initial factors {@code rows × f} with standard deviation {@code std}, drawn from a
   * stream derived from (seed, side) only, in row order (so independent of threads).
   */
  static float[] gaussian(int rows, int f, float std, long seed, long side) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + side);
    float[] a = new float[rows * f];
    for (int k = 0; k < a.length; k++) {
      a[k] = (float) (rnd.nextGaussian() * std);
    }
    return a;
  }

  /** Seconds elapsed since {@code startNanos}. */
  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }



}
