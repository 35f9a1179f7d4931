package io.reco4j.cli;

import io.reco4j.server.ApiKeys;
import io.reco4j.server.RecoService;
import io.reco4j.server.ServedModel;
import io.reco4j.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reco serve}: the recommendation service (docs/api.md) on a port, with the embedded event
 * store under {@code --state-dir}. {@code --demo} trains iALS on ml-latest-small and prints a
 * generated API key. Ctrl-C stops it cleanly (server, then store).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the recommendation service: HTTP API, demo page, dashboard, /docs.")
final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Server config (YAML or JSON, see ServerConfig); flags override it.")
  Path configFile;

  @Option(names = "--algo", paramLabel = "NAME", description = "Algorithm trained at start-up "
      + "(default: ials).")
  String algo;

  @Option(names = "--param", paramLabel = "FIELD=VALUE", description = "Algorithm parameter.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--implicit", description = "Train and serve on the implicit view (every "
      + "rating is an interaction).")
  Boolean implicit;

  @Option(names = "--model", paramLabel = "FILE", description = "Serve this model file instead "
      + "of training.")
  String model;

  @Option(names = "--store", paramLabel = "SPEC", description = "Event store: sqlite:PATH, a path, "
      + "or postgresql://user:pass@host/db. Default: <state-dir>/events.db.")
  String store;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the embedded store (and "
      + "registry) live. Default: ./reco-state.")
  String stateDir;

  @Option(names = "--registry", paramLabel = "DIR", description = "Model registry directory.")
  String registry;

  @Option(names = "--port", description = "Default: 8080 (0: any free port).")
  Integer port;

  @Option(names = "--host", description = "Interface to bind. Default: 0.0.0.0.")
  String host;

  @Option(names = "--api-key-hash", paramLabel = "SALT:HEX", description = "An accepted API key "
      + "as a salted SHA-256 hash (repeatable); make one with --hash-key.")
  List<String> apiKeyHashes = new ArrayList<>();

  @Option(names = "--read-auth", paramLabel = "open|key", description = "Whether reads need a key.")
  String readAuth;

  @Option(names = "--hash-key", paramLabel = "KEY", description = "Print the salted hash of KEY "
      + "for --api-key-hash and exit.")
  String hashKey;

  @Option(names = "--retrain-every", paramLabel = "MINUTES", description = "With a registry: "
      + "retrain (and promote if the holdout metric does not regress) every MINUTES minutes.")
  Double retrainEveryMinutes;

  @Option(names = "--retrain-after-events", paramLabel = "N", description = "With a registry: "
      + "retrain once N new events have arrived since the last training.")
  long retrainAfterEvents;

  @Option(names = "--promote-metric", paramLabel = "METRIC", description = "Holdout metric "
      + "that decides promotion of a retrained model (ndcg@10, recall@20, map@10, rmse, …). "
      + "Default: rmse for rating models, ndcg@10 for ranking models.")
  String promoteMetric;

  @Option(names = "--promote-tolerance", paramLabel = "FRACTION", description = "Relative "
      + "regression of that metric still promoted. Default: 0.02.")
  double promoteTolerance = 0.02;

  @Option(names = "--demo", description = "Demo mode: iALS on ml-latest-small (found or "
      + "downloaded), a model registry under the state dir, a generated API key printed once "
      + "and handed to the demo page.")
  boolean demo;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (hashKey != null) {
      out.println(ApiKeys.hash(hashKey));
      return 0;
    }
    ServerConfig c = configFile != null ? ServerConfig.load(configFile) : ServerConfig.defaults();
    String demoKey = null;
    if (demo) {
      if (data.data == null) {
        data.data = QuickstartCommand.findOrDownload(err).toString();
      }
      if (algo == null && c.model() == null && model == null) {
        algo = "ials";
        implicit = implicit == null ? Boolean.TRUE : implicit;
      }
      demoKey = ApiKeys.newKey();
      if (registry == null && c.registry() == null) {
        // the dashboard's retrain/promote/rollback need a registry: keep it with the store
        registry = Path.of(stateDir != null ? stateDir : c.stateDir()).resolve("registry")
            .toString();
      }
    }
    if ((retrainEveryMinutes != null || retrainAfterEvents > 0)
        && registry == null && c.registry() == null) {
      throw new IllegalArgumentException(
          "--retrain-every/--retrain-after-events need a model registry (--registry DIR or --demo)");
    }
    if (retrainEveryMinutes != null && !(retrainEveryMinutes > 0)) {
      throw new IllegalArgumentException("--retrain-every: must be a positive number of minutes");
    }
    if (retrainAfterEvents < 0) {
      throw new IllegalArgumentException("--retrain-after-events: must be >= 0");
    }
    List<String> hashes = new ArrayList<>(c.apiKeyHashes());
    hashes.addAll(apiKeyHashes);
    Map<String, String> mergedParams = new LinkedHashMap<>(c.params());
    mergedParams.putAll(params);
    c = new ServerConfig(port != null ? port : c.port(), host != null ? host : c.host(),
        data.data != null ? data.data : c.data(), algo != null ? algo : c.algo(), mergedParams,
        implicit != null ? implicit : c.implicit(), model != null ? model : c.model(),
        store != null ? store : c.store(), stateDir != null ? stateDir : c.stateDir(),
        registry != null ? registry : c.registry(), hashes,
        readAuth != null ? readAuth : c.readAuth(), c.maxBodyBytes(), c.maxBatchEvents(),
        c.threads(), c.eventWeights(), c.defaultEventWeight(), c.ratingThreshold());

    ServerConfig config = c;
    RecoService.BaseData baseData = () -> {
      if (config.data() != null) {
        return data.dataset(config.data(), err);
      }
      if (config.model() != null) {
        String name = io.reco4j.model.ModelFiles.readHeader(Path.of(config.model())).provenance()
            .dataName();
        try {
          return data.dataset(name, err);
        } catch (IllegalArgumentException | java.io.IOException e) {
          err.println("note: training data '" + name + "' not found; serving without titles and "
              + "seen-item exclusion (pass --data)");
        }
      }
      return null;
    };
    RecoService.Retraining retraining = new RecoService.Retraining(
        retrainEveryMinutes == null ? null
            : java.time.Duration.ofMillis(Math.round(retrainEveryMinutes * 60_000)),
        retrainAfterEvents, promoteMetric, promoteTolerance);
    RecoService service = RecoService.start(c, demoKey, baseData, retraining, line -> {
      err.println(line);
      err.flush();
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close();
      } catch (java.io.IOException e) {
        // exiting anyway; the store and registry are crash-safe
      }
      stopped.countDown();
    }, "reco-shutdown"));
    String url = service.url();
    ServedModel served = service.server().live();
    out.println("reco4j service ready: " + url + "  (API docs: " + url + "docs, dashboard: " + url
        + "dashboard)");
    out.println("model " + served.version() + ": " + served.model().provenance().oneLine());
    if (demoKey != null) {
      out.println("demo API key (shown once): " + demoKey);
    }
    out.println("Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
