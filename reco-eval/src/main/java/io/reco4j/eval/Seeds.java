package io.reco4j.eval;

/** Derivation of child seeds from (seed, key) pairs; independent of threads and call order. */
final class Seeds {
  private Seeds() {}

  /** A well-mixed 64-bit seed for the stream identified by {@code (seed, key)} (SplitMix64). */
  static long mix(long seed, long key) {
    long z = seed + 0x9E3779B97F4A7C15L * (key + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
