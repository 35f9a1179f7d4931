package io.reco4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.reco4j.server.training.EventWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the service needs to start, as one record: loadable from YAML or JSON (unknown fields
 * are errors naming the field) and validated in the compact constructor.
 *
 * <pre>{@code
 * port: 8080
 * data: ml-latest-small
 * algo: ials
 * implicit: true
 * apiKeyHashes: ["3f9a…:5b1c…"]
 * }</pre>
 *
 * @param port TCP port; 0 picks a free one (tests)
 * @param host interface to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param data the base dataset (a name looked up like {@code reco --data}, or a path), or null
 * @param algo the algorithm trained at start-up when no {@code model} file is given
 * @param params algorithm parameter overrides ({@code --param k=v}); never null
 * @param implicit train and serve on the implicit view of the data (every rating → 1)
 * @param model a model file (R4JMODEL) to serve instead of training, or null
 * @param store the event store spec ({@code sqlite:PATH}, {@code postgresql://…}), or null for the
 *     embedded default under {@code stateDir}
 * @param stateDir where the embedded store and registry live by default
 * @param registry the model registry directory, or null for none
 * @param apiKeyHashes accepted API keys as salted SHA-256 hashes {@code salt:hex} (see
 *     {@link ApiKeys}); empty means every write is refused
 * @param readAuth {@code open} (reads need no key) or {@code key}
 * @param maxBodyBytes the largest accepted request body in bytes (default 1 MiB)
 * @param maxBatchEvents the most events one {@code POST /events} may carry (default 1,000)
 * @param threads HTTP worker threads; 0 for Jetty's default
 * @param eventWeights for implicit models (the rules of {@link EventWeights}, shared with
 *     retraining): the strength of an event per type; a type not listed counts
 *     {@code defaultEventWeight}; 0 drops the event from fold-in (it still counts as seen)
 * @param defaultEventWeight the weight of event types not in {@code eventWeights}
 * @param ratingThreshold for implicit models: a rating event counts 1 when its value is at least
 *     this, else nothing (a low rating is not a positive signal). Rating models fold in rating
 *     events with their value and ignore other types.
 */
public record ServerConfig(int port, String host, String data, String algo,
    Map<String, String> params, boolean implicit, String model, String store, String stateDir,
    String registry, List<String> apiKeyHashes, String readAuth, long maxBodyBytes,
    int maxBatchEvents, int threads, Map<String, Float> eventWeights, float defaultEventWeight,
    float ratingThreshold) {

  /** Default body limit: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;
  /** Default batch limit. */
  public static final int DEFAULT_MAX_BATCH_EVENTS = 1000;
  /** Default fold-in weights per event type. */
  public static final Map<String, Float> DEFAULT_EVENT_WEIGHTS =
      EventWeights.defaults().typeWeights();

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " is not in 0..65535");
    }
    host = host == null || host.isBlank() ? "0.0.0.0" : host;
    algo = algo == null || algo.isBlank() ? "ials" : algo;
    params = params == null ? Map.of() : Map.copyOf(params);
    stateDir = stateDir == null || stateDir.isBlank() ? "reco-state" : stateDir;
    apiKeyHashes = apiKeyHashes == null ? List.of() : List.copyOf(apiKeyHashes);
    for (int k = 0; k < apiKeyHashes.size(); k++) {
      try {
        ApiKeys.parseHash(apiKeyHashes.get(k));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("apiKeyHashes[" + k + "]: " + e.getMessage(), e);
      }
    }
    readAuth = readAuth == null ? "open" : readAuth.toLowerCase(Locale.ROOT);
    if (!readAuth.equals("open") && !readAuth.equals("key")) {
      throw new IllegalArgumentException("readAuth: '" + readAuth + "' is not open or key");
    }
    maxBodyBytes = maxBodyBytes == 0 ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " is below 1024");
    }
    maxBatchEvents = maxBatchEvents == 0 ? DEFAULT_MAX_BATCH_EVENTS : maxBatchEvents;
    if (maxBatchEvents < 1) {
      throw new IllegalArgumentException("maxBatchEvents: must be at least 1");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads: must be 0 (default) or positive");
    }
    Map<String, Float> w = new LinkedHashMap<>(DEFAULT_EVENT_WEIGHTS);
    if (eventWeights != null) {
      for (Map.Entry<String, Float> e : eventWeights.entrySet()) {
        if (e.getValue() == null || !Float.isFinite(e.getValue())) {
          throw new IllegalArgumentException("eventWeights." + e.getKey() + ": not a finite number");
        }
        w.put(e.getKey(), e.getValue());
      }
    }
    eventWeights = Map.copyOf(w);
    // EventWeights validates the weights (finite, >= 0, no "rating" entry), naming the field
    new EventWeights(eventWeights, defaultEventWeight, ratingThreshold, 1f, 10f);
  }

  /** The defaults: port 8080 on every interface, iALS, open reads, no keys. */
  public static ServerConfig defaults() {
    return new ServerConfig(8080, "0.0.0.0", null, "ials", Map.of(), false, null, null,
        "reco-state", null, List.of(), "open", DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BATCH_EVENTS, 0,
        DEFAULT_EVENT_WEIGHTS, 1f, EventWeights.defaults().ratingThreshold());
  }

  /** How events become values, for fold-in and retraining alike. */
  public EventWeights weights() {
    EventWeights d = EventWeights.defaults();
    return new EventWeights(eventWeights, defaultEventWeight, ratingThreshold, d.ratingWeight(),
        d.maxWeight());
  }

  /** Whether reads need an API key. */
  public boolean readsNeedKey() {
    return readAuth.equals("key");
  }

  /** This config on another port. */
  public ServerConfig withPort(int p) {
    return new ServerConfig(p, host, data, algo, params, implicit, model, store, stateDir, registry,
        apiKeyHashes, readAuth, maxBodyBytes, maxBatchEvents, threads, eventWeights,
        defaultEventWeight, ratingThreshold);
  }

  /** This config with these accepted key hashes. */
  public ServerConfig withApiKeyHashes(List<String> hashes) {
    return new ServerConfig(port, host, data, algo, params, implicit, model, store, stateDir,
        registry, hashes, readAuth, maxBodyBytes, maxBatchEvents, threads, eventWeights,
        defaultEventWeight, ratingThreshold);
  }

  /** This config with another read-auth mode. */
  public ServerConfig withReadAuth(String mode) {
    return new ServerConfig(port, host, data, algo, params, implicit, model, store, stateDir,
        registry, apiKeyHashes, mode, maxBodyBytes, maxBatchEvents, threads, eventWeights,
        defaultEventWeight, ratingThreshold);
  }

  /** Parses JSON; errors name the field. */
  public static ServerConfig fromJson(String json) {
    return read(JSON, json);
  }

  /** Parses YAML; errors name the field. */
  public static ServerConfig fromYaml(String yaml) {
    return read(YAML, yaml);
  }

  /** Reads a {@code .json}, {@code .yaml} or {@code .yml} file. */
  public static ServerConfig load(Path file) throws IOException {
    String text = Files.readString(file);
    return file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? fromJson(text)
        : fromYaml(text);
  }

  /** JSON text of this config. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ServerConfig read(ObjectMapper mapper, String text) {
    try {
      // missing fields take the defaults: merge over the defaults' tree
      var tree = JSON.valueToTree(defaults());
      var given = mapper.readTree(text == null || text.isBlank() ? "{}" : text);
      if (!given.isObject()) {
        throw new IllegalArgumentException("server config must be an object");
      }
      ((com.fasterxml.jackson.databind.node.ObjectNode) tree)
          .setAll((com.fasterxml.jackson.databind.node.ObjectNode) given);
      return JSON.treeToValue(tree, ServerConfig.class);
    } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException("invalid server config: " + c.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid server config: " + e.getOriginalMessage(), e);
    }
  }
}
