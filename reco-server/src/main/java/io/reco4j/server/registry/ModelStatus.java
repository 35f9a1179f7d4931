package io.reco4j.server.registry;

import java.util.Locale;

/** Where a registered model version stands. Written lower-case in {@code registry.json}. */
public enum ModelStatus {
  /** The version the service serves; at most one at a time. */
  LIVE,
  /** Registered and loadable, not (yet) promoted. */
  CANDIDATE,
  /** Not promoted: it regressed, or its file was found missing or corrupt (see the reason). */
  REJECTED,
  /** Was live, replaced by a later promotion; can be promoted again (rollback). */
  RETIRED;

  /** The lower-case name used in JSON and the HTTP API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@link #wireName()}. */
  public static ModelStatus parse(String s) {
    for (ModelStatus m : values()) {
      if (m.wireName().equals(s)) {
        return m;
      }
    }
    throw new IllegalArgumentException("status: '" + s + "' is not one of live, candidate, "
        + "rejected, retired");
  }
}
