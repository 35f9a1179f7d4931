package io.reco4j.algorithms.mf;

/** Validation of config fields, with messages that name the field. */
final class MfChecks {
  private MfChecks() {}

  static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + v);
    }
  }

  static void positive(String name, float v) {
    if (!(v > 0) || Float.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
    }
  }

  static void nonNegative(String name, float v) {
    if (!(v >= 0) || Float.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
    }
  }

  static void threads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
  }
}
