package io.reco4j.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.server.ApiKeys;
import io.reco4j.server.RecoServer;
import io.reco4j.server.ServedModel;
import io.reco4j.server.ServerConfig;
import io.reco4j.server.StartupModel;
import io.reco4j.server.registry.ModelRegistry;
import io.reco4j.server.registry.Registration;
import io.reco4j.server.training.RetrainScheduler;
import io.reco4j.server.training.TrainingOptions;
import io.reco4j.server.training.TrainingPipeline;
import io.reco4j.store.EventStore;
import io.reco4j.store.EventStores;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/**
 * The real service as {@code reco serve --demo} runs it, for the browser tests:
 * iALS (implicit view, default parameters and seed) trained at start-up on ml-latest-small and
 * registered as the first live version, the embedded SQLite event store and the model registry
 * ({@code registry/}) under a given state directory, the training pipeline behind {@code POST /admin/models/train},
 * a generated demo key handed out by {@code /demo/config}, Javalin on 127.0.0.1 and a free port.
 * The wiring follows {@code ServeCommand} (reco-cli) step by step.
 */
final class DemoServer implements AutoCloseable {
  final RecoServer server;
  final EventStore store;
  final ModelRegistry registry;
  final RetrainScheduler scheduler;

  private DemoServer(RecoServer server, EventStore store, ModelRegistry registry,
      RetrainScheduler scheduler) {
    this.server = server;
    this.store = store;
    this.registry = registry;
    this.scheduler = scheduler;
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

    EventStore store = EventStores.open(config.store(), stateDir.resolve("events.db"));
    RecoServer server = new RecoServer(config, store, ApiKeys.newKey()).start();
    ModelRegistry registry = null;
    RetrainScheduler scheduler = null;
    try {
      Dataset base = MovieLens.load(data, LoadOptions.defaults()).dataset();
      registry = ModelRegistry.open(Path.of(config.registry()));
      ServedModel first = StartupModel.build(config, base);
      String version = registry.register(first.model(), new Registration(Map.of(), 0,
          "start-up model trained by the browser test", base.name() + " " + base.fingerprint()));
      registry.promote(version);
      TrainingPipeline pipeline = new TrainingPipeline(registry, store, base,
          new TrainingOptions(config.algo(), "user:0.2", 42L, null, 0.02, true, config.weights(),
              Math.max(1, Runtime.getRuntime().availableProcessors())));
      // no automatic triggers: only the dashboard's Retrain button starts a job
      scheduler = new RetrainScheduler(pipeline, store, null, 0, Duration.ofSeconds(5));
      server.attachRegistry(registry, base, scheduler);
      scheduler.start(server.live().lastSequence());
      return new DemoServer(server, store, registry, scheduler);
    } catch (IOException | RuntimeException e) {
      close(server, scheduler, registry, store);
      throw e;
    }
  }

  /** {@code http://127.0.0.1:PORT}, no trailing slash. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() throws IOException {
    close(server, scheduler, registry, store);
  }

  private static void close(RecoServer server, RetrainScheduler scheduler, ModelRegistry registry,
      EventStore store) throws IOException {
    server.close();
    if (scheduler != null) {
      scheduler.close();
    }
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      store.close();
    }
  }
}
