package io.reco4j.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reco4j.store.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Strict parsing of {@code POST /events} bodies into {@link Event}s. Every problem is an
 * {@link ApiException} naming the field path ({@code events[3].value}); nothing is partially
 * accepted. Rules: ids are strings of 1–128 characters without control characters; {@code type}
 * is a lower-case name; {@code value} a finite number within ±1e6 (ratings 0.5–5, default 1);
 * {@code timestamp} an ISO-8601 string or epoch milliseconds between 1970 and 9999 (default: now);
 * {@code context} an object of at most 4096 characters; unknown fields and duplicate keys are
 * errors. Thread-safe.
 */
final class EventParser {
  /** Largest accepted |value|. */
  static final double MAX_ABS_VALUE = 1e6;
  private static final long MAX_TIMESTAMP = 253402300799999L; // 9999-12-31T23:59:59.999Z
  private static final Set<String> FIELDS =
      Set.of("userId", "itemId", "type", "value", "timestamp", "context");
  static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(32).maxNumberLength(64).maxStringLength(1 << 20).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final int maxBatch;
  private final LongSupplier clock;

  EventParser(int maxBatch, LongSupplier clockMillis) {
    this.maxBatch = maxBatch;
    this.clock = clockMillis;
  }

  /** Parses a body: one event object or {@code {"events": [...]}}. */
  List<Event> parse(byte[] body) {
    JsonNode root = readTree(body);
    if (!root.isObject()) {
      throw ApiException.badRequest("body must be a JSON object: one event, or {\"events\": [...]}");
    }
    if (root.has("events")) {
      if (root.size() != 1) {
        String other = firstOther(root);
        throw ApiException.badField(other, "unknown field next to \"events\"");
      }
      JsonNode arr = root.get("events");
      if (!arr.isArray()) {
        throw ApiException.badField("events", "must be an array of event objects");
      }
      if (arr.isEmpty()) {
        throw ApiException.badField("events", "must hold at least one event");
      }
      if (arr.size() > maxBatch) {
        throw new ApiException(413, "too_many_events", "events",
            "events: " + arr.size() + " events, at most " + maxBatch + " per request");
      }
      List<Event> out = new ArrayList<>(arr.size());
      long now = clock.getAsLong();
      for (int k = 0; k < arr.size(); k++) {
        out.add(event(arr.get(k), "events[" + k + "]", now));
      }
      return out;
    }
    return List.of(event(root, "", clock.getAsLong()));
  }

