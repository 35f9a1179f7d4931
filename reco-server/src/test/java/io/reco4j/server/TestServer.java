package io.reco4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.model.Model;
import io.reco4j.store.EventStore;
import io.reco4j.store.EventStores;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real server for tests: iALS trained once per JVM on ml-latest-small (implicit view), a real
 * store (SQLite in a temp directory, or the PostgreSQL a spec names), Javalin on port 0, called
 * over HTTP with {@link HttpClient}.
 */
final class TestServer implements AutoCloseable {
  static final String KEY = "test-key-0123456789";
  static final String DEMO_KEY = "demo-key-abcdef";
  private static Dataset data;
  private static Model model;

  final RecoServer server;
  final EventStore store;
  final Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(RecoServer server, EventStore store, Path dir) {
    this.server = server;
    this.store = store;
    this.dir = dir;
  }

  /** The base data: ml-latest-small with titles, genres and tags, implicit view. */
  static synchronized Dataset data() {
    if (data == null) {
      try {
        data = MovieLens.load(SharedData.dir("ml-latest-small"), LoadOptions.defaults()).dataset()
            .implicit(Float.NaN);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return data;
  }

  /** iALS trained on {@link #data()} with a given seed (seed 42 cached). */
  static synchronized Model model(long seed) {
    if (seed == 42 && model != null) {
      return model;
    }
    Model m = Algorithms.trainer("ials", Map.of("factors", "32", "iterations", "8",
        "seed", Long.toString(seed))).train(data());
    if (seed == 42) {
      model = m;
    }
    return m;
  }

  /** Starts a server with a fresh SQLite store, the test key and the demo key, serving seed 42. */
  static TestServer start() throws IOException {
    return start(null);
  }

  /**
   * Starts a server on the store a spec names ({@link EventStores#open}; null: a fresh SQLite
   * file in a temp directory), with the test key and the demo key, serving seed 42.
   */
  static TestServer start(String storeSpec) throws IOException {
    Path dir = Files.createTempDirectory("reco-server-test");
    EventStore store = EventStores.open(
        storeSpec != null ? storeSpec : "sqlite:" + dir.resolve("events.db"), null);
    ServerConfig config = ServerConfig.defaults().withPort(0)
        .withApiKeyHashes(List.of(ApiKeys.hash(KEY)));
    config = new ServerConfig(0, "127.0.0.1", null, "ials", Map.of(), true, null, null,
        dir.toString(), null, config.apiKeyHashes(), "open", 0, 0, 0, null, 1f, 3.5f);
    RecoServer server = new RecoServer(config, store, DEMO_KEY).start();
    server.serve(ServedModel.of("v000001", model(42), data(), 0));
    return new TestServer(server, store, dir);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  /** A response with its parsed JSON body (null when not JSON). */
  record Reply(int status, String body, JsonNode json, HttpResponse<String> raw) {}

  Reply get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  Reply post(String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  /** POST /events as JSON with the test key. */
  Reply postEvents(String body, String... more) {
    String[] h = new String[4 + more.length];
    h[0] = "Content-Type";
    h[1] = "application/json";
    h[2] = "X-API-Key";
    h[3] = KEY;
    System.arraycopy(more, 0, h, 4, more.length);
    return post("/events", body, h);
  }

  Reply send(HttpRequest req) {
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      String ct = r.headers().firstValue("Content-Type").orElse("");
      if (ct.startsWith("application/json")) {
        json = RecoServer.JSON.readTree(r.body());
      }
      return new Reply(r.statusCode(), r.body(), json, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
