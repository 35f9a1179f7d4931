package io.reco4j.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.reco4j.algorithms.Algorithms;
import io.reco4j.eval.EvalOptions;
import io.reco4j.experiment.search.SearchSpec;
import io.reco4j.split.KFoldSplit;
import io.reco4j.split.Splits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An experiment file: which datasets, split protocols, algorithm configurations (fixed parameters
 * plus a grid), metrics, cut-offs and seeds to cross. Loaded from YAML or JSON with {@link #load}
 * or {@link #parse}, validated completely before anything runs: every error message starts with
 * the YAML path of the offending value, e.g. {@code algorithms[1].grid.factors[0]: ...}.
 *
 * <pre>{@code
 * name: ml100k-rating
 * datasets: [ml-100k]                 # or {data: ml-100k, implicit: true, minRating: 4,
 *                                     #     minUserInteractions: 5, minItemInteractions: 0}
 * splits: [kfold:5]
 * algorithms:
 *   - name: bias
 *   - name: svd
 *     params: {epochs: 20}
 *     grid: {factors: [50, 100]}      # one run per value (cartesian product over fields)
 *   - name: ials                      # or: tune on a validation split, test the best once
 *     search: {method: tpe, trials: 30, metric: ndcg@10, validation: user:0.2,
 *              space: {factors: {int: [16, 256], log: true}}}   (see SearchSpec)
 * metrics: [rmse, mae]
 * k: [10]                             # cut-offs for ranking metrics named without @K
 * seeds: [42]                         # split seed and, unless params fix it, the model seed
 * threads: 0                          # 0: all cores
 * convergence: {loss: true, metric: ndcg@10}   # per-iteration curves (see Convergence)
 * candidates: all                     # or train-items: rank only items with a train entry
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param name the experiment's name (a label in reports)
 * @param datasets the datasets, at least one
 * @param splits canonical split specs ({@link io.reco4j.split.Splitter#spec()}), at least one
 * @param algorithms the algorithm entries, at least one
 * @param metrics metric names as accepted by {@link io.reco4j.eval.Metrics}
 * @param k default cut-offs for ranking metrics given without {@code @K}; may be empty
 * @param seeds seeds, at least one; each seed is a separate run of split and model
 * @param threads worker threads for loading, training and evaluation ({@code <= 0}: all cores);
 *     results do not depend on it, so it is not part of run ids or the spec hash
 * @param convergence what iterative runs record per iteration
 * @param candidates which items every evaluation ranks: {@value #CANDIDATES_ALL} (the default)
 *     or {@value #CANDIDATES_TRAIN_ITEMS}, only the items with an entry in the split's train part
 *     ({@link EvalOptions#trainItemsOnly()}; Liang et al. 2018's item space). Part of run ids and
 *     the spec hash only when not the default, so files without it keep theirs
 */
public record ExperimentSpec(String name, List<DatasetSpec> datasets, List<String> splits,
    List<AlgorithmSpec> algorithms, List<String> metrics, List<Integer> k, List<Long> seeds,
    int threads, Convergence convergence, String candidates) {

  /** {@link #candidates()}: every item of the index is ranked (the default). */
  public static final String CANDIDATES_ALL = "all";

  /** {@link #candidates()}: only items with at least one train entry are ranked. */
  public static final String CANDIDATES_TRAIN_ITEMS = "train-items";

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Set<String> TOP_FIELDS = Set.of("name", "datasets", "splits", "algorithms",
      "metrics", "k", "seeds", "threads", "convergence", "candidates");
  private static final Set<String> CONVERGENCE_FIELDS = Set.of("loss", "metric");
  private static final Set<String> DATASET_FIELDS = Set.of("data", "implicit", "minRating",
      "minUserInteractions", "minItemInteractions");
  private static final Set<String> ALGORITHM_FIELDS = Set.of("name", "label", "params", "grid",
      "search");

  public ExperimentSpec {
    Objects.requireNonNull(name, "name");
    datasets = List.copyOf(datasets);
    splits = List.copyOf(splits);
    algorithms = List.copyOf(algorithms);
    metrics = List.copyOf(metrics);
    k = List.copyOf(k);
    seeds = List.copyOf(seeds);
    Objects.requireNonNull(convergence, "convergence");
    if (!CANDIDATES_ALL.equals(candidates) && !CANDIDATES_TRAIN_ITEMS.equals(candidates)) {
      throw new IllegalArgumentException("candidates: expected '" + CANDIDATES_ALL + "' or '"
          + CANDIDATES_TRAIN_ITEMS + "', got " + candidates);
    }
  }

  /** An experiment ranking every item ({@link #CANDIDATES_ALL}). */
  public ExperimentSpec(String name, List<DatasetSpec> datasets, List<String> splits,
      List<AlgorithmSpec> algorithms, List<String> metrics, List<Integer> k, List<Long> seeds,
      int threads, Convergence convergence) {
    this(name, datasets, splits, algorithms, metrics, k, seeds, threads, convergence,
        CANDIDATES_ALL);
  }

  /** Whether evaluations rank only the items with a train entry ({@link #candidates()}). */
  public boolean trainItemsOnly() {
    return CANDIDATES_TRAIN_ITEMS.equals(candidates);
  }

  /** An experiment with the default {@link Convergence#DEFAULT} curves. */
  public ExperimentSpec(String name, List<DatasetSpec> datasets, List<String> splits,
      List<AlgorithmSpec> algorithms, List<String> metrics, List<Integer> k, List<Long> seeds,
      int threads) {
    this(name, datasets, splits, algorithms, metrics, k, seeds, threads, Convergence.DEFAULT);
  }

  /**
   * What iterative trainers record per iteration into a run's {@code convergence} field (the
   * iteration's wall time always). YAML: {@code convergence: {loss: true, metric: ndcg@10}}, or
   * {@code convergence: false} for seconds only.
   *
   * <p>The loss costs trainers that do not compute it anyway (ALS, iALS, BPR) an extra pass per
   * iteration, which counts as training time; switch it off for timing runs. The metric is
   * computed on the fold's test split after every iteration, as a diagnostic of convergence only
   * (nothing is chosen from it; hyperparameter search uses a validation split instead); its
   * evaluation time is taken out of the training time.
   *
   * @param loss whether trainers report their training objective per iteration
   * @param metric one metric with its cut-off (e.g. {@code ndcg@10}) evaluated on the fold's test
   *     split after each iteration, or null for none
   */
  public record Convergence(boolean loss, String metric) {
    /** The default: the loss, no metric. */
    public static final Convergence DEFAULT = new Convergence(true, null);
  }

  /**
   * One dataset of the experiment. Preprocessing runs in this order: load, implicit view (with
   * its rating threshold), then the count filter ({@link io.reco4j.data.Datasets#filterByCounts}:
   * items with fewer than {@code minItemInteractions} entries, then users with fewer than {@code
   * minUserInteractions}, as in Liang et al. 2018's preprocessing).
   *
   * @param data a dataset name (looked up like {@code --data}) or a path
   * @param implicit whether every rating becomes an interaction of value 1
   * @param minRating with {@code implicit}, only ratings {@code >= minRating} are kept; NaN: all
   * @param minUserInteractions users with fewer entries (after the implicit threshold and the
   *     item filter) are dropped; 0: no user filter
   * @param minItemInteractions items with fewer entries (after the implicit threshold) are
   *     dropped; 0: no item filter. With either count set, users and items left without entries
   *     leave the index spaces
   */
  public record DatasetSpec(String data, boolean implicit, float minRating,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) int minUserInteractions,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) int minItemInteractions) {

    /** Validates the counts. */
    public DatasetSpec {
      if (minUserInteractions < 0 || minItemInteractions < 0) {
        throw new IllegalArgumentException("minimum interaction counts must be >= 0");
      }
    }

    /** A dataset without count filters. */
    public DatasetSpec(String data, boolean implicit, float minRating) {
      this(data, implicit, minRating, 0, 0);
    }

    /** Whether a count filter applies (either minimum is set). */
    public boolean filtered() {
      return minUserInteractions > 0 || minItemInteractions > 0;
    }

    /**
     * A short label: the data plus {@code (implicit[>=R])} when implicit and the count filters
     * when set, e.g. {@code ml-20m (implicit>=4.0, users>=5)}.
     */
    public String label() {
      List<String> parts = new ArrayList<>();
      if (implicit) {
        parts.add(Float.isNaN(minRating) ? "implicit" : "implicit>=" + minRating);
      }
      if (minUserInteractions > 0) {
        parts.add("users>=" + minUserInteractions);
      }
      if (minItemInteractions > 0) {
        parts.add("items>=" + minItemInteractions);
      }
      return parts.isEmpty() ? data : data + " (" + String.join(", ", parts) + ")";
    }
  }

  /**
   * One algorithm entry.
   *
   * @param name the canonical registry name ({@link Algorithms#canonicalName})
   * @param label the name in reports; defaults to {@code name}
   * @param params fixed config overrides (field → JSON value), in file order
   * @param grid field → values; the cartesian product over fields (in file order) gives one
   *     configuration each
   * @param search a hyperparameter search over the fields not fixed by {@code params}, or null;
   *     never together with a grid (left out of the spec hash when null, so files without
   *     searches keep their hash)
   */
  public record AlgorithmSpec(String name, String label, Map<String, JsonNode> params,
      Map<String, List<JsonNode>> grid, @JsonInclude(JsonInclude.Include.NON_NULL)
      SearchSpec search) {

    /** An entry without search. */
    public AlgorithmSpec(String name, String label, Map<String, JsonNode> params,
        Map<String, List<JsonNode>> grid) {
      this(name, label, params, grid, null);
    }

    public AlgorithmSpec {
      if (search != null && !grid.isEmpty()) {
        throw new IllegalArgumentException("an entry cannot have both a grid and a search");
      }
      params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
      Map<String, List<JsonNode>> g = new LinkedHashMap<>();
      grid.forEach((f, vs) -> g.put(f, List.copyOf(vs)));
      grid = java.util.Collections.unmodifiableMap(g);
    }

    /**
     * The configurations of the grid, each the fixed params overlaid with one grid combination,
     * in odometer order (the last grid field varies fastest).
     */
    public List<Map<String, JsonNode>> expand() {
      List<Map<String, JsonNode>> out = new ArrayList<>();
      out.add(new LinkedHashMap<>(params));
      for (Map.Entry<String, List<JsonNode>> e : grid.entrySet()) {
        List<Map<String, JsonNode>> next = new ArrayList<>();
        for (Map<String, JsonNode> base : out) {
          for (JsonNode v : e.getValue()) {
            Map<String, JsonNode> m = new LinkedHashMap<>(base);
            m.put(e.getKey(), v);
            next.add(m);
          }
        }
        out = next;
      }
      return out;
    }
  }

  /** Reads and validates an experiment file (YAML, or JSON, which is YAML too). */
  public static ExperimentSpec load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses and validates an experiment from YAML or JSON text.
   *
   * @throws IllegalArgumentException whose message starts with the YAML path of the first bad
   *     value (several errors are joined with "; ")
   */
  public static ExperimentSpec parse(String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new IllegalArgumentException("not valid YAML" + where + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("an experiment must be a mapping with fields "
          + sorted(TOP_FIELDS));
    }
    Errors errors = new Errors();
    unknownFields(root, "", TOP_FIELDS, errors);
    String name = root.hasNonNull("name") ? text(root.get("name"), "name", errors) : "experiment";

    List<DatasetSpec> datasets = new ArrayList<>();
    int di = 0;
    for (JsonNode d : list(root, "datasets", true, errors)) {
      String path = "datasets[" + di++ + "]";
      if (d.isTextual() || d.isNumber()) {
        datasets.add(new DatasetSpec(d.asText(), false, Float.NaN));
        continue;
      }
      if (!d.isObject()) {
        errors.add(path, "expected a dataset name or {data, implicit, minRating, "
            + "minUserInteractions, minItemInteractions}");
        continue;
      }
      unknownFields(d, path + ".", DATASET_FIELDS, errors);
      if (!d.hasNonNull("data")) {
        errors.add(path + ".data", "missing (a dataset name or a path)");
        continue;
      }
      String data = text(d.get("data"), path + ".data", errors);
      boolean implicit = d.has("implicit") && bool(d.get("implicit"), path + ".implicit", errors);
      float minRating = Float.NaN;
      if (d.hasNonNull("minRating")) {
        if (!d.get("minRating").isNumber()) {
          errors.add(path + ".minRating", "expected a number, got " + d.get("minRating"));
        } else if (!implicit) {
          errors.add(path + ".minRating", "needs implicit: true");
        } else {
          minRating = (float) d.get("minRating").asDouble();
        }
      }
      int minUsers = count(d, "minUserInteractions", path, errors);
      int minItems = count(d, "minItemInteractions", path, errors);
      datasets.add(new DatasetSpec(data, implicit, minRating, minUsers, minItems));
    }

    List<String> splits = new ArrayList<>();
    int si = 0;
    for (JsonNode s : list(root, "splits", true, errors)) {
      String path = "splits[" + si++ + "]";
      if (!s.isTextual()) {
        errors.add(path, "expected a split spec such as kfold:5, got " + s);
        continue;
      }
      try {
        splits.add(Splits.parse(s.asText()).spec());
      } catch (IllegalArgumentException e) {
        errors.add(path, e.getMessage());
      }
    }

    List<AlgorithmSpec> algorithms = new ArrayList<>();
    int ai = 0;
    for (JsonNode a : list(root, "algorithms", true, errors)) {
      AlgorithmSpec spec = algorithm(a, "algorithms[" + ai++ + "]", errors);
      if (spec != null) {
        algorithms.add(spec);
      }
    }
    for (int i = 0; i < algorithms.size(); i++) {
      SearchSpec search = algorithms.get(i).search();
      if (search == null) {
        continue;
      }
      for (String split : splits) {
        if (Splits.parse(split) instanceof KFoldSplit) {
          errors.add("algorithms[" + i + "].search", "search needs a single-fold split such as "
              + "user:0.2; with " + split + " the search would see other folds' test data");
          break;
        }
      }
      if (!search.maximise()) {
        for (int j = 0; j < datasets.size(); j++) {
          if (datasets.get(j).implicit()) {
            errors.add("algorithms[" + i + "].search.metric", search.metric() + " needs ratings "
                + "but datasets[" + j + "] is implicit; use a ranking metric such as ndcg@10");
            break;
          }
        }
      }
    }
    Set<String> labels = new java.util.HashSet<>();
    for (int i = 0; i < algorithms.size(); i++) {
      if (!labels.add(algorithms.get(i).label())) {
        errors.add("algorithms[" + i + "].label", "'" + algorithms.get(i).label()
            + "' is used by an earlier entry; give each entry of the same algorithm a label");
      }
    }

    List<String> metrics = new ArrayList<>();
    int mi = 0;
    for (JsonNode m : list(root, "metrics", true, errors)) {
      if (!m.isTextual()) {
        errors.add("metrics[" + mi + "]", "expected a metric name, got " + m);
      } else {
        metrics.add(m.asText());
      }
      mi++;
    }
    List<Integer> ks = new ArrayList<>();
    int ki = 0;
    for (JsonNode kn : list(root, "k", false, errors)) {
      String path = "k[" + ki++ + "]";
      if (!kn.canConvertToInt() || !kn.isIntegralNumber()) {
        errors.add(path, "expected an integer cut-off, got " + kn);
      } else if (kn.asInt() < 1) {
        errors.add(path, "cut-offs must be >= 1, got " + kn.asInt());
      } else {
        ks.add(kn.asInt());
      }
    }
    if (!metrics.isEmpty() && !errors.has("k") && !errors.has("metrics")) {
      try {
        new EvalOptions(metrics, ks, 0, true, Double.NaN, 0, 42L);
      } catch (IllegalArgumentException e) {
        errors.add("metrics", e.getMessage());
      }
    }
    List<Long> seeds = new ArrayList<>();
    int sdi = 0;
    for (JsonNode sn : list(root, "seeds", false, errors)) {
      if (!sn.isIntegralNumber() || !sn.canConvertToLong()) {
        errors.add("seeds[" + sdi + "]", "expected an integer seed, got " + sn);
      } else if (seeds.contains(sn.asLong())) {
        errors.add("seeds[" + sdi + "]", "seed " + sn.asLong() + " is listed twice");
      } else {
        seeds.add(sn.asLong());
      }
      sdi++;
    }
    if (seeds.isEmpty() && !errors.has("seeds")) {
      seeds.add(42L);
    }
    int threads = 0;
    if (root.hasNonNull("threads")) {
      JsonNode t = root.get("threads");
      if (!t.isIntegralNumber() || !t.canConvertToInt()) {
        errors.add("threads", "expected an integer, got " + t);
      } else {
        threads = t.asInt();
      }
    }
    Convergence convergence = convergence(root.get("convergence"), ks, errors);
    String candidates = CANDIDATES_ALL;
    if (root.hasNonNull("candidates")) {
      JsonNode c = root.get("candidates");
      if (c.isTextual() && (c.asText().equals(CANDIDATES_ALL)
          || c.asText().equals(CANDIDATES_TRAIN_ITEMS))) {
        candidates = c.asText();
      } else {
        errors.add("candidates", "expected '" + CANDIDATES_ALL + "' (every item) or '"
            + CANDIDATES_TRAIN_ITEMS + "' (only items with a train entry), got " + c);
      }
    }
    errors.throwIfAny();
    return new ExperimentSpec(name, datasets, splits, algorithms, metrics, ks, seeds, threads,
        convergence, candidates);
  }

  private static Convergence convergence(JsonNode c, List<Integer> ks, Errors errors) {
    if (c == null || c.isNull()) {
      return Convergence.DEFAULT;
    }
    if (c.isBoolean()) {
      return c.asBoolean() ? Convergence.DEFAULT : new Convergence(false, null);
    }
    if (!c.isObject()) {
      errors.add("convergence", "expected {loss: true|false, metric: NAME@K} or false, got " + c);
      return Convergence.DEFAULT;
    }
    unknownFields(c, "convergence.", CONVERGENCE_FIELDS, errors);
    boolean loss = !c.has("loss") || bool(c.get("loss"), "convergence.loss", errors);
    String metric = null;
    if (c.hasNonNull("metric")) {
      String m = text(c.get("metric"), "convergence.metric", errors);
      try {
        List<String> names = io.reco4j.eval.Metrics.names(
            new EvalOptions(List.of(m), ks, 0, true, Double.NaN, 0, 42L).resolvedMetrics());
        if (names.size() != 1) {
          errors.add("convergence.metric", "'" + m + "' stands for " + names
              + "; name one metric with its cut-off, e.g. " + names.get(0));
        } else {
          metric = names.get(0);
        }
      } catch (IllegalArgumentException e) {
        errors.add("convergence.metric", e.getMessage());
      }
    }
    return new Convergence(loss, metric);
  }

  /** An optional count field of a dataset entry: an integer {@code >= 0}, 0 when absent. */
  private static int count(JsonNode d, String field, String path, Errors errors) {
    JsonNode n = d.get(field);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
      errors.add(path + "." + field, "expected an integer >= 0, got " + n);
      return 0;
    }
    return n.asInt();
  }

  private static AlgorithmSpec algorithm(JsonNode a, String path, Errors errors) {
    if (a.isTextual()) {
      a = JsonNodeFactory.instance.objectNode().put("name", a.asText());
    }
    if (!a.isObject()) {
      errors.add(path, "expected an algorithm name or {name, label, params, grid, search}");
      return null;
    }
    unknownFields(a, path + ".", ALGORITHM_FIELDS, errors);
    if (!a.hasNonNull("name")) {
      errors.add(path + ".name", "missing (one of " + String.join(", ", Algorithms.names()) + ")");
      return null;
    }
    String name;
    try {
      name = Algorithms.canonicalName(a.get("name").asText());
    } catch (IllegalArgumentException e) {
      errors.add(path + ".name", e.getMessage());
      return null;
    }
    String label = a.hasNonNull("label") ? text(a.get("label"), path + ".label", errors) : name;
    Map<String, JsonNode> params = new LinkedHashMap<>();
    boolean ok = true;
    if (a.hasNonNull("params")) {
      JsonNode p = a.get("params");
      if (!p.isObject()) {
        errors.add(path + ".params", "expected a mapping field → value, got " + p);
        ok = false;
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          params.put(f.getKey(), f.getValue());
        }
        // fields are checked together (cross-field rules such as itemknn's weighting: bm25 needs
        // similarity: cosine); a failure is reported on each field that fails on its own, else
        // on params as a whole
        String all = checkParam(name, params);
        if (all != null) {
          ok = false;
          boolean named = false;
          for (Map.Entry<String, JsonNode> f : params.entrySet()) {
            String msg = checkParam(name, Map.of(f.getKey(), f.getValue()));
            if (msg != null) {
              errors.add(path + ".params." + f.getKey(), msg);
              named = true;
            }
          }
          if (!named) {
            errors.add(path + ".params", all);
          }
        }
      }
    }
    Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
    if (a.hasNonNull("grid")) {
      JsonNode g = a.get("grid");
      if (!g.isObject()) {
        errors.add(path + ".grid", "expected a mapping field → list of values, got " + g);
        ok = false;
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          String fp = path + ".grid." + f.getKey();
          if (params.containsKey(f.getKey())) {
            errors.add(fp, "also fixed in params; keep it in one place");
            ok = false;
            continue;
          }
          JsonNode defaults = JSON.valueToTree(Algorithms.defaults(name));
          if (!defaults.has(f.getKey())) {
            List<String> known = new ArrayList<>();
            defaults.fieldNames().forEachRemaining(known::add);
            errors.add(fp, name + ": unknown parameter '" + f.getKey() + "' (known: "
                + String.join(", ", known) + ")");
            ok = false;
            continue;
          }
          if (!f.getValue().isArray() || f.getValue().isEmpty()) {
            errors.add(fp, "expected a non-empty list of values, got " + f.getValue());
            ok = false;
            continue;
          }
          List<JsonNode> values = new ArrayList<>();
          int vi = 0;
          for (JsonNode v : f.getValue()) {
            Map<String, JsonNode> one = new LinkedHashMap<>(params);
            one.put(f.getKey(), v);
            String msg = checkParam(name, one);
            if (msg != null) {
              errors.add(fp + "[" + vi + "]", msg);
              ok = false;
            }
            if (values.contains(v)) {
              errors.add(fp + "[" + vi + "]", "value " + v + " is listed twice");
              ok = false;
            }
            values.add(v);
            vi++;
          }
          grid.put(f.getKey(), values);
        }
      }
    }
    SearchSpec search = null;
    if (a.hasNonNull("search")) {
      if (!grid.isEmpty() || a.hasNonNull("grid")) {
        errors.add(path + ".search", "cannot be combined with grid; move the grid's fields into "
            + "search.space");
        ok = false;
      } else {
        search = SearchSpec.parse(a.get("search"), path + ".search", name,
            JSON.valueToTree(Algorithms.defaults(name)), params, one -> checkParam(name, one),
            errors::add);
        ok &= search != null;
      }
    }
    AlgorithmSpec spec = new AlgorithmSpec(name, label, params, grid, search);
    if (ok) {
      // combinations may fail validation that no single value fails (cross-field checks)
      for (Map<String, JsonNode> combo : spec.expand()) {
        String msg = checkParam(name, combo);
        if (msg != null) {
          errors.add(path, "configuration " + toJson(combo) + ": " + msg);
          break;
        }
      }
    }
    return spec;
  }

  /** Null when {@code overrides} make a valid config of the algorithm, else why not. */
  private static String checkParam(String algorithm, Map<String, JsonNode> overrides) {
    try {
      Algorithms.config(algorithm, toJson(overrides));
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  static String toJson(Map<String, JsonNode> overrides) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    overrides.forEach(o::set);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Expands the experiment into its runs, in the order dataset × split × algorithm configuration
   * (grid in odometer order) × seed. Each run's configuration is resolved here: the algorithm's
   * defaults, overridden by the params and grid values, with the run's seed in a {@code seed}
   * field and {@link #threads()} in a {@code threads} field where the algorithm has them and the
   * params leave them unset.
   */
  public List<PlannedRun> runs() {
    List<PlannedRun> out = new ArrayList<>();
    List<String> metricNames = io.reco4j.eval.Metrics.names(evalOptions(0).resolvedMetrics());
    for (DatasetSpec d : datasets) {
      for (String split : splits) {
        for (AlgorithmSpec a : algorithms) {
          JsonNode defaults = JSON.valueToTree(Algorithms.defaults(a.name()));
          for (Map<String, JsonNode> params : a.expand()) {
            for (long seed : seeds) {
              Map<String, JsonNode> overrides = new LinkedHashMap<>(params);
              if (defaults.has("seed") && !overrides.containsKey("seed")) {
                overrides.put("seed", JsonNodeFactory.instance.numberNode(seed));
              }
              if (defaults.has("threads") && !overrides.containsKey("threads")) {
                overrides.put("threads", JsonNodeFactory.instance.numberNode(threads));
              }
              String configJson = io.reco4j.model.Configs.toJson(
                  Algorithms.config(a.name(), toJson(overrides)));
              ObjectNode config;
              try {
                config = (ObjectNode) JSON.readTree(configJson);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
              }
              config.remove("threads");
              ObjectNode def = JsonNodeFactory.instance.objectNode();
              ObjectNode ds = def.putObject("dataset");
              ds.put("data", d.data());
              ds.put("implicit", d.implicit());
              if (!Float.isNaN(d.minRating())) {
                ds.put("minRating", d.minRating());
              }
              if (d.minUserInteractions() > 0) { // absent when 0: older run ids stay valid
                ds.put("minUserInteractions", d.minUserInteractions());
              }
              if (d.minItemInteractions() > 0) {
                ds.put("minItemInteractions", d.minItemInteractions());
              }
              def.put("split", split);
              def.put("algorithm", a.name());
              def.put("label", a.label());
              def.set("config", config);
              def.put("seed", seed);
              if (a.search() != null) {
                def.set("search", a.search().toJson());
              }
              if (trainItemsOnly()) { // absent by default: older run ids stay valid
                def.put("candidates", candidates);
              }
              var ms = def.putArray("metrics");
              metricNames.forEach(ms::add);
              String id = sha256Hex(canonicalJson(def)).substring(0, 12);
              out.add(new PlannedRun(out.size(), id, d, split, a.name(), a.label(), params,
                  configJson, seed, def, a.search()));
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * A hash of everything that decides the experiment's runs and results (every field but
   * {@code threads}), as 64 hex digits; two files that differ only in layout, comments or
   * threads have the same hash.
   */
  public String hash() {
    ObjectNode tree = JSON.valueToTree(withThreads(0));
    if (!trainItemsOnly()) {
      tree.remove("candidates"); // the default leaves hashes as they were before the field
    }
    return sha256Hex(canonicalJson(tree));
  }

  /** A copy with another thread count. */
  public ExperimentSpec withThreads(int t) {
    return new ExperimentSpec(name, datasets, splits, algorithms, metrics, k, seeds, t,
        convergence, candidates);
  }

  /** The evaluation options of every run (threads as given, {@link #candidates()} applied). */
  public EvalOptions evalOptions(long seed) {
    return new EvalOptions(metrics, k, threads, true, Double.NaN, 0, seed)
        .withTrainItemsOnly(trainItemsOnly());
  }

  /** JSON with object keys sorted at every level, so equal trees give equal text. */
  static String canonicalJson(JsonNode node) {
    try {
      return JSON.writeValueAsString(sortKeys(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sortKeys(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      node.fields().forEachRemaining(e -> sorted.put(e.getKey(), sortKeys(e.getValue())));
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      sorted.forEach(o::set);
      return o;
    }
    if (node.isArray()) {
      var a = JsonNodeFactory.instance.arrayNode();
      node.forEach(x -> a.add(sortKeys(x)));
      return a;
    }
    if (node.isFloatingPointNumber() && Double.isFinite(node.asDouble())) {
      // 0.1f and 0.1 must hash alike
      return JsonNodeFactory.instance.numberNode(node.decimalValue().stripTrailingZeros());
    }
    return node;
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<JsonNode> list(JsonNode root, String field, boolean required,
      Errors errors) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        errors.add(field, "missing (a non-empty list)");
      }
      return List.of();
    }
    if (n.isValueNode()) {
      return List.of(n); // a single value stands for a one-element list
    }
    if (!n.isArray()) {
      errors.add(field, "expected a list, got " + n);
      return List.of();
    }
    if (n.isEmpty() && required) {
      errors.add(field, "must not be empty");
    }
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  private static void unknownFields(JsonNode obj, String prefix, Set<String> known,
      Errors errors) {
    obj.fieldNames().forEachRemaining(f -> {
      if (!known.contains(f)) {
        errors.add(prefix + f, "unknown field (known: " + sorted(known) + ")");
      }
    });
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", new java.util.TreeSet<>(s));
  }

  private static String text(JsonNode n, String path, Errors errors) {
    if (!n.isValueNode() || n.asText().isBlank()) {
      errors.add(path, "expected a non-empty text, got " + n);
      return "";
    }
    return n.asText();
  }

  private static boolean bool(JsonNode n, String path, Errors errors) {
    if (!n.isBoolean()) {
      errors.add(path, "expected true or false, got " + n);
      return false;
    }
    return n.asBoolean();
  }

  /** Collects "path: message" errors in file order. */
  private static final class Errors {
    private final List<String> messages = new ArrayList<>();
    private final Set<String> paths = new java.util.HashSet<>();

    void add(String path, String message) {
      messages.add(path + ": " + message);
      String top = path.split("[.\\[]", 2)[0];
      paths.add(top.toLowerCase(Locale.ROOT));
    }

    boolean has(String top) {
      return paths.contains(top);
    }

    void throwIfAny() {
      if (!messages.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", messages));
      }
    }
  }
}
