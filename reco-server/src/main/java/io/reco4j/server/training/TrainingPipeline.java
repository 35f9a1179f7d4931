package io.reco4j.server.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.EvaluationResult;
import io.reco4j.eval.Evaluator;
import io.reco4j.model.Configs;
import io.reco4j.model.Model;
import io.reco4j.model.Trainer;
import io.reco4j.server.registry.LiveModel;
import io.reco4j.server.registry.ModelRegistry;
import io.reco4j.server.registry.Registration;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import io.reco4j.store.EventStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains a model from the base dataset plus the stored events and decides whether it replaces
 * the live one:
 *
 * <ol>
 *   <li>algorithm and config: the request's, defaulting to the live model's (its config with the
 *       request's params merged over it), else {@link TrainingOptions#defaultAlgorithm()};
 *   <li>data: {@link EventDatasets} up to the store's last sequence at the start (the watermark),
 *       explicit ratings for rating models (global-mean, bias, svd, svdpp, als, itemknn, userknn),
 *       implicit strengths for ranking models;
 *   <li>a seeded holdout ({@link Splits}, {@code user:0.2} by default), training on its train part
 *       and {@link Evaluator} on its test part (ndcg@10 and recall@10, or rmse and mae);
 *   <li>the decision: the first model is always promoted; otherwise the candidate is promoted when
 *       its deciding metric does not regress beyond the tolerance against the live version's
 *       recorded value (promoted too when live has no value of that metric, saying so);
 *   <li>a refit on all data for serving (configurable), registration with full provenance
 *       (metrics, watermark, base-data fingerprint, params and code version in the model's
 *       provenance line) and promotion, or rejection with the reason.
 * </ol>
 *
 * <p>Runs are serialised: a second caller waits for the first (the scheduler never even tries
 * two). A run that throws registers nothing and leaves the live model as it was. Thread-safe.
 */
public final class TrainingPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingPipeline.class);
  /** Algorithms trained on explicit ratings (and judged by rmse by default). */
  public static final Set<String> RATING_ALGORITHMS =
      Set.of("global-mean", "bias", "svd", "svdpp", "als", "itemknn", "userknn");

  private final ModelRegistry registry;
  private final EventStore store;
  private final Dataset base;
  private final TrainingOptions options;
  private final ReentrantLock running = new ReentrantLock();

  /**
   * @param registry where models are registered and promoted
   * @param store the events
   * @param base the base dataset, or null for events only
   * @param options split, metric, tolerance, refit, weights
   */
  public TrainingPipeline(ModelRegistry registry, EventStore store, Dataset base,
      TrainingOptions options) {
    this.registry = registry;
    this.store = store;
    this.base = base;
    this.options = options;
  }

  /** The options in force. */
  public TrainingOptions options() {
    return options;
  }

  /** Whether a run is in progress. */
  public boolean isRunning() {
    return running.isLocked();
  }

  /**
   * Trains, evaluates, registers, and promotes or rejects (see the class comment).
   *
   * @throws IllegalArgumentException for an unknown algorithm or a bad parameter, naming it
   * @throws IOException when the registry cannot be written
   */
  public TrainingResult run(TrainingRequest request) throws IOException {
    running.lock();
    try {
      return runLocked(request == null ? TrainingRequest.retrainLive() : request);
    } finally {
      running.unlock();
    }
  }

  private TrainingResult runLocked(TrainingRequest request) throws IOException {
    long t0 = System.nanoTime();
    Optional<LiveModel> live = registry.live();
    String algo = resolveAlgorithm(request, live);
    String configJson = resolveConfig(algo, request, live);
    Trainer<? extends Model> trainer = Algorithms.trainer(algo, configJson);
    String fullConfig = Configs.toJson(trainer.config());
    boolean rating = RATING_ALGORITHMS.contains(algo);
    long watermark = store.lastSequence();
    EventDatasets.Built built = EventDatasets.build(base, store, watermark,
        rating ? EventDatasets.Mode.EXPLICIT : EventDatasets.Mode.IMPLICIT, options.weights(),
        options.threads());
    Dataset data = built.dataset();
    LOG.info("training {} {} on {}: {} users, {} items, {} interactions ({} of {} events used)",
        algo, fullConfig, data.name(), data.userCount(), data.itemCount(), data.size(),
        built.eventsUsed(), built.eventsScanned());

    Split split = Splits.parse(options.split()).split(data, options.seed()).get(0);
    Model holdoutModel = trainer.train(split.train());
    String metric = options.metric() != null ? options.metric() : rating ? "rmse" : "ndcg@10";
    String list = rating ? "rmse,mae" : "ndcg@10,recall@10";
    if (!list.contains(metric)) {
      list = metric + "," + list;
    }
    EvaluationResult er = Evaluator.evaluate(holdoutModel, split,
        EvalOptions.of(list).withThreads(options.threads()));
    Map<String, Double> metrics = new LinkedHashMap<>(er.values());
    double value = er.require(metric);

    Double liveValue = live.map(l -> l.version().metrics().get(metric)).orElse(null);
    boolean lowerIsBetter = isErrorMetric(metric);
    boolean promote;
    String reason;
    if (Double.isNaN(value)) {
      promote = false;
      reason = metric + " is not a number on the holdout";
    } else if (live.isEmpty()) {
      promote = true;
      reason = "first model: " + fmt(metric, value);
    } else if (liveValue == null || liveValue.isNaN()) {
      promote = true;
      reason = "live version " + live.get().version().version() + " has no recorded " + metric
          + "; " + fmt(metric, value);
    } else {
      double bar = lowerIsBetter ? liveValue * (1 + options.tolerance())
          : liveValue * (1 - options.tolerance());
      promote = lowerIsBetter ? value <= bar : value >= bar;
      reason = String.format(Locale.ROOT, "%s %.4f %s live %s %.4f (tolerance %.1f%%: %s %.4f)",
          metric, value, promote ? "does not regress against" : "regresses against",
          live.get().version().version(), liveValue, options.tolerance() * 100,
          lowerIsBetter ? "at most" : "at least", bar);
    }

    Model serving = promote && options.refit() ? trainer.train(data) : holdoutModel;
    String baseData = base == null ? null : base.name() + " [" + base.fingerprint() + "]";
    String version = registry.register(serving,
        new Registration(metrics, built.watermark(), reason, baseData));
    if (promote) {
      registry.promote(version);
    } else {
      registry.reject(version, reason);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    LOG.info("{} {}: {}", version, promote ? "promoted" : "rejected", reason);
    return new TrainingResult(version, promote, reason, algo, fullConfig, metric, value,
        liveValue, Map.copyOf(metrics), built.watermark(), data.userCount(), data.itemCount(),
        data.size(), seconds);
  }

  private String resolveAlgorithm(TrainingRequest request, Optional<LiveModel> live) {
    if (request.algorithm() != null && !request.algorithm().isBlank()) {
      return Algorithms.canonicalName(request.algorithm().strip());
    }
    return live.map(l -> l.model().algorithm()).orElse(options.defaultAlgorithm());
  }

  private static String resolveConfig(String algo, TrainingRequest request,
      Optional<LiveModel> live) {
    ObjectMapper json = Configs.json();
    try {
      ObjectNode merged = json.createObjectNode();
      if (live.isPresent() && live.get().model().algorithm().equals(algo)) {
        merged.setAll((ObjectNode) json.readTree(Configs.toJson(live.get().model().config())));
      }
      if (request.paramsJson() != null && !request.paramsJson().isBlank()) {
        JsonNode p = json.readTree(request.paramsJson());
        if (!p.isObject()) {
          throw new IllegalArgumentException("params: must be a JSON object");
        }
        merged.setAll((ObjectNode) p);
      }
      return merged.toString();
    } catch (IOException e) {
      throw new IllegalArgumentException("params: not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Whether lower values of {@code metric} are better (rmse, mae, mse). */
  public static boolean isErrorMetric(String metric) {
    String m = metric.toLowerCase(Locale.ROOT);
    return m.equals("rmse") || m.equals("mae") || m.equals("mse");
  }

  private static String fmt(String metric, double v) {
    return String.format(Locale.ROOT, "%s %.4f", metric, v);
  }
}
