package io.reco4j.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service's Prometheus metrics (Micrometer): request latency per route template, method and
 * status with a percentile histogram; {@code reco_model_version_info}; ingest, fold-in and
 * recommendation counters; JVM and process metrics. Thread-safe.
 */
final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter ingested;
  private final Counter foldIns;
  private final MultiGauge modelInfo;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
    ingested = Counter.builder("reco.events.ingested")
        .description("Events accepted by POST /events (duplicates of an idempotent retry excluded)")
        .register(registry);
    foldIns = Counter.builder("reco.foldin")
        .description("Recommendation requests answered by folding in a user history")
        .register(registry);
    modelInfo = MultiGauge.builder("reco.model.version.info")
        .description("The live model: 1 for the served version and algorithm")
        .register(registry);
  }

  /** Exposes the scoring batcher's counters: mean batch = scored / batches. */
  void bindBatcher(ScoreBatcher batcher) {
    io.micrometer.core.instrument.FunctionCounter.builder("reco.score.batches", batcher,
            b -> b.counts()[0])
        .description("Passes over the item factors that scored known users").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("reco.score.batched.requests", batcher,
            b -> b.counts()[1])
        .description("Known-user requests scored by those passes").register(registry);
  }

  /** Records one HTTP request. */
  void request(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("HTTP requests by route template, method and status")
        .tags("method", method, "uri", route, "status", Integer.toString(status),
            "outcome", outcome(status))
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private static String outcome(int status) {
    if (status >= 500) {
      return "SERVER_ERROR";
    }
    if (status >= 400) {
      return "CLIENT_ERROR";
    }
    return status >= 300 ? "REDIRECTION" : "SUCCESS";
  }

  /** Counts accepted events. */
  void ingested(int n) {
    ingested.increment(n);
  }

  /** Counts a recommendation answered by {@code path}. */
  void recommendation(String path) {
    Counter.builder("reco.recommendations").description("Recommendation requests by path")
        .tag("path", path).register(registry).increment();
    if (path.equals("fold-in")) {
      foldIns.increment();
    }
  }

  /** Marks the live model. */
  void modelLive(String version, String algorithm) {
    modelInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", version, "algorithm",
        algorithm), 1)), true);
  }

  /** The Prometheus text exposition. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
