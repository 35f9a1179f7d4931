package io.reco4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fuzz and bad-input tests: every malformed request is a 4xx with a JSON body that says what is
 * wrong (naming the field where one is at fault), no stack trace leaks, the store's count is
 * unchanged, and the server keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  TestServer t;
  long countBefore;

  @BeforeAll
  void start() throws Exception {
    t = TestServer.start(storeSpec());
  }

  @AfterAll
  void stop() {
    if (t != null) {
      t.close();
    }
  }

  /** The store the server runs on ({@link TestServer#start(String)}); null: a fresh SQLite file. */
  String storeSpec() throws Exception {
    return null;
  }

  @BeforeEach
  void rememberCount() {
    countBefore = t.store.count();
  }

  @AfterEach
  void storeUnchangedAndServerAlive() {
    assertThat(t.store.count()).as("rejected requests store nothing").isEqualTo(countBefore);
    assertThat(t.get("/health").status()).isEqualTo(200);
    assertThat(t.get("/users/1/recommendations?k=3").status()).isEqualTo(200);
  }

  /** Asserts a clean JSON client error and returns it. */
  private JsonNode clientError(TestServer.Reply r, int status, String error) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json()).as("JSON error body: " + r.body()).isNotNull();
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).isEqualTo(error);
    assertThat(r.json().get("message").asText()).isNotBlank();
    noLeak(r);
    return r.json();
  }

  private void noLeak(TestServer.Reply r) {
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("io.reco4j.").doesNotContain("com.fasterxml");
  }

  private void badField(String body, String field) {
    JsonNode e = clientError(t.postEvents(body), 400, "bad_request");
    assertThat(e.get("field").asText()).as(e.toString()).isEqualTo(field);
    assertThat(e.get("message").asText()).startsWith(field + ":");
  }

  private static final String OK = "{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"rating\","
      + "\"value\":4}";

  @Test
  void fieldsOfTheWrongTypeOrRangeAreNamedWithTheirPath() {
    badField("{\"itemId\":\"1\",\"type\":\"view\"}", "userId");
    badField("{\"userId\":42,\"itemId\":\"1\",\"type\":\"view\"}", "userId");
    badField("{\"userId\":\"u\",\"itemId\":[1],\"type\":\"view\"}", "itemId");
    badField("{\"userId\":\"u\",\"itemId\":\"1\"}", "type");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"View!\"}", "type");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"rating\"}", "value");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"rating\",\"value\":7}", "value");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"value\":\"4\"}", "value");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"value\":1e308}", "value");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"value\":-1e400}", "value");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"timestamp\":\"yesterday\"}",
        "timestamp");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"timestamp\":-5}", "timestamp");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"timestamp\":"
        + "99999999999999999999}", "timestamp");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"context\":\"home\"}",
        "context");
    badField("{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"extra\":1}", "extra");
    badField("{\"userId\":\"" + "x".repeat(129) + "\",\"itemId\":\"1\",\"type\":\"view\"}",
        "userId");
    badField("{\"userId\":\"a\\u0000b\",\"itemId\":\"1\",\"type\":\"view\"}", "userId");
    badField("{\"events\":[" + OK + "," + OK + "," + OK + ",{\"userId\":\"u\",\"itemId\":\"1\","
        + "\"type\":\"rating\",\"value\":\"NaN\"}]}", "events[3].value");
    badField("{\"events\":[" + OK + ",7]}", "events[1]");
    badField("{\"events\":{}}", "events");
    badField("{\"events\":[]}", "events");
    badField("{\"events\":[" + OK + "],\"more\":true}", "more");
  }

  @Test
  void malformedJsonIsABadRequestWithItsPosition() {
    for (String body : List.of("", "{", "{\"userId\":", "nope", "[]", "null", "42", "{\"a\":1}{}",
        "{\"userId\":\"u\",\"userId\":\"v\",\"itemId\":\"1\",\"type\":\"view\"}",
        "{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"value\":NaN}",
        "{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"value\":Infinity}",
        "[".repeat(100) + "]".repeat(100), "{\"value\":1" + "0".repeat(2000) + "}")) {
      clientError(t.postEvents(body), 400, "bad_request");
    }
    assertThat(t.postEvents("{").json().get("message").asText()).contains("line 1");
  }

  @Test
  void oversizedBodiesAndBatchesAreRefusedWith413() {
    StringBuilder big = new StringBuilder("{\"events\":[");
    for (int k = 0; k < 1001; k++) {
      big.append(k == 0 ? "" : ",").append(OK);
    }
    big.append("]}");
    clientError(t.postEvents(big.toString()), 413, "too_many_events");
    String huge = "{\"userId\":\"u\",\"itemId\":\"1\",\"type\":\"view\",\"context\":{\"pad\":\""
        + "x".repeat(1 << 20) + "\"}}";
    clientError(t.postEvents(huge), 413, "payload_too_large");
  }

  @Test
  void missingOrWrongKeysAndWrongContentTypesAreRefused() {
    clientError(t.post("/events", OK, "Content-Type", "application/json"), 401, "unauthorized");
    clientError(t.post("/events", OK, "Content-Type", "application/json", "X-API-Key", "wrong"),
        401, "unauthorized");
    clientError(t.post("/events", OK, "Content-Type", "application/json", "Authorization",
        "Bearer " + TestServer.KEY + "x"), 401, "unauthorized");
    clientError(t.get("/admin/models"), 401, "unauthorized");
    clientError(t.post("/admin/models/v000001/promote", "", "X-API-Key", "nope"), 401,
        "unauthorized");
    clientError(t.post("/events", OK, "Content-Type", "text/plain", "X-API-Key", TestServer.KEY),
        415, "unsupported_media_type");
    clientError(t.post("/events", OK, "X-API-Key", TestServer.KEY), 415,
        "unsupported_media_type");
    clientError(t.postEvents(OK, "Idempotency-Key", "k".repeat(129)), 400, "bad_request");
  }

  @Test
  void unknownRoutesItemsAndWrongMethodsAreCleanErrors() {
    clientError(t.get("/nope"), 404, "not_found");
    clientError(t.get("/users"), 404, "not_found");
    clientError(t.get("/items/999999999"), 404, "not_found");
    clientError(t.get("/items/999999999/similar"), 404, "not_found");
    clientError(t.get("/admin/jobs/j999", "X-API-Key", TestServer.KEY), 404, "not_found");
    clientError(t.post("/admin/models/v999999/promote", "", "X-API-Key", TestServer.KEY), 404,
        "not_found");
    clientError(t.send(HttpRequest.newBuilder(t.uri("/health"))
        .method("DELETE", HttpRequest.BodyPublishers.noBody()).build()), 405,
        "method_not_allowed");
    clientError(t.send(HttpRequest.newBuilder(t.uri("/events")).GET().build()), 405,
        "method_not_allowed");
    clientError(t.send(HttpRequest.newBuilder(t.uri("/users/1/recommendations"))
        .PUT(HttpRequest.BodyPublishers.ofString("{}")).build()), 405, "method_not_allowed");
  }

  @Test
  void badQueryParametersNameTheParameter() {
    for (String[] c : new String[][] {{"k=0", "k"}, {"k=1001", "k"}, {"k=ten", "k"},
        {"k=99999999999999999999", "k"}, {"exclude=all", "exclude"}, {"explain=maybe", "explain"},
        {"filter=genre", "filter[0]"}, {"filter=genre:Comedy&filter=decade:90s", "filter[1]"},
        {"filter=year:abc", "filter[0]"}, {"filter=year:2000-1990", "filter[0]"},
        {"filter=item:318", "filter[0]"}}) {
      JsonNode e = clientError(t.get("/users/1/recommendations?" + c[0]), 400, "bad_request");
      assertThat(e.get("field").asText()).as(c[0]).isEqualTo(c[1]);
    }
    clientError(t.get("/items?limit=0"), 400, "bad_request");
    clientError(t.get("/items?query=" + "a".repeat(300)), 400, "bad_request");
    clientError(t.get("/users/1/history?limit=-1"), 400, "bad_request");
    clientError(t.get("/users/" + "u".repeat(200) + "/recommendations"), 400, "bad_request");
  }

  /**
   * Seeded random mutations of valid bodies (delete/duplicate/flip bytes, swap values for hostile
   * ones, truncate): the answer is 200 (the mutation happened to be valid) or a clean 4xx; never
   * a 5xx. Mutations that succeed are counted so the store check still holds.
   */
  @Test
  void randomMutationsOfValidBodiesNeverProduceA5xx() {
    SplittableRandom rnd = new SplittableRandom(20261125L);
    String[] valid = {OK,
        "{\"events\":[" + OK + ",{\"userId\":\"v\",\"itemId\":\"2\",\"type\":\"click\","
            + "\"timestamp\":\"2026-11-25T07:00:00Z\",\"context\":{\"page\":\"home\"}}]}",
        "{\"userId\":\"w\",\"itemId\":\"3\",\"type\":\"purchase\",\"value\":2.5,"
            + "\"timestamp\":1764054000000}"};
    String[] hostile = {"null", "true", "-0", "1e309", "-1e309", "\"\"", "[]", "{}", "\"\\u0000\"",
        "123456789012345678901234567890", "0.0000000000000000000000000000001", "\"NaN\"",
        "\"" + "z".repeat(300) + "\"", "{\"$gt\":1}", "\"2026-13-45T99:00:00Z\""};
    long accepted = 0;
    List<String> failures = new ArrayList<>();
    for (int n = 0; n < 400; n++) {
      String body = valid[rnd.nextInt(valid.length)];
      int ops = 1 + rnd.nextInt(3);
      for (int o = 0; o < ops && !body.isEmpty(); o++) {
        int p = rnd.nextInt(body.length());
        body = switch (rnd.nextInt(6)) {
          case 0 -> body.substring(0, p) + body.substring(p + 1);
          case 1 -> body.substring(0, p) + body.charAt(p) + body.substring(p);
          case 2 -> body.substring(0, p) + (char) (32 + rnd.nextInt(95)) + body.substring(p + 1);
          case 3 -> body.substring(0, p);
          case 4 -> body.replaceFirst(":(\"[^\"]*\"|[-0-9.e]+)", ":"
              + java.util.regex.Matcher.quoteReplacement(hostile[rnd.nextInt(hostile.length)]));
          default -> body.replaceFirst("\"(userId|itemId|type|value|timestamp|context)\"",
              "\"" + (char) ('a' + rnd.nextInt(26)) + "\"");
        };
      }
      TestServer.Reply r = t.send(HttpRequest.newBuilder(t.uri("/events"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .header("X-API-Key", TestServer.KEY)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build());
      if (r.status() == 200) {
        accepted += r.json().get("accepted").asLong();
      } else if (r.status() < 400 || r.status() >= 500 || r.json() == null
          || !r.json().has("message") || r.body().contains("Exception")) {
        failures.add(r.status() + " for " + body + " -> " + r.body());
      }
    }
    assertThat(failures).isEmpty();
    countBefore += accepted; // valid mutants were stored, and only those
  }
}
