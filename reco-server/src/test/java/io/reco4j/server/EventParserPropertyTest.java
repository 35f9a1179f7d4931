package io.reco4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.store.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the strict event parser: whatever the bytes, it returns valid events or throws an
 * {@link ApiException} with a 4xx status and a message — never anything else; and valid events
 * survive a JSON round trip unchanged.
 */
class EventParserPropertyTest {
  private final EventParser parser = new EventParser(1000, () -> 1_700_000_000_000L);

  @Property(tries = 2000, seed = "20261125")
  void anyBytesGiveEventsOrAClean4xx(@ForAll("bodies") String body) {
    try {
      List<Event> events = parser.parse(body.getBytes(StandardCharsets.UTF_8));
      assertThat(events).isNotEmpty();
    } catch (ApiException e) {
      assertThat(e.status()).isBetween(400, 499);
      assertThat(e.getMessage()).isNotBlank().doesNotContain("com.fasterxml");
      if (e.field() != null) {
        assertThat(e.getMessage()).startsWith(e.field() + ":");
      }
    }
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20).map(s -> "\"" + s.replace("\\", "\\\\")
            .replace("\"", "\\\"") + "\""),
        Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "1e999"),
        Arbitraries.longs().map(l -> Long.toString(l)),
        Arbitraries.of("null", "true", "[]", "{}", "NaN", "-0", "1e308", "\"2026-11-25T07:00:00Z\"",
            "\"rating\"", "\"view\"", "4.5", "{\"page\":\"home\"}"));
    Arbitrary<String> keys = Arbitraries.of("userId", "itemId", "type", "value", "timestamp",
        "context", "events", "x");
    Arbitrary<String> member = Combinators.combine(keys, values).as((k, v) -> "\"" + k + "\":" + v);
    Arbitrary<String> object = member.list().ofMaxSize(7).map(l -> "{" + String.join(",", l) + "}");
    Arbitrary<String> batch = object.list().ofMaxSize(4)
        .map(l -> "{\"events\":[" + String.join(",", l) + "]}");
    Arbitrary<String> garbage = Arbitraries.strings().ofMaxLength(60);
    Arbitrary<String> truncated = Combinators.combine(object, Arbitraries.integers().between(0, 80))
        .as((o, n) -> o.substring(0, Math.min(n, o.length())));
    return Arbitraries.oneOf(object, batch, garbage, truncated);
  }

  @Property(tries = 500, seed = "42")
  void validEventsRoundTrip(@ForAll("ids") String user, @ForAll("ids") String item,
      @ForAll("types") String type, @ForAll("ratings") float rating) {
    String json = "{\"userId\":" + RecoServerJson.quote(user) + ",\"itemId\":"
        + RecoServerJson.quote(item) + ",\"type\":\"" + type + "\",\"value\":" + rating
        + ",\"timestamp\":1764054000000}";
    Event e = parser.parse(json.getBytes(StandardCharsets.UTF_8)).get(0);
    assertThat(e.userId()).isEqualTo(user);
    assertThat(e.itemId()).isEqualTo(item);
    assertThat(e.type()).isEqualTo(type);
    assertThat(e.value()).isEqualTo(rating);
    assertThat(e.timestampMillis()).isEqualTo(1764054000000L);
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(128)
        .filter(s -> s.chars().noneMatch(Character::isISOControl)
            && s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of("rating", "view", "click", "purchase", "like", "add_to_cart");
  }

  @Provide
  Arbitrary<Float> ratings() {
    return Arbitraries.integers().between(1, 10).map(h -> h / 2f);
  }

  /** JSON string quoting for the test bodies. */
  static final class RecoServerJson {
    static String quote(String s) {
      try {
        return RecoServer.JSON.writeValueAsString(s);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
