package io.reco4j.store;

import java.util.Objects;

/**
 * One user–item interaction as the service receives it. Ids are external ids (strings at this
 * boundary); the store never maps them to dense indices.
 *
 * @param userId external user id, 1–128 characters
 * @param itemId external item id, 1–128 characters
 * @param type the kind of interaction: lower-case {@code [a-z][a-z0-9_]*}, at most 32 characters
 *     ({@code view}, {@code click}, {@code rating}, {@code purchase}, …)
 * @param value the strength of the interaction: the rating for {@code rating} events, otherwise
 *     usually 1; finite
 * @param timestampMillis when it happened, milliseconds since the epoch
 * @param context optional JSON object text with request context (device, page, …), or null; at most
 *     4096 characters
 */
public record Event(String userId, String itemId, String type, float value, long timestampMillis,
    String context) {
  /** Longest accepted id. */
  public static final int MAX_ID_LENGTH = 128;
  /** Longest accepted type name. */
  public static final int MAX_TYPE_LENGTH = 32;
  /** Longest accepted context text. */
  public static final int MAX_CONTEXT_LENGTH = 4096;

  public Event {
    checkId("userId", userId);
    checkId("itemId", itemId);
    Objects.requireNonNull(type, "type");
    if (type.isEmpty() || type.length() > MAX_TYPE_LENGTH || !type.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "type: '" + type + "' is not a lower-case name of at most " + MAX_TYPE_LENGTH + " characters");
    }
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException("value: " + value + " is not a finite number");
    }
    if (context != null && context.length() > MAX_CONTEXT_LENGTH) {
      throw new IllegalArgumentException("context: longer than " + MAX_CONTEXT_LENGTH + " characters");
    }
  }

  private static void checkId(String field, String id) {
    Objects.requireNonNull(id, field);
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(field + ": must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    for (int k = 0; k < id.length(); k++) {
      if (Character.isISOControl(id.charAt(k))) {
        throw new IllegalArgumentException(field + ": control character at position " + k);
      }
    }
  }
}