  static JsonNode readTree(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("empty body: a JSON object is required");
    }
    try (JsonParser p = STRICT.createParser(body)) {
      JsonNode n = STRICT.readTree(p);
      if (n == null || n.isMissingNode()) {
        throw ApiException.badRequest("empty body: a JSON object is required");
      }
      return n;
    } catch (JsonProcessingException e) {
      String loc = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw ApiException.badRequest("malformed JSON" + loc + ": " + clean(e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("unreadable body: " + e.getMessage());
    }
  }

  private static String clean(String m) {
    if (m == null) {
      return "syntax error";
    }
    String s = m.lines().findFirst().orElse(m);
    if (s.startsWith("Trailing token")) {
      return "unexpected content after the JSON value";
    }
    // drop library internals (class and method names) from parser messages
    s = s.replaceAll(",? from `[^`]*`", "").replaceAll("\\s*\\(bound as `[^`]*`\\)", "")
        .replaceAll("`[^`]*`", "").strip();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  private static String firstOther(JsonNode root) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("events")) {
        return f;
      }
    }
    return "events";
  }

  private static String path(String prefix, String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  private Event event(JsonNode n, String at, long now) {
    if (!n.isObject()) {
      throw ApiException.badField(at.isEmpty() ? "body" : at, "must be an event object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      String f = it.next().getKey();
      if (!FIELDS.contains(f)) {
        throw ApiException.badField(path(at, f), "unknown field (known: userId, itemId, type, "
            + "value, timestamp, context)");
      }
    }
    String userId = id(n, at, "userId");
    String itemId = id(n, at, "itemId");
    JsonNode t = n.get("type");
    if (t == null || t.isNull()) {
      throw ApiException.badField(path(at, "type"), "is required (view, click, rating, purchase, "
          + "like, dislike or another lower-case name)");
    }
    if (!t.isTextual()) {
      throw ApiException.badField(path(at, "type"), "must be a string");
    }
    String type = t.textValue();
    if (type.isEmpty() || type.length() > Event.MAX_TYPE_LENGTH
        || !type.matches("[a-z][a-z0-9_]*")) {
      throw ApiException.badField(path(at, "type"), "must be a lower-case name ([a-z][a-z0-9_]*) "
          + "of at most " + Event.MAX_TYPE_LENGTH + " characters");
    }
    float value = 1f;
    JsonNode v = n.get("value");
    if (v != null && !v.isNull()) {
      if (!v.isNumber()) {
        throw ApiException.badField(path(at, "value"), "must be a finite number");
      }
      BigDecimal d = v.decimalValue();
      if (d.abs().compareTo(BigDecimal.valueOf(MAX_ABS_VALUE)) > 0) {
        throw ApiException.badField(path(at, "value"), "must be a finite number within ±1e6");
      }
      value = d.floatValue();
    } else if (type.equals("rating")) {
      throw ApiException.badField(path(at, "value"), "is required for a rating (0.5 to 5)");
    }
    if (type.equals("rating") && !(value >= 0.5f && value <= 5f)) {
      throw ApiException.badField(path(at, "value"), "a rating must be between 0.5 and 5");
    }
    long ts = timestamp(n.get("timestamp"), path(at, "timestamp"), now);
    String context = null;
    JsonNode c = n.get("context");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw ApiException.badField(path(at, "context"), "must be a JSON object");
      }
      context = c.toString();
      if (context.length() > Event.MAX_CONTEXT_LENGTH) {
        throw ApiException.badField(path(at, "context"), "longer than "
            + Event.MAX_CONTEXT_LENGTH + " characters");
      }
    }
    try {
      return new Event(userId, itemId, type, value, ts, context);
    } catch (IllegalArgumentException e) {
      // Event's own checks; its message starts with the field name
      String msg = e.getMessage() == null ? "invalid" : e.getMessage();
      int colon = msg.indexOf(':');
      String field = colon > 0 ? msg.substring(0, colon) : "body";
      throw ApiException.badField(path(at, field), colon > 0 ? msg.substring(colon + 1).strip()
          : msg);
    }
  }

  private static String id(JsonNode n, String at, String field) {
    JsonNode v = n.get(field);
    String p = path(at, field);
    if (v == null || v.isNull()) {
      throw ApiException.badField(p, "is required");
    }
    if (!v.isTextual()) {
      throw ApiException.badField(p, "must be a string (send numeric ids as \"318\")");
    }
    String s = v.textValue();
    if (s.isEmpty() || s.length() > Event.MAX_ID_LENGTH) {
      throw ApiException.badField(p, "must be 1 to " + Event.MAX_ID_LENGTH + " characters");
    }
    for (int k = 0; k < s.length(); k++) {
      if (Character.isISOControl(s.charAt(k))) {
        throw ApiException.badField(p, "control character at position " + k);
      }
    }
    return s;
  }

  private static long timestamp(JsonNode v, String p, long now) {
    if (v == null || v.isNull()) {
      return now;
    }
    long ms;
    if (v.isIntegralNumber()) {
      if (!v.canConvertToLong()) {
        throw ApiException.badField(p, "epoch milliseconds out of range");
      }
      ms = v.longValue();
    } else if (v.isTextual()) {
      String s = v.textValue();
      try {
        ms = s.length() <= 64 ? OffsetDateTime.parse(s).toInstant().toEpochMilli() : -1;
      } catch (DateTimeParseException | ArithmeticException e) {
        try {
          ms = Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e2) {
          throw ApiException.badField(p, "not an ISO-8601 time such as 2026-11-25T07:00:00Z");
        }
      }
      if (s.length() > 64) {
        throw ApiException.badField(p, "not an ISO-8601 time such as 2026-11-25T07:00:00Z");
      }
    } else {
      throw ApiException.badField(p, "must be an ISO-8601 string or epoch milliseconds");
    }
    if (ms < 0 || ms > MAX_TIMESTAMP) {
      throw ApiException.badField(p, "must lie between 1970 and 9999");
    }
    return ms;
  }
}
