package io.reco4j.server;

import io.reco4j.data.Dataset;
import io.reco4j.server.registry.ModelRegistry;
import io.reco4j.server.registry.Registration;
import io.reco4j.server.training.RetrainScheduler;
import io.reco4j.server.training.TrainingOptions;
import io.reco4j.server.training.TrainingPipeline;
import io.reco4j.store.EventStore;
import io.reco4j.store.EventStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole service as {@code reco serve} runs it, assembled in one place so that the CLI, the
 * browser tests and the crash tests start exactly the same thing: the event store (embedded SQLite
 * under the state directory unless the config names another), the HTTP server (listening, and
 * answering 503 "starting", before the model is ready), then either a model registry with its
 * training pipeline and retrain scheduler — the first start trains and promotes the configured
 * model, later starts serve the registry's live version — or, without a registry, a model trained
 * at start-up or loaded from a file.
 *
 * <p>{@link #close()} stops the server first (no new requests), then the scheduler, the registry
 * and the store.
 */
public final class RecoService implements AutoCloseable {
  /** Loads the base dataset (titles, genres, training rows); may be slow, runs after listen. */
  @FunctionalInterface
  public interface BaseData {
    /** The dataset, or null when there is none. */
    Dataset load() throws IOException;
  }

  /**
   * When and how the registry's training pipeline retrains (needs a registry).
   *
   * @param every automatic retrain period, or null
   * @param afterEvents retrain after this many new events; 0 for never
   * @param metric the holdout metric that decides promotion (e.g. {@code ndcg@10},
   *     {@code recall@20}, {@code rmse}), or null for the default (rmse for rating models,
   *     ndcg@10 for ranking models)
   * @param tolerance the relative regression allowed before a candidate is rejected
   */
  public record Retraining(Duration every, long afterEvents, String metric, double tolerance) {
    public Retraining {
      if (afterEvents < 0) {
        throw new IllegalArgumentException("afterEvents: must be >= 0, got " + afterEvents);
      }
      if (every != null && (every.isZero() || every.isNegative())) {
        throw new IllegalArgumentException("every: must be positive, got " + every);
      }
    }

    /**
     * Only manual retraining ({@code POST /admin/models/train}), default metric, 2% tolerance.
     */
    public static Retraining manual() {
      return new Retraining(null, 0, null, 0.02);
    }

    boolean automatic() {
      return every != null || afterEvents > 0;
    }
  }

  private final ServerConfig config;
  private final RecoServer server;
  private final EventStore store;
  private final ModelRegistry registry;
  private final RetrainScheduler scheduler;
  private final Dataset base;

  private RecoService(ServerConfig config, RecoServer server, EventStore store,
      ModelRegistry registry, RetrainScheduler scheduler, Dataset base) {
    this.config = config;
    this.server = server;
    this.store = store;
    this.registry = registry;
    this.scheduler = scheduler;
    this.base = base;
  }

  /**
   * Opens the store, starts listening, loads the data and brings a model live.
   *
   * @param config the server settings
   * @param demoKey the generated demo key ({@code GET /demo/config}), or null
   * @param baseData the base dataset's loader
   * @param retraining automatic retraining; only with a registry
   * @param log progress lines for the operator
   */
  public static RecoService start(ServerConfig config, String demoKey, BaseData baseData,
      Retraining retraining, Consumer<String> log) throws IOException {
    if (retraining.automatic() && config.registry() == null) {
      throw new IllegalArgumentException("automatic retraining needs a model registry");
    }
    Path state = Path.of(config.stateDir());
    Files.createDirectories(state);
    EventStore store = EventStores.open(config.store(), state.resolve("events.db"));
    RecoServer server = null;
    ModelRegistry registry = null;
    RetrainScheduler scheduler = null;
    try {
      server = new RecoServer(config, store, demoKey).start();
      log.accept("listening on " + url(config, server) + " (store: " + store.describe()
          + "); loading the model…");
      Dataset base = baseData.load();
      if (config.registry() != null) {
        registry = ModelRegistry.open(Path.of(config.registry()));
        if (registry.live().isEmpty()) {
          ServedModel first = StartupModel.build(config, base);
          String v = registry.register(first.model(), new Registration(Map.of(), 0,
              "start-up model trained by reco serve",
              base == null ? null : base.name() + " " + base.fingerprint()));
          registry.promote(v);
        }
        TrainingPipeline pipeline = new TrainingPipeline(registry, store, base,
            new TrainingOptions(config.algo(), "user:0.2", 42L, retraining.metric(),
                retraining.tolerance(), true,
                config.weights(), Math.max(1, Runtime.getRuntime().availableProcessors()),
                TrainingOptions.Comparison.SAME_SPLIT));
        scheduler = new RetrainScheduler(pipeline, store, retraining.every(),
            retraining.afterEvents(), Duration.ofSeconds(5));
        server.attachRegistry(registry, base, scheduler);
        scheduler.start(server.live().lastSequence());
        if (retraining.automatic()) {
          log.accept("retraining" + (retraining.every() != null
              ? " every " + retraining.every().toSeconds() + " s" : "")
              + (retraining.every() != null && retraining.afterEvents() > 0 ? " or" : "")
              + (retraining.afterEvents() > 0
                  ? " after " + retraining.afterEvents() + " new events" : ""));
        }
      } else {
        server.serve(StartupModel.build(config, base));
      }
      return new RecoService(config, server, store, registry, scheduler, base);
    } catch (IOException | RuntimeException e) {
      closeAll(server, scheduler, registry, store);
      throw e;
    }
  }

  private static String url(ServerConfig config, RecoServer server) {
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    return "http://" + host + ":" + server.port() + "/";
  }

  /** The service's base URL, e.g. {@code http://localhost:8080/}. */
  public String url() {
    return url(config, server);
  }

  /** The HTTP server. */
  public RecoServer server() {
    return server;
  }

  /** The event store. */
  public EventStore store() {
    return store;
  }

  /** The model registry, or null when serving without one. */
  public ModelRegistry registry() {
    return registry;
  }

  /** The retrain scheduler, or null without a registry. */
  public RetrainScheduler scheduler() {
    return scheduler;
  }

  /** The base dataset, or null. */
  public Dataset base() {
    return base;
  }

  @Override
  public void close() throws IOException {
    closeAll(server, scheduler, registry, store);
  }

  private static void closeAll(RecoServer server, RetrainScheduler scheduler,
      ModelRegistry registry, EventStore store) throws IOException {
    try {
      if (server != null) {
        server.close();
      }
      if (scheduler != null) {
        scheduler.close();
      }
    } finally {
      try {
        if (registry != null) {
          registry.close();
        }
      } finally {
        store.close();
      }
    }
  }
}
