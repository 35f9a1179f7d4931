package io.reco4j.data.io;

/** What a loader does with a malformed line. */
public enum OnError {
  /** Stop with a {@link DataFormatException} naming file, line and field (the default). */
  FAIL,
  /** Skip the line, count it, and report the first few in the load statistics. */
  SKIP;

  /** Parses {@code fail} or {@code skip}. */
  public static OnError parse(String s) {
    return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "fail" -> FAIL;
      case "skip" -> SKIP;
      default -> throw new IllegalArgumentException("unknown --on-error '" + s + "' (fail or skip)");
    };
  }
}
