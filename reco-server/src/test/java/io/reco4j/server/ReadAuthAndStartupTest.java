package io.reco4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.store.EventStore;
import io.reco4j.store.EventStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server that is still starting, and one whose reads need a key. */
class ReadAuthAndStartupTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(RecoServer s, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
        + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void untilAModelIsServedHealthSaysStartingAndReadsAnswer503() throws Exception {
    Path dir = Files.createTempDirectory("reco-startup");
    try (EventStore store = EventStores.open(null, dir.resolve("events.db"));
        RecoServer s = new RecoServer(ServerConfig.defaults().withPort(0), store, null).start()) {
      var health = get(s, "/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("\"status\":\"starting\"");
      var recs = get(s, "/users/1/recommendations");
      assertThat(recs.statusCode()).isEqualTo(503);
      assertThat(recs.body()).contains("\"error\":\"unavailable\"");
      var demo = get(s, "/demo/config"); // not in demo mode: no key, but no error either
      assertThat(demo.statusCode()).isEqualTo(200);
      assertThat(demo.body()).isEqualTo("{\"demo\":false}");

      s.serve(ServedModel.of("v000001", TestServer.model(42), TestServer.data(), 0));
      assertThat(get(s, "/health").statusCode()).isEqualTo(200);
      assertThat(get(s, "/users/1/recommendations").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withReadAuthKeyReadsNeedTheKeyButHealthStaysOpen() throws Exception {
    Path dir = Files.createTempDirectory("reco-readauth");
    ServerConfig c = ServerConfig.defaults().withPort(0).withReadAuth("key")
        .withApiKeyHashes(List.of(ApiKeys.hash("reader")));
    try (EventStore store = EventStores.open(null, dir.resolve("events.db"));
        RecoServer s = new RecoServer(c, store, null).start()) {
      s.serve(ServedModel.of("v000001", TestServer.model(42), TestServer.data(), 0));
      assertThat(get(s, "/users/1/recommendations").statusCode()).isEqualTo(401);
      assertThat(get(s, "/metrics").statusCode()).isEqualTo(401);
      assertThat(get(s, "/users/1/recommendations", "X-API-Key", "reader").statusCode())
          .isEqualTo(200);
      assertThat(get(s, "/items/1", "Authorization", "Bearer reader").statusCode())
          .isEqualTo(200);
      assertThat(get(s, "/health").statusCode()).isEqualTo(200);
    }
  }
}
