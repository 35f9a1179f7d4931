package io.reco4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.download.DataLocator;
import io.reco4j.data.io.DataLoader;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.EvaluationReport;
import io.reco4j.eval.EvaluationResult;
import io.reco4j.eval.Evaluator;
import io.reco4j.eval.PerUserValues;
import io.reco4j.eval.EvaluationRunner;
import io.reco4j.eval.Metrics;
import io.reco4j.experiment.search.SearchExecution;
import io.reco4j.experiment.search.TrialsFile;
import io.reco4j.io.AtomicFiles;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.Model;
import io.reco4j.model.Trainer;
import io.reco4j.model.TrainingListener;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs an {@link ExperimentSpec}: expands it into {@link PlannedRun}s and evaluates them one at a
 * time with {@link EvaluationRunner}, writing into a results directory:
 *
 * <pre>
 * DIR/experiment.yaml     the experiment file as given
 * DIR/experiment.json     name, spec hash, the planned run ids
 * DIR/runs/&lt;id&gt;.json      one per finished run: definition, the EvaluationReport (per-fold and
 *                         mean ± std metric values, timings, data fingerprint, commit, JVM) and
 *                         for iterative models the convergence curves of every fold
 * DIR/runs/&lt;id&gt;.peruser.json  per metric, the dense user indices, the per-user values
 *                         and (when not all 1) their weights, compact JSON ({@link #PERUSER_FORMAT})
 *                         for significance tests ({@link ExperimentReport})
 * DIR/runs/&lt;id&gt;.trials.json  runs of a search entry only: every trial so far, rewritten
 *                         after each ({@link TrialsFile})
 * DIR/summary.csv         one row per finished run, rewritten after each run
 * </pre>
 *
 * <p>A run of an algorithm entry with a {@code search:} block first tunes its parameters on a
 * validation split of its training part ({@link SearchExecution}); the best configuration is then
 * trained and evaluated like any other run, once, and its run JSON carries a {@code search}
 * section (method, space, best trial, trials file, {@code "testEvaluations": 1}).
 *
 * <p>Per-user values come from the run's one evaluation of each fold ({@link
 * EvalOptions#withPerUser(boolean)} through an {@link EvaluationRunner.FoldObserver}); with several
 * folds (k-fold) they are pooled per user across folds ({@link PerUserValues#pool}), so runs on the
 * same split and seed are paired by user. The per-user file is written before the run JSON, so a
 * run JSON marked complete always has its values.
 *
 * <p>Convergence ({@link ExperimentSpec#convergence()}): each fold's trainer reports its
 * iterations to a tracer that records the iteration's seconds, the loss and optionally a metric on
 * the fold's test split, written as the run JSON's {@code convergence} array
 * ({@code [{fold, metric, iterations: [{iteration, seconds, loss, value}]}]}, null where not
 * measured). The metric's evaluation time is not counted as training time.
 *
 * <p>Every file is written atomically ({@link AtomicFiles}), a run's JSON as soon as the run ends,
 * so a crash or Ctrl-C loses at most the run in progress. With {@code resume}, runs whose JSON
 * exists and is complete are skipped; a directory made by an experiment with another
 * {@linkplain ExperimentSpec#hash() hash} is refused. Without {@code resume}, a directory that
 * already holds an experiment is refused.
 *
 * <p>Datasets are loaded once per dataset entry, splits computed once per (dataset, split, seed).
 * Not thread-safe; one runner per experiment.
 */
public final class ExperimentRunner {
  /** The {@code format} field of run files. */
  public static final String RUN_FORMAT = "reco4j-experiment-run";
  /** The {@code formatVersion} field of run files. */
  public static final int RUN_FORMAT_VERSION = 1;
  /** The {@code format} field of per-user files. */
  public static final String PERUSER_FORMAT = "reco4j-experiment-peruser";
  /** The {@code formatVersion} field of per-user files. */
  public static final int PERUSER_FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final ObjectMapper COMPACT = JsonMapper.builder().build();

  /** The machine runs are timed on, e.g. {@code Linux amd64, 2 cores (Intel Xeon ...), 23.4 GiB}. */
  static final String MACHINE = machine();

  private final ExperimentSpec spec;
  private final String specText;
  private final Path specDir;
  private final Path outDir;
  private final boolean resume;
  private final ExperimentListener listener;
  private final DataLocator locator;

  /**
   * @param spec the experiment
   * @param specText the experiment file's text, stored as {@code experiment.yaml}
   * @param specDir where relative dataset paths are tried first (the file's folder), or null
   * @param outDir the results directory (created when missing)
   * @param resume whether to continue an experiment in {@code outDir}
   * @param listener receives progress
   */
  public ExperimentRunner(ExperimentSpec spec, String specText, Path specDir, Path outDir,
      boolean resume, ExperimentListener listener) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.specText = Objects.requireNonNull(specText, "specText");
    this.specDir = specDir;
    this.outDir = Objects.requireNonNull(outDir, "outDir");
    this.resume = resume;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.locator = DataLocator.fromEnvironment();
  }

  /**
   * What a finished {@link #run()} did.
   *
   * @param total runs in the experiment
   * @param ran runs executed now
   * @param skipped runs already complete (resume)
   * @param summary the summary CSV
   */
  public record Outcome(int total, int ran, int skipped, Path summary) { }

  /** The run JSON of a run id in {@code outDir}. */
  public static Path runFile(Path outDir, String id) {
    return outDir.resolve("runs").resolve(id + ".json");
  }

  /** The per-user values file of a run id in {@code outDir}. */
  public static Path perUserFile(Path outDir, String id) {
    return outDir.resolve("runs").resolve(id + ".peruser.json");
  }

  /**
   * Runs every run not yet complete.
   *
   * @throws IllegalArgumentException when a dataset cannot be found (naming {@code
   *     datasets[i].data}) or the results directory belongs to another experiment
   * @throws IOException when data cannot be read or results cannot be written
   */
  public Outcome run() throws IOException {
    List<PlannedRun> runs = spec.runs();
    List<Path> dataPaths = locateData();
    prepareDirectory(runs);
    int done = 0;
    for (PlannedRun r : runs) {
      if (complete(r)) {
        done++;
      }
    }
    listener.started(runs.size(), done);
    writeSummary(runs);
    int ran = 0;
    int skipped = 0;
    Dataset data = null;
    int dataIndex = -1;
    Map<String, List<Split>> folds = new HashMap<>();
    for (PlannedRun r : runs) {
      if (complete(r)) {
        skipped++;
        listener.runSkipped(r);
        continue;
      }
      int di = spec.datasets().indexOf(r.dataset());
      if (di != dataIndex) {
        data = null; // let the previous dataset and its folds go first
        folds.clear();
        data = load(dataPaths.get(di), r.dataset());
        dataIndex = di;
      }
      Dataset d = data;
      String foldKey = r.split() + "|" + r.seed();
      List<Split> f = folds.get(foldKey);
      if (f == null) {
        long t0 = System.nanoTime();
        f = Splits.parse(r.split()).split(d, r.seed());
        folds.put(foldKey, f);
        listener.message(String.format(Locale.ROOT, "%s: %s seed %d, %d fold(s) in %.2f s",
            d.name(), r.split(), r.seed(), f.size(), (System.nanoTime() - t0) / 1e9));
      }
      listener.runStarted(r);
      RunResult result = r.search() == null ? runOne(r, d, f, null) : runSearch(r, d, f);
      ran++;
      writeSummary(runs);
      listener.runFinished(r, result);
    }
    return new Outcome(runs.size(), ran, skipped, outDir.resolve("summary.csv"));
  }

  private List<Path> locateData() {
    List<Path> paths = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < spec.datasets().size(); i++) {
      String data = spec.datasets().get(i).data();
      Path local = specDir == null ? null : specDir.resolve(data);
      try {
        paths.add(local != null && Files.exists(local) ? local : locator.locate(data));
      } catch (IllegalArgumentException e) {
        errors.add("datasets[" + i + "].data: " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return paths;
  }

  private Dataset load(Path path, ExperimentSpec.DatasetSpec ds) throws IOException {
    long t0 = System.nanoTime();
    DataLoader loader = new DataLoader(DataLoader.defaultCacheDir(), true,
        w -> listener.message("warning: " + w));
    LoadOptions base = LoadOptions.defaults();
    LoadOptions opts = new LoadOptions(base.delimiter(), base.header(), base.columns(),
        base.onError(), base.duplicates(), spec.threads());
    Dataset d = loader.load(path, opts).dataset();
    if (ds.implicit()) {
      d = d.implicit(ds.minRating());
    }
    if (ds.filtered()) {
      d = Datasets.filterByCounts(d, ds.minUserInteractions(), ds.minItemInteractions());
    }
    listener.message(String.format(Locale.ROOT, "%s: %,d users, %,d items, %,d interactions "
        + "(loaded in %.2f s)", ds.label(), d.userCount(), d.itemCount(), d.size(),
        (System.nanoTime() - t0) / 1e9));
    return d;
  }

  /** Tunes a search run on its training part, then runs the best configuration once. */
  private RunResult runSearch(PlannedRun r, Dataset d, List<Split> folds) throws IOException {
    SearchExecution.Outcome found = new SearchExecution(r, spec.threads(), outDir, listener)
        .execute(folds.get(0)); // the spec admits single-fold splits only
    return runOne(found.finalRun(), d, folds, found.section());
  }

  /** Runs one configuration; {@code search} is the run JSON's search section, or null. */
  private RunResult runOne(PlannedRun r, Dataset d, List<Split> folds, JsonNode search)
      throws IOException {
    AlgorithmConfig config = Algorithms.config(r.algorithm(), r.configJson());
    ExperimentSpec.Convergence convergence = spec.convergence();
    EvalOptions traceOptions = convergence.metric() == null ? null
        : new EvalOptions(List.of(convergence.metric()), List.of(), spec.threads(), true,
            Double.NaN, 0, r.seed()).withTrainItemsOnly(spec.trainItemsOnly());
    Map<Integer, Tracer> tracers = new LinkedHashMap<>();
    int[] fold = {0};
    Supplier<Trainer<?>> trainers = () -> {
      Split split = folds.get(fold[0]++);
      Tracer t = new Tracer(r, split, fold[0], folds.size(), convergence.loss(), traceOptions);
      tracers.put(split.fold(), t);
      return new TracedTrainer(Algorithms.trainer(config), t);
    };
    Map<String, Supplier<Trainer<?>>> algos = new LinkedHashMap<>();
    algos.put(r.label(), trainers);
    EvaluationRunner evaluation = new EvaluationRunner(
        spec.evalOptions(r.seed()).withPerUser(true), line -> listener.runProgress(r, line));
    Map<String, List<PerUserValues>> perUser = new LinkedHashMap<>();
    EvaluationReport report = evaluation.run(d, folds, algos, new EvaluationRunner.FoldObserver() {
      @Override
      public double excludedTrainSeconds(String name, Split split) {
        Tracer t = tracers.get(split.fold());
        t.flush(); // a trainer that reports iterations but no models leaves the last one pending
        return t.tracingSeconds;
      }

      @Override
      public void evaluated(String name, Split split, EvaluationResult result) {
        result.perUser().forEach((m, v) -> perUser.computeIfAbsent(m, x -> new ArrayList<>())
            .add(v));
      }
    });
    Map<String, PerUserValues> pooled = new LinkedHashMap<>();
    perUser.forEach((m, vs) -> pooled.put(m, PerUserValues.pool(vs)));
    writePerUser(r, pooled);

    ObjectNode root = JSON.createObjectNode();
    root.put("format", RUN_FORMAT);
    root.put("formatVersion", RUN_FORMAT_VERSION);
    root.put("id", r.id());
    root.put("experiment", spec.name());
    root.put("specHash", spec.hash());
    root.set("definition", r.definition());
    root.set("params", JSON.readTree(r.paramsJson()));
    if (search != null) {
      root.set("search", search);
    }
    root.put("dataset", r.dataset().label());
    root.put("machine", MACHINE);
    root.set("report", JSON.readTree(report.toJson()));
    ArrayNode curves = JSON.createArrayNode();
    for (Tracer t : tracers.values()) {
      if (!t.points.isEmpty()) {
        curves.add(t.toJson());
      }
    }
    if (!curves.isEmpty()) {
      root.set("convergence", curves);
    }
    root.put("complete", true);
    Path file = runFile(outDir, r.id());
    byte[] bytes = JSON.writeValueAsBytes(root);
    AtomicFiles.write(file, out -> out.write(bytes));
    return new RunResult(r, report, file);
  }

  private void writePerUser(PlannedRun r, Map<String, PerUserValues> perUser) throws IOException {
    ObjectNode root = COMPACT.createObjectNode();
    root.put("format", PERUSER_FORMAT);
    root.put("formatVersion", PERUSER_FORMAT_VERSION);
    root.put("id", r.id());
    ObjectNode metrics = root.putObject("metrics");
    for (PerUserValues v : perUser.values()) {
      ObjectNode m = metrics.putObject(v.metric());
      ArrayNode users = m.putArray("users");
      for (int u : v.users()) {
        users.add(u);
      }
      ArrayNode values = m.putArray("values");
      for (double x : v.values()) {
        values.add(x);
      }
      boolean unit = true;
      for (double w : v.weights()) {
        unit &= w == 1.0;
      }
      if (!unit) { // full ranking: every weight is 1 and the array is left out
        ArrayNode weights = m.putArray("weights");
        for (double w : v.weights()) {
          weights.add(w);
        }
      }
    }
    byte[] bytes = COMPACT.writeValueAsBytes(root);
    AtomicFiles.write(perUserFile(outDir, r.id()), out -> out.write(bytes));
  }

  /**
   * Reads a per-user values file written by a runner.
   *
   * @return metric name → values, in file order
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file when it is not a per-user values file
   */
  public static Map<String, PerUserValues> readPerUser(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !PERUSER_FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(file + ": not a " + PERUSER_FORMAT + " file");
    }
    Map<String, PerUserValues> out = new LinkedHashMap<>();
    root.path("metrics").fields().forEachRemaining(e -> {
      JsonNode m = e.getValue();
      int n = m.path("users").size();
      int[] users = new int[n];
      double[] values = new double[n];
      double[] weights = new double[n];
      boolean unit = !m.has("weights");
      if (m.path("values").size() != n || (!unit && m.path("weights").size() != n)) {
        throw new IllegalArgumentException(file + ": metrics." + e.getKey()
            + " has arrays of different lengths");
      }
      for (int j = 0; j < n; j++) {
        users[j] = m.path("users").get(j).asInt();
        values[j] = m.path("values").get(j).asDouble();
        weights[j] = unit ? 1.0 : m.path("weights").get(j).asDouble();
      }
      out.put(e.getKey(), new PerUserValues(e.getKey(), users, values, weights));
    });
    return out;
  }

  /** Whether a run's JSON exists, parses, names the run and is marked complete. */
  boolean complete(PlannedRun r) {
    Path file = runFile(outDir, r.id());
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return n != null && RUN_FORMAT.equals(n.path("format").asText())
          && r.id().equals(n.path("id").asText()) && n.path("complete").asBoolean(false)
          && n.path("report").path("algorithms").size() == 1
          && Files.isRegularFile(perUserFile(outDir, r.id()));
    } catch (IOException e) {
      return false; // torn or foreign: run it again
    }
  }

  private void prepareDirectory(List<PlannedRun> runs) throws IOException {
    Path manifest = outDir.resolve("experiment.json");
    String hash = spec.hash();
    if (Files.exists(manifest)) {
      JsonNode m;
      try {
        m = JSON.readTree(manifest.toFile());
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(manifest + " is not valid JSON; remove the folder or "
            + "choose another --out", e);
      }
      String old = m.path("specHash").asText();
      if (!resume) {
        throw new IllegalArgumentException(outDir + " already holds the results of experiment '"
            + m.path("name").asText() + "'; pass --resume to continue it or choose another --out");
      }
      if (!hash.equals(old)) {
        throw new IllegalArgumentException("cannot resume: " + outDir + " was made by a different "
            + "experiment spec (hash " + abbreviate(old) + ", this spec " + abbreviate(hash)
            + "); its experiment.yaml shows which; choose another --out");
      }
    } else if (Files.isDirectory(outDir.resolve("runs"))) {
      throw new IllegalArgumentException(outDir + " holds runs/ but no experiment.json; "
          + "choose another --out");
    }
    Files.createDirectories(outDir.resolve("runs"));
    // temp files of runs interrupted mid-write: the runs themselves will run again
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(outDir.resolve("runs"), ".*.tmp")) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
      }
    }
    byte[] yaml = specText.getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(outDir.resolve("experiment.yaml"), out -> out.write(yaml));
    ObjectNode m = JSON.createObjectNode();
    m.put("name", spec.name());
    m.put("specHash", hash);
    m.put("runCount", runs.size());
    ArrayNode ids = m.putArray("runs");
    for (PlannedRun r : runs) {
      ids.addObject().put("id", r.id()).put("description", r.describe());
    }
    byte[] bytes = JSON.writeValueAsBytes(m);
    AtomicFiles.write(manifest, out -> out.write(bytes));
  }

  private static String abbreviate(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  /** Rewrites summary.csv from the complete run JSONs, in run order. */
  private void writeSummary(List<PlannedRun> runs) throws IOException {
    List<String> metricNames = Metrics.names(spec.evalOptions(0).resolvedMetrics());
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    List<String> columns = new ArrayList<>(List.of("id", "dataset", "split", "algorithm", "label",
        "params", "seed"));
    for (String m : metricNames) {
      columns.add(m + "_mean");
      columns.add(m + "_std");
    }
    columns.add("train_seconds");
    columns.add("eval_seconds");
    columns.forEach(schema::addColumn);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (PlannedRun r : runs) {
      if (!complete(r)) {
        continue;
      }
      JsonNode runJson = JSON.readTree(runFile(outDir, r.id()).toFile());
      JsonNode report = runJson.path("report");
      JsonNode algo = report.path("algorithms").path(0);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", r.id());
      row.put("dataset", r.dataset().label());
      row.put("split", r.split());
      row.put("algorithm", r.algorithm());
      row.put("label", r.label());
      row.put("params", COMPACT.writeValueAsString(runJson.path("params"))); // a search: the best
      row.put("seed", r.seed());
      for (String m : metricNames) {
        JsonNode s = algo.path("summary").path(m);
        row.put(m + "_mean", s.has("mean") ? s.get("mean").asText() : "");
        row.put(m + "_std", s.has("std") ? s.get("std").asText() : "");
      }
      row.put("train_seconds", report.path("trainSeconds").asText());
      row.put("eval_seconds", report.path("evalSeconds").asText());
      rows.add(row);
    }
    CsvMapper csv = CsvMapper.builder()
        .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    AtomicFiles.write(outDir.resolve("summary.csv"), out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      csv.writer(schema.build()).writeValues(w).writeAll(rows).close();
      w.flush(); // AtomicFiles closes the stream after forcing it to disk
    });
  }

  private static String machine() {
    StringBuilder sb = new StringBuilder();
    sb.append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores");
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      try (var lines = Files.lines(cpuinfo)) {
        lines.filter(l -> l.startsWith("model name")).findFirst()
            .ifPresent(l -> sb.append(" (").append(l.substring(l.indexOf(':') + 1).strip())
                .append(')'));
      } catch (IOException | java.io.UncheckedIOException e) {
        // the model name is a nicety; the rest still describes the machine
      }
    }
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      sb.append(String.format(Locale.ROOT, ", %.1f GiB",
          os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    }
    return sb.toString();
  }

  /** Trains through the delegate's listener-aware method, so iterations reach the tracer. */
  private record TracedTrainer(Trainer<? extends Model> delegate, TrainingListener listener)
      implements Trainer<Model> {
    @Override
    public AlgorithmConfig config() {
      return delegate.config();
    }

    @Override
    public Model train(Dataset data) {
      return delegate.train(data, listener);
    }
  }

  /**
   * One fold's convergence curve: per iteration the trainer's wall time, its loss (when asked
   * for) and the convergence metric on the fold's test split (when the spec names one). Passes
   * each iteration on to the experiment's listener.
   */
  private final class Tracer implements TrainingListener {
    private final PlannedRun run;
    private final Split split;
    private final int fold;
    private final int folds;
    private final boolean loss;
    private final EvalOptions metric;
    /** Per finished iteration: iteration, iterations, seconds, loss, value. */
    private final List<double[]> points = new ArrayList<>();
    /** Time spent evaluating the metric, taken out of the fold's training time. */
    private double tracingSeconds;
    /** Whether the last iteration still waits for its metric before it goes to the listener. */
    private boolean pending;

    Tracer(PlannedRun run, Split split, int fold, int folds, boolean loss, EvalOptions metric) {
      this.run = run;
      this.split = split;
      this.fold = fold;
      this.folds = folds;
      this.loss = loss;
      this.metric = metric;
    }

    @Override
    public boolean wantsLoss() {
      return loss;
    }

    @Override
    public boolean observesModel() {
      return metric != null;
    }

    @Override
    public void iteration(int iteration, int iterations, double lossValue, double seconds) {
      flush();
      points.add(new double[] {iteration, iterations, seconds, lossValue, Double.NaN});
      pending = true;
      if (metric == null) {
        flush();
      }
    }

    /** Passes the last iteration to the listener, with its metric when it has one. */
    void flush() {
      if (pending) {
        pending = false;
        double[] p = points.get(points.size() - 1);
        listener.runIteration(run, fold, folds, (int) p[0], (int) p[1], p[3],
            metric == null ? null : metric.metrics().get(0), p[4]);
      }
    }

    @Override
    public boolean afterIteration(int iteration, Model model) {
      long t0 = System.nanoTime();
      EvaluationResult e = Evaluator.evaluate(model, split, metric);
      tracingSeconds += (System.nanoTime() - t0) / 1e9;
      String name = metric.metrics().get(0);
      double value = e.values().getOrDefault(name, Double.NaN);
      points.get(points.size() - 1)[4] = value;
      flush();
      return true;
    }

    ObjectNode toJson() {
      ObjectNode o = JSON.createObjectNode();
      o.put("fold", split.fold());
      if (metric != null) {
        o.put("metric", metric.metrics().get(0));
      } else {
        o.putNull("metric");
      }
      ArrayNode its = o.putArray("iterations");
      for (double[] p : points) {
        ObjectNode it = its.addObject();
        it.put("iteration", (int) p[0]);
        it.put("seconds", p[2]);
        putNumber(it, "loss", p[3]);
        putNumber(it, "value", p[4]);
      }
      return o;
    }

    private static void putNumber(ObjectNode o, String field, double v) {
      if (Double.isFinite(v)) {
        o.put(field, v);
      } else {
        o.putNull(field);
      }
    }
  }
}
