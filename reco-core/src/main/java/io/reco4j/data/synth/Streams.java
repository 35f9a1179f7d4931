package io.reco4j.data.synth;

import java.util.SplittableRandom;

/**
 * Seeded random streams for the generator. Every stream is a {@link SplittableRandom} whose seed
 * is a pure function of (seed, stream kind, index), so what a user draws never depends on the
 * thread or block that generates it. Gaussians use the polar method on {@code nextDouble()} and
 * {@link StrictMath}, so outputs are identical on every JVM and platform.
 */
final class Streams {
  /** Stream kinds. */
  static final long ITEMS = 1;
  static final long ACTIVITY = 2;
  static final long USER = 3;

  private Streams() {}

  /** A random stream for (seed, kind, index). */
  static SplittableRandom of(long seed, long kind, long index) {
    long s = mix(seed + kind * 0x9E3779B97F4A7C15L);
    return new SplittableRandom(mix(s ^ (index * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L)));
  }

  /** A 64-bit finalising mix (the SplitMix64 output function). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Standard normal draws from a stream, by the Marsaglia polar method (keeps the spare). */
  static final class Normal {
    private final SplittableRandom rnd;
    private double spare;
    private boolean hasSpare;

    Normal(SplittableRandom rnd) {
      this.rnd = rnd;
    }

    double next() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      double x;
      double y;
      double s;
      do {
        x = 2 * rnd.nextDouble() - 1;
        y = 2 * rnd.nextDouble() - 1;
        s = x * x + y * y;
      } while (s >= 1 || s == 0);
      double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
      spare = y * f;
      hasSpare = true;
      return x * f;
    }
  }
}
