package io.reco4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.model.Configs;
import io.reco4j.model.Model;
import io.reco4j.server.registry.LiveModel;
import io.reco4j.server.registry.ModelRegistry;
import io.reco4j.server.registry.ModelVersion;
import io.reco4j.server.registry.RegistryException;
import io.reco4j.server.registry.UnknownVersionException;
import io.reco4j.server.training.EventDatasets;
import io.reco4j.server.training.RetrainScheduler;
import io.reco4j.server.training.TrainingJob;
import io.reco4j.server.training.TrainingPipeline;
import io.reco4j.server.training.TrainingRequest;
import io.reco4j.server.training.TrainingResult;
import io.reco4j.store.AppendResult;
import io.reco4j.store.Event;
import io.reco4j.store.EventStore;
import io.reco4j.store.StoredEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recommendation service: the HTTP API of docs/api.md on Javalin (Jetty 12), serving an
 * immutable {@link ServedModel} snapshot that {@link #serve} swaps atomically, ingesting events into
 * an {@link EventStore}, and exposing Prometheus metrics, dashboard stats, the OpenAPI document,
 * Swagger UI and the static web pages.
 *
 * <pre>{@code
 * try (EventStore store = ...; RecoServer server = new RecoServer(config, store, null)) {
 *   server.start();
 *   server.serve(ServedModel.of("v000001", model, dataset, 0));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every request reads the live snapshot once; a swap never breaks an in-flight
 * request. Every client error is a JSON 4xx naming the field; a server fault is a 500 with an error
 * id that is logged with the stack trace.
 */
public final class RecoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecoServer.class);
  static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final String ROUTE_ATTR = "reco.route";
  private static final String START_ATTR = "reco.start";

  /** Who may call a route. */
  enum Access { OPEN, READ, WRITE }

  /** A registered route: method and path template as Javalin and the OpenAPI document spell it. */
  public record Route(String method, String path) {}

  private final ServerConfig config;
  private final EventStore store;
  private final String demoKey;
  private final ApiKeys keys;
  private final AtomicReference<ServedModel> live = new AtomicReference<>();
  private final RecentEvents recent = new RecentEvents();
  private final ReadService reads;
  private final EventParser parser;
  private final Metrics metrics = new Metrics();
  private final Stats stats = new Stats(System::currentTimeMillis, true);
  private final List<Route> routes = new ArrayList<>();
  private final Object swapLock = new Object();
  private long recentFloor = -1; // events above this sequence are in `recent`
  private Javalin app;
  private volatile ModelRegistry registry;
  private volatile Dataset registryBase;
  private volatile RetrainScheduler retrain;

  /**
   * @param config the configuration (port, limits, keys, event weights)
   * @param store the event store; owned by the caller
   * @param demoKey in demo mode the plain API key handed to the demo page by
   *     {@code GET /demo/config} (its hash is accepted too); null otherwise
   */
  public RecoServer(ServerConfig config, EventStore store, String demoKey) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    this.demoKey = demoKey;
    List<String> hashes = new ArrayList<>(config.apiKeyHashes());
    if (demoKey != null) {
      hashes.add(ApiKeys.hash(demoKey));
    }
    this.keys = new ApiKeys(hashes);
    this.reads = new ReadService(config, store, recent);
    metrics.bindBatcher(reads.batcher());
    this.parser = new EventParser(config.maxBatchEvents(), System::currentTimeMillis);
  }

  /** Starts listening; returns this. Reads answer 503 until {@link #serve} is called. */
  public synchronized RecoServer start() {
    if (app != null) {
      throw new IllegalStateException("already started");
    }
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.http.prefer405over404 = true;
      cfg.http.maxRequestSize = config.maxBodyBytes() + 1;
      if (config.threads() > 0) {
        cfg.jetty.threadPool = new QueuedThreadPool(Math.max(config.threads(), 4),
            Math.min(config.threads(), 4));
      }
      cfg.staticFiles.enableWebjars();
      cfg.routes.before(ctx -> ctx.attribute(START_ATTR, System.nanoTime()));
      cfg.routes.exception(ApiException.class, (e, ctx) -> writeError(ctx, e));
      cfg.routes.exception(HttpResponseException.class, (e, ctx) -> writeError(ctx,
          fromJavalin(e.getStatus(), e.getMessage())));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        String id = UUID.randomUUID().toString();
        LOG.error("internal error {} on {} {}", id, ctx.method(), ctx.path(), e);
        writeError(ctx, new ApiException(500, "internal", null, "internal error, id " + id));
      });
      cfg.routes.error(404, ctx -> {
        if (ctx.attribute(ROUTE_ATTR) == null && !Boolean.TRUE.equals(ctx.attribute("reco.err"))) {
          writeError(ctx, ApiException.notFound("no route " + ctx.method() + " " + ctx.path()));
        }
      });
      cfg.routes.error(405, ctx -> writeError(ctx, new ApiException(405, "method_not_allowed",
          null, "method " + ctx.method() + " is not allowed on " + ctx.path())));
      cfg.requestLogger.http((ctx, ms) -> afterRequest(ctx));
      registerRoutes(cfg.routes);
    });
    app.start(config.host(), config.port());
    LOG.info("reco server listening on http://{}:{}/ (store: {})", config.host(), port(),
        store.describe());
    if (keys.isEmpty()) {
      LOG.warn("no API key configured: every write and admin request will be refused with 401");
    }
    return this;
  }

  /** The port listened on (the chosen one when configured as 0). */
  public int port() {
    return app.port();
  }

  /** The routes registered, in registration order. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The live snapshot, or null before the first {@link #serve}. */
  public ServedModel live() {
    return live.get();
  }

  /**
   * Makes {@code model} live. In-flight requests finish on the previous snapshot; events newer than
   * the model's watermark are (re)loaded from the store when the in-memory index does not cover
   * them (first model, or a rollback to an older watermark).
   */
  public void serve(ServedModel model) {
    Objects.requireNonNull(model, "model");
    warmUp(model);
    synchronized (swapLock) {
      if (recentFloor < 0 || model.lastSequence() < recentFloor) {
        long n = store.scan(model.lastSequence(), 10_000, recent::addAll);
        LOG.info("loaded {} event(s) newer than model {} (sequence > {})", n, model.version(),
            model.lastSequence());
        recentFloor = model.lastSequence();
      }
      live.set(model);
      // the new snapshot filters by its own watermark, so trimming after the swap is safe
      recent.dropUpTo(model.lastSequence());
      recentFloor = model.lastSequence();
      metrics.modelLive(model.version(), model.model().algorithm());
      LOG.info("model {} live: {}", model.version(), model.model().provenance().oneLine());
    }
  }

  /**
   * Scores a few users alone and in batches before the model goes live, so the JIT has compiled
   * the scoring kernels' single-user and batched paths: a vector kernel run by the interpreter is
   * two orders of magnitude slower, and the first batch of a busy minute would otherwise stall
   * every request waiting on it.
   */
  private static void warmUp(ServedModel model) {
    if (!(model.model() instanceof io.reco4j.model.ItemScorer scorer)) {
      return;
    }
    int users = model.users().size();
    int items = model.items().size();
    if (users == 0 || items == 0) {
      return;
    }
    long start = System.nanoTime();
    int batch = Math.min(ScoreBatcher.MAX_BATCH, users);
    int[] ids = new int[batch];
    float[][] out = new float[batch][items];
    for (int round = 0; round < 12; round++) {
      for (int j = 0; j < batch; j++) {
        ids[j] = (int) ((round * 7919L + j * 104729L) % users);
      }
      scorer.scoreItems(ids, out);
      scorer.scoreItems(ids[0], out[0]);
      scorer.scoreItems(java.util.Arrays.copyOf(ids, Math.min(5, batch)), out);
    }
    LOG.info("warmed up the scoring of model {} in {} ms", model.version(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Serves the registry's live model from now on: every promotion (through the registry, a
   * training job, or {@code POST /admin/models/{version}/promote}) swaps the served snapshot; the
   * admin endpoints list, train and promote the registry's versions. Called with a model already
   * live, serves it at once.
   *
   * @param base the base dataset as loaded (not the implicit view), or null; a version trained on
   *     stored events is served with its training data rebuilt from base + events up to its
   *     watermark ({@link EventDatasets}), so seen items and fold-in histories match the model
   * @param scheduler runs {@code POST /admin/models/train} jobs, or null to refuse training (409)
   */
  public void attachRegistry(ModelRegistry models, Dataset base, RetrainScheduler scheduler) {
    this.registryBase = base;
    this.retrain = scheduler;
    this.registry = Objects.requireNonNull(models, "models");
    models.onPromote(l -> serve(snapshot(l)));
  }

  private ServedModel snapshot(LiveModel l) {
    Model model = l.model();
    long watermark = Math.max(0, l.version().trainedOnEvents());
    Dataset base = registryBase;
    Dataset data = StartupModel.servingData(config, base);
    boolean sameSpaces = data != null && data.users().equals(model.users())
        && data.items().equals(model.items());
    if ((watermark > 0 || !sameSpaces) && (base != null || watermark > 0)) {
      boolean ratings = TrainingPipeline.RATING_ALGORITHMS.contains(model.algorithm());
      data = EventDatasets.build(base, store, watermark, ratings ? EventDatasets.Mode.EXPLICIT
          : EventDatasets.Mode.IMPLICIT, config.weights(),
          Math.max(1, Runtime.getRuntime().availableProcessors())).dataset();
    }
    return ServedModel.of(l.version().version(), model, data, watermark);
  }

  @Override
  public synchronized void close() {
    if (app != null) {
      app.stop();
      app = null;
    }
    stats.close();
    metrics.close();
  }

  // ---------------------------------------------------------------- routing

  private void registerRoutes(io.javalin.config.RoutesConfig r) {
    route(r, "GET", "/users/{userId}/recommendations", Access.READ, this::recommendations);
    route(r, "GET", "/users/{userId}/history", Access.READ, this::history);
    route(r, "GET", "/items/{itemId}/similar", Access.READ, this::similar);
    route(r, "GET", "/items/{itemId}", Access.READ, this::item);
    route(r, "GET", "/items", Access.READ, this::search);
    route(r, "GET", "/health", Access.OPEN, this::health);
    route(r, "GET", "/metrics", Access.READ, ctx -> ctx.contentType(
        "text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    route(r, "POST", "/events", Access.WRITE, this::ingest);
    route(r, "GET", "/admin/models", Access.WRITE, this::adminModels);
    route(r, "POST", "/admin/models/train", Access.WRITE, this::adminTrain);
    route(r, "GET", "/admin/jobs/{job}", Access.WRITE, this::adminJob);
    route(r, "POST", "/admin/models/{version}/promote", Access.WRITE, this::adminPromote);
    route(r, "GET", "/admin/stats", Access.WRITE, this::adminStats);
    route(r, "GET", "/openapi.json", Access.OPEN, ctx -> resource(ctx,
        "io/reco4j/server/openapi.json", JSON_TYPE));
    route(r, "GET", "/docs", Access.OPEN, ctx -> resource(ctx, "io/reco4j/server/docs.html",
        "text/html; charset=utf-8"));
    route(r, "GET", "/", Access.OPEN, ctx -> resource(ctx, "web/index.html",
        "text/html; charset=utf-8"));
    route(r, "GET", "/dashboard", Access.OPEN, ctx -> resource(ctx, "web/dashboard.html",
        "text/html; charset=utf-8"));
    route(r, "GET", "/static/{path}", Access.OPEN, this::staticFile);
    route(r, "GET", "/demo/config", Access.OPEN, this::demoConfig);
  }

  private void route(io.javalin.config.RoutesConfig r, String method, String path, Access access,
      io.javalin.http.Handler h) {
    routes.add(new Route(method, path));
    String javalinPath = path.equals("/static/{path}") ? "/static/<path>" : path;
    io.javalin.http.Handler wrapped = ctx -> {
      ctx.attribute(ROUTE_ATTR, path);
      authorize(ctx, access);
      h.handle(ctx);
    };
    r.addEndpoint(new io.javalin.router.Endpoint(method.equals("GET") ? HandlerType.GET : HandlerType.POST,
        javalinPath,
        wrapped));
  }

  private void authorize(Context ctx, Access access) {
    if (access == Access.OPEN || (access == Access.READ && !config.readsNeedKey())) {
      return;
    }
    String key = ctx.header("X-API-Key");
    if (key == null) {
      String auth = ctx.header("Authorization");
      if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        key = auth.substring(7).strip();
      }
    }
    if (key == null || key.isEmpty()) {
      throw ApiException.unauthorized("an API key is required (X-API-Key or Authorization: "
          + "Bearer)");
    }
    if (!keys.verify(key)) {
      throw ApiException.unauthorized("the API key is not valid");
    }
  }

  private void afterRequest(Context ctx) {
    Long start = ctx.attribute(START_ATTR);
    long nanos = start == null ? 0 : System.nanoTime() - start;
    String route = ctx.attribute(ROUTE_ATTR);
    if (route == null) {
      route = ctx.path().startsWith("/webjars/") ? "/webjars/*" : "UNMATCHED";
    }
    int status = ctx.statusCode();
    metrics.request(ctx.method().name(), route, status, nanos);
    if (!route.equals("/admin/stats") && !route.equals("/metrics")
        && !route.startsWith("/static") && !route.startsWith("/webjars")) {
      stats.request(nanos / 1000);
    }
  }

  // ---------------------------------------------------------------- errors and bodies

  private static ApiException fromJavalin(int status, String message) {
    String error = switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      default -> status >= 500 ? "internal" : "bad_request";
    };
    return new ApiException(status, error, null, message == null || message.isBlank()
        ? error.replace('_', ' ') : message);
  }

  private static void writeError(Context ctx, ApiException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", e.status());
    body.put("error", e.error());
    body.put("message", e.getMessage());
    if (e.field() != null) {
      body.put("field", e.field());
    }
    ctx.attribute("reco.err", Boolean.TRUE);
    ctx.status(e.status());
    writeJson(ctx, body);
  }

  /** Reads and discards up to {@code limit} bytes (fewer at the end of the stream). */
  private static void drain(InputStream in, long limit) throws IOException {
    byte[] sink = new byte[64 * 1024];
    long left = limit;
    int r;
    while (left > 0 && (r = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
      left -= r;
    }
  }

  private static void writeJson(Context ctx, Object body) {
    try {
      ctx.contentType(JSON_TYPE).result(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /**
   * Most bytes of a refused oversized body read and discarded before the 413 is sent: a client
   * still writing its body when the server answers and closes would otherwise often see a reset
   * instead of the answer. Beyond this the connection is simply closed.
   */
  private static final long DRAIN_LIMIT = 16L << 20;

  private byte[] readBody(Context ctx, boolean required) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > config.maxBodyBytes()) {
      if (declared <= DRAIN_LIMIT) {
        try (InputStream in = ctx.req().getInputStream()) {
          drain(in, declared);
        }
      }
      throw new ApiException(413, "payload_too_large", null, "body of " + declared
          + " bytes exceeds the limit of " + config.maxBodyBytes() + " bytes");
    }
    byte[] body;
    try (InputStream in = ctx.req().getInputStream()) {
      body = in.readNBytes((int) config.maxBodyBytes() + 1);
      if (body.length > config.maxBodyBytes()) {
        drain(in, DRAIN_LIMIT);
        throw new ApiException(413, "payload_too_large", null, "body exceeds the limit of "
            + config.maxBodyBytes() + " bytes");
      }
    }
    if (body.length > 0 || required) {
      String ct = ctx.header("Content-Type");
      String base = ct == null ? "" : ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (!base.equals("application/json") && !(base.startsWith("application/")
          && base.endsWith("+json"))) {
        throw new ApiException(415, "unsupported_media_type", null, "Content-Type must be "
            + "application/json, not " + (ct == null ? "missing" : "'" + ct + "'"));
      }
    }
    return body;
  }

  private ServedModel requireModel() {
    ServedModel m = live.get();
    if (m == null) {
      throw new ApiException(503, "unavailable", null, "no model loaded yet; try again shortly");
    }
    return m;
  }

  private static int intParam(Context ctx, String name, int def, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiException.badField(name, "must be an integer from " + min + " to " + max
        + ", got '" + truncate(v) + "'");
  }

  private static String truncate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static boolean boolParam(Context ctx, String name, boolean def) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return def;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.badField(name, "must be true or false, got '" + truncate(v)
          + "'");
    };
  }

  private static void checkId(String field, String id) {
    if (id.isEmpty() || id.length() > Event.MAX_ID_LENGTH) {
      throw ApiException.badField(field, "must be 1 to " + Event.MAX_ID_LENGTH + " characters");
    }
  }

  // ---------------------------------------------------------------- reads

  private Map<String, Object> itemSummary(ServedModel m, int i) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("itemId", m.items().idOf(i));
    o.put("title", m.catalog().title(i));
    o.put("year", m.catalog().year(i) == 0 ? null : m.catalog().year(i));
    o.put("genres", m.catalog().genres(i));
    return o;
  }

  private void recommendations(Context ctx) {
    ServedModel m = requireModel();
    String userId = ctx.pathParam("userId");
    checkId("userId", userId);
    int k = intParam(ctx, "k", 10, 1, 1000);
    String exclude = ctx.queryParam("exclude");
    boolean excludeSeen;
    if (exclude == null || exclude.equals("seen")) {
      excludeSeen = true;
    } else if (exclude.equals("none")) {
      excludeSeen = false;
    } else {
      throw ApiException.badField("exclude", "must be seen or none, got '" + truncate(exclude)
          + "'");
    }
    boolean explain = boolParam(ctx, "explain", false);
    List<String> filters = ctx.queryParams("filter");
    ReadService.Recommendations r = reads.recommend(m, userId, k, excludeSeen, filters, explain,
        p -> metrics.recommendation(p.label));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", userId);
    body.put("path", r.path().label);
    body.put("modelVersion", m.version());
    body.put("algorithm", m.model().algorithm());
    body.put("k", k);
    List<Map<String, Object>> items = new ArrayList<>(r.items().size());
    for (ReadService.Scored s : r.items()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("itemId", m.items().idOf(s.item()));
      o.put("score", s.score());
      o.putAll(itemSummary(m, s.item()));
      if (s.because() != null) {
        List<Map<String, Object>> because = new ArrayList<>();
        for (ReadService.Because b : s.because()) {
          Map<String, Object> bo = new LinkedHashMap<>();
          bo.put("itemId", m.items().idOf(b.item()));
          bo.put("title", m.catalog().title(b.item()));
          bo.put("weight", Math.round(b.weight() * 1000) / 1000.0);
          because.add(bo);
        }
        o.put("because", because);
      }
      items.add(o);
    }
    body.put("items", items);
    writeJson(ctx, body);
  }

  private int requireItem(ServedModel m, Context ctx) {
    String itemId = ctx.pathParam("itemId");
    checkId("itemId", itemId);
    int i = m.itemIndex(itemId);
    if (i < 0) {
      throw ApiException.notFound("unknown item '" + truncate(itemId) + "'");
    }
    return i;
  }

  private void similar(Context ctx) {
    ServedModel m = requireModel();
    int i = requireItem(m, ctx);
    int k = intParam(ctx, "k", 10, 1, 1000);
    List<Map<String, Object>> items = new ArrayList<>();
    for (ReadService.Scored s : reads.similar(m, i, k)) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("itemId", m.items().idOf(s.item()));
      o.put("score", s.score());
      o.putAll(itemSummary(m, s.item()));
      items.add(o);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("itemId", m.items().idOf(i));
    body.put("modelVersion", m.version());
    body.put("items", items);
    writeJson(ctx, body);
  }

  private void item(Context ctx) {
    ServedModel m = requireModel();
    int i = requireItem(m, ctx);
    Map<String, Object> body = itemSummary(m, i);
    body.put("tags", m.catalog().tags(i));
    body.put("popularity", m.catalog().popularity(i));
    body.put("inModel", true);
    writeJson(ctx, body);
  }

  private void search(Context ctx) {
    ServedModel m = requireModel();
    int limit = intParam(ctx, "limit", 20, 1, 100);
    String query = ctx.queryParam("query");
    if (query != null && query.length() > 200) {
      throw ApiException.badField("query", "at most 200 characters");
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i : reads.search(m, query, ctx.queryParam("genre"), limit)) {
      Map<String, Object> o = itemSummary(m, i);
      o.put("popularity", m.catalog().popularity(i));
      items.add(o);
    }
    writeJson(ctx, Map.of("items", items));
  }

  private void history(Context ctx) {
    ServedModel m = live.get();
    String userId = ctx.pathParam("userId");
    checkId("userId", userId);
    int limit = intParam(ctx, "limit", 50, 1, 1000);
    List<Map<String, Object>> events = new ArrayList<>();
    for (ReadService.HistoryEntry e : reads.userHistory(m, userId, limit)) {
      Map<String, Object> o = new LinkedHashMap<>();
      if (e.sequence() != null) {
        o.put("sequence", e.sequence());
      }
      o.put("itemId", e.itemId());
      o.put("type", e.type());
      o.put("value", e.value());
      o.put("timestamp", e.timestamp());
      int i = m == null ? -1 : m.itemIndex(e.itemId());
      o.put("title", i >= 0 ? m.catalog().title(i) : null);
      o.put("source", e.source());
      events.add(o);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", userId);
    body.put("events", events);
    writeJson(ctx, body);
  }

  private void health(Context ctx) {
    ServedModel m = live.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", m == null ? "starting" : "up");
    if (m != null) {
      body.put("model", Map.of("version", m.version(), "algorithm", m.model().algorithm()));
    }
    Map<String, Object> st = new LinkedHashMap<>();
    st.put("kind", storeKind());
    st.put("events", store.count());
    body.put("store", st);
    ctx.status(m == null ? 503 : 200);
    writeJson(ctx, body);
  }

  private String storeKind() {
    String d = store.describe().toLowerCase(Locale.ROOT);
    if (d.startsWith("sqlite")) {
      return "sqlite";
    }
    if (d.startsWith("postgres") || d.startsWith("jdbc:postgresql")) {
      return "postgresql";
    }
    int colon = d.indexOf(':');
    return colon > 0 ? d.substring(0, colon) : d;
  }

  private void demoConfig(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("demo", demoKey != null);
    if (demoKey == null) {
      // pages ask on every load; outside demo mode the answer is just "no key here"
      writeJson(ctx, body);
      return;
    }
    body.put("apiKey", demoKey);
    ServedModel m = live.get();
    List<String> users = new ArrayList<>();
    if (m != null) {
      for (int u = 0; u < Math.min(20, m.users().size()); u++) {
        users.add(m.users().idOf(u));
      }
    }
    body.put("sampleUsers", users);
    writeJson(ctx, body);
  }

  private static void resource(Context ctx, String name, String type) throws IOException {
    try (InputStream in = RecoServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw ApiException.notFound("no such page: " + ctx.path());
      }
      ctx.contentType(type).result(in.readAllBytes());
    }
  }

  private void staticFile(Context ctx) throws IOException {
    String rel = ctx.path().substring("/static/".length());
    if (rel.isEmpty() || rel.contains("..") || rel.contains("\\") || rel.startsWith("/")) {
      throw ApiException.notFound("no such file: " + truncate(ctx.path()));
    }
    resource(ctx, "web/" + rel, contentType(rel));
  }

  private static String contentType(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".js") || n.endsWith(".mjs")) {
      return "text/javascript; charset=utf-8";
    }
    if (n.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (n.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (n.endsWith(".json")) {
      return JSON_TYPE;
    }
    if (n.endsWith(".svg")) {
      return "image/svg+xml";
    }
    if (n.endsWith(".png")) {
      return "image/png";
    }
    if (n.endsWith(".ico")) {
      return "image/x-icon";
    }
    return "application/octet-stream";
  }

  // ---------------------------------------------------------------- writes

  private void ingest(Context ctx) throws IOException {
    String idem = ctx.header("Idempotency-Key");
    if (idem != null && (idem.isEmpty() || idem.length() > 128
        || idem.chars().anyMatch(Character::isISOControl))) {
      throw ApiException.badField("Idempotency-Key", "must be 1 to 128 printable characters");
    }
    byte[] body = readBody(ctx, true);
    List<Event> events = parser.parse(body);
    AppendResult r = store.append(events, idem);
    if (!r.duplicate()) {
      // both store implementations number a batch contiguously from the head row, ending at
      // lastSequence (gaps occur only between batches)
      List<StoredEvent> stored = new ArrayList<>(events.size());
      long first = r.lastSequence() - events.size() + 1;
      for (int k = 0; k < events.size(); k++) {
        stored.add(new StoredEvent(first + k, events.get(k)));
      }
      recent.addAll(stored);
      metrics.ingested(events.size());
      stats.ingested(events.size());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accepted", r.accepted());
    out.put("lastSequence", r.lastSequence());
    out.put("duplicate", r.duplicate());
    writeJson(ctx, out);
  }

  // ---------------------------------------------------------------- admin

  private void adminModels(Context ctx) {
    ModelRegistry reg = registry;
    if (reg != null) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("live", reg.live().map(l -> l.version().version()).orElse(null));
      List<Map<String, Object>> models = new ArrayList<>();
      for (ModelVersion v : reg.list()) {
        models.add(0, describe(v)); // newest first
      }
      body.put("models", models);
      writeJson(ctx, body);
      return;
    }
    ServedModel m = live.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("live", m == null ? null : m.version());
    List<Map<String, Object>> models = new ArrayList<>();
    if (m != null) {
      models.add(describe(m, "live"));
    }
    body.put("models", models);
    writeJson(ctx, body);
  }

  private static Map<String, Object> describe(ServedModel m, String status) {
    Model model = m.model();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("version", m.version());
    o.put("algorithm", model.algorithm());
    o.put("status", status);
    o.put("createdAt", model.provenance().trainedAt());
    o.put("promotedAt", m.loadedAt());
    o.put("metrics", model.provenance().metrics());
    try {
      o.put("params", JSON.readTree(Configs.toJson(model.config())));
    } catch (JsonProcessingException e) {
      o.put("params", Map.of());
    }
    o.put("trainedOnEvents", m.lastSequence());
    o.put("provenance", model.provenance().oneLine());
    return o;
  }

  private static Map<String, Object> describe(ModelVersion v) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("version", v.version());
    o.put("algorithm", v.algorithm());
    o.put("status", v.status().wireName());
    o.put("createdAt", v.createdAt());
    o.put("promotedAt", v.promotedAt());
    o.put("metrics", v.metrics());
    try {
      o.put("params", JSON.readTree(v.paramsJson()));
    } catch (JsonProcessingException e) {
      o.put("params", Map.of());
    }
    o.put("trainedOnEvents", v.trainedOnEvents());
    o.put("provenance", v.provenance());
    if (v.reason() != null) {
      o.put("reason", v.reason());
    }
    return o;
  }

  private void adminTrain(Context ctx) throws IOException {
    byte[] body = readBody(ctx, false);
    RetrainScheduler scheduler = retrain;
    if (scheduler == null) {
      throw new ApiException(409, "conflict", null, "retraining needs a model registry: start the "
          + "server with --registry DIR");
    }
    String algo = null;
    String params = null;
    if (body.length > 0) {
      var root = EventParser.readTree(body);
      if (!root.isObject()) {
        throw ApiException.badRequest("body must be a JSON object {\"algo\": ..., \"params\": {...}}");
      }
      for (var it = root.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!f.equals("algo") && !f.equals("params")) {
          throw ApiException.badField(f, "unknown field (known: algo, params)");
        }
      }
      var a = root.get("algo");
      if (a != null && !a.isNull()) {
        if (!a.isTextual()) {
          throw ApiException.badField("algo", "must be a string");
        }
        algo = a.textValue();
      }
      var p = root.get("params");
      if (p != null && !p.isNull()) {
        if (!p.isObject()) {
          throw ApiException.badField("params", "must be a JSON object of config fields");
        }
        params = p.toString();
      }
    }
    // validate now, so a typo is a 400 rather than a failed job
    String check = algo;
    if (check == null) {
      ServedModel m = live.get();
      check = m != null ? m.model().algorithm() : config.algo();
    }
    try {
      check = Algorithms.canonicalName(check);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("algo", e.getMessage());
    }
    if (params != null) {
      try {
        Algorithms.config(check, params);
      } catch (IllegalArgumentException e) {
        throw ApiException.badField("params", e.getMessage());
      }
    }
    TrainingJob job = scheduler.submit(new TrainingRequest(algo, params));
    ctx.status(202);
    writeJson(ctx, Map.of("job", job.id()));
  }

  private void adminJob(Context ctx) {
    String id = ctx.pathParam("job");
    RetrainScheduler scheduler = retrain;
    TrainingJob job = scheduler == null ? null : scheduler.job(id).orElse(null);
    if (job == null) {
      throw ApiException.notFound("unknown job '" + truncate(id) + "'");
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("job", job.id());
    o.put("state", job.state().wireName());
    o.put("trigger", job.trigger());
    TrainingResult r = job.result();
    o.put("version", r == null ? null : r.version());
    o.put("promoted", r == null ? null : r.promoted());
    o.put("reason", r != null ? r.reason() : job.error());
    o.put("metrics", r == null ? Map.of() : r.metrics());
    o.put("submittedAt", job.submittedAt());
    o.put("finishedAt", job.finishedAt());
    writeJson(ctx, o);
  }

  private void adminPromote(Context ctx) throws IOException {
    String version = ctx.pathParam("version");
    ModelRegistry reg = registry;
    if (reg != null) {
      try {
        LiveModel l = reg.promote(version);
        writeJson(ctx, Map.of("live", l.version().version()));
      } catch (UnknownVersionException e) {
        throw ApiException.notFound("unknown model version '" + truncate(version) + "'");
      } catch (RegistryException e) {
        throw new ApiException(409, "conflict", null, "cannot promote " + truncate(version) + ": "
            + e.getMessage());
      }
      return;
    }
    ServedModel m = requireModel();
    if (!version.equals(m.version())) {
      throw ApiException.notFound("unknown model version '" + truncate(version) + "'");
    }
    writeJson(ctx, Map.of("live", m.version()));
  }

  private void adminStats(Context ctx) {
    var s = stats.series();
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("ingestPerSecond", s.get(0));
    series.put("requestsPerSecond", s.get(1));
    series.put("latencyP50Ms", s.get(2));
    series.put("latencyP99Ms", s.get(3));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("now", Instant.now());
    body.put("eventsTotal", store.count());
    body.put("series", series);
    writeJson(ctx, body);
  }

  /** For tests and tools: the bytes of a UTF-8 string. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
