package io.reco4j.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.server.ApiKeys;
import io.reco4j.server.RecoServer;
import io.reco4j.server.RecoService;
import io.reco4j.server.ServerConfig;
import io.reco4j.store.EventStore;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/**
 * The real service as {@code reco serve --demo} runs it, for the browser tests:
 * iALS (implicit view, default parameters and seed) trained at start-up on ml-latest-small and
 * registered as the first live version, the embedded SQLite event store and the model registry
 * ({@code registry/}) under a given state directory, the training pipeline behind {@code POST /admin/models/train},
 * a generated demo key handed out by {@code /demo/config}, Javalin on 127.0.0.1 and a free port.
 * Started through {@link RecoService}, the same assembly {@code ServeCommand} (reco-cli) uses.
 */
final class DemoServer implements AutoCloseable {
  final RecoService service;
  final RecoServer server;
  final EventStore store;

  private DemoServer(RecoService service) {
    this.service = service;
    this.server = service.server();
    this.store = service.store();
  }

  /** Starts the server and returns once the trained model is live. */
  static DemoServer start(Path stateDir) throws IOException {
    Path data = SharedData.root().resolve("ml-latest-small");
    if (System.getenv("CI") != null) {
      // under CI the browser tests must run: missing data is a failure, not a skip
      Assertions.assertTrue(Files.isDirectory(data), "CI is set but " + data + " is missing");
    } else {
      data = SharedData.dir("ml-latest-small");
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("port", 0);
    settings.put("host", "127.0.0.1");
    settings.put("data", data.toString());
    settings.put("algo", "ials");
    settings.put("implicit", true);
    settings.put("stateDir", stateDir.toString());
    settings.put("registry", stateDir.resolve("registry").toString());
    ServerConfig config = ServerConfig.fromJson(new ObjectMapper().writeValueAsString(settings));

    Path dataDir = data;
    // no automatic triggers: only the dashboard's Retrain button starts a job
    RecoService service = RecoService.start(config, ApiKeys.newKey(),
        () -> MovieLens.load(dataDir, LoadOptions.defaults()).dataset(),
        RecoService.Retraining.manual(), line -> { });
    return new DemoServer(service);
  }

  /** {@code http://127.0.0.1:PORT}, no trailing slash. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
