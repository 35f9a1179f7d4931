package io.reco4j.server.web;

import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.server.ApiKeys;
import io.reco4j.server.RecoServer;
import io.reco4j.server.ServedModel;
import io.reco4j.server.ServerConfig;
import io.reco4j.server.StartupModel;
import io.reco4j.store.EventStore;
import io.reco4j.store.EventStores;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/**
 * The real service as {@code reco serve --demo} runs it, for the browser tests: iALS trained at
 * start-up on ml-latest-small (implicit view, default parameters and seed), the embedded SQLite
 * event store under a given state directory, a generated demo key handed out by
 * {@code /demo/config}, Javalin on 127.0.0.1 and a free port.
 */
final class DemoServer implements AutoCloseable {
  final RecoServer server;
  final EventStore store;
  final ServedModel model;

  private DemoServer(RecoServer server, EventStore store, ServedModel model) {
    this.server = server;
    this.store = store;
    this.model = model;
  }

  /** Starts the server and waits until the trained model is served. */
  static DemoServer start(Path stateDir) throws IOException {
    Path data = SharedData.root().resolve("ml-latest-small");
    if (System.getenv("CI") != null) {
      // under CI the browser tests must run: missing data is a failure, not a skip
      Assertions.assertTrue(Files.isDirectory(data), "CI is set but " + data + " is missing");
    } else {
      data = SharedData.dir("ml-latest-small");
    }
    ServerConfig config = new ServerConfig(0, "127.0.0.1", data.toString(), "ials", Map.of(),
        true, null, null, stateDir.toString(), null, List.of(), "open", 0, 0, 0, null, 1f);
    EventStore store = EventStores.open(config.store(), stateDir.resolve("events.db"));
    RecoServer server = new RecoServer(config, store, ApiKeys.newKey()).start();
    try {
      Dataset base = MovieLens.load(data, LoadOptions.defaults()).dataset();
      ServedModel model = StartupModel.build(config, base);
      server.serve(model);
      return new DemoServer(server, store, model);
    } catch (IOException | RuntimeException e) {
      server.close();
      store.close();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:PORT}, no trailing slash. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
