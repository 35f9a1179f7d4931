package io.reco4j.store;

import java.util.List;

/**
 * Checks a batch before anything touches the database, so that a bad event rejects the whole batch
 * with an error naming it. The {@link Event} record already validates each field; this adds what
 * only a store cares about: text every backend can store and read back unchanged.
 */
final class Batches {
  /** Longest accepted idempotency key. */
  static final int MAX_KEY_LENGTH = 128;

  private Batches() {}

  /**
   * @throws IllegalArgumentException naming {@code events[k].field} or {@code idempotencyKey}
   */
  static void check(List<Event> events, String idempotencyKey) {
    if (events == null || events.isEmpty()) {
      throw new IllegalArgumentException("events: a batch needs at least one event");
    }
    for (int k = 0; k < events.size(); k++) {
      Event e = events.get(k);
      if (e == null) {
        throw new IllegalArgumentException("events[" + k + "]: null");
      }
      checkText("events[" + k + "].userId", e.userId());
      checkText("events[" + k + "].itemId", e.itemId());
      if (e.context() != null) {
        checkText("events[" + k + "].context", e.context());
      }
    }
    if (idempotencyKey != null) {
      if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH) {
        throw new IllegalArgumentException(
            "idempotencyKey: must be 1 to " + MAX_KEY_LENGTH + " characters");
      }
      for (int k = 0; k < idempotencyKey.length(); k++) {
        if (Character.isISOControl(idempotencyKey.charAt(k))) {
          throw new IllegalArgumentException("idempotencyKey: control character at position " + k);
        }
      }
      checkText("idempotencyKey", idempotencyKey);
    }
  }

  /**
   * Rejects what UTF-8 databases cannot round-trip: NUL (PostgreSQL refuses it) and unpaired
   * UTF-16 surrogates (they have no UTF-8 encoding and would come back as '?').
   */
  private static void checkText(String field, String s) {
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == 0) {
        throw new IllegalArgumentException(field + ": NUL character at position " + k);
      }
      if (Character.isHighSurrogate(c)) {
        if (k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
          k++;
          continue;
        }
        throw new IllegalArgumentException(field + ": unpaired surrogate at position " + k);
      }
      if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException(field + ": unpaired surrogate at position " + k);
      }
    }
  }

  static void checkLimit(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + ": must be at least " + min + ", was " + value);
    }
  }
}
