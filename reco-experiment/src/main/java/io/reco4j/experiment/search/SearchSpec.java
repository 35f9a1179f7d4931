package io.reco4j.experiment.search;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco4j.eval.Metric;
import io.reco4j.eval.Metrics;
import io.reco4j.eval.RatingMetric;
import io.reco4j.split.KFoldSplit;
import io.reco4j.split.Splits;
import io.reco4j.split.Splitter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The {@code search:} block of an algorithm entry: tune some config fields on a validation split
 * carved out of each run's training part, then train the best configuration on the whole training
 * part and evaluate it on the test split once.
 *
 * <pre>{@code
 * search:
 *   method: tpe                  # tpe | random
 *   trials: 30
 *   metric: ndcg@10              # maximised; rmse and mae are minimised
 *   validation: user:0.2         # splitter applied to the run's training part -> fit / validation
 *   earlyStopping: {patience: 3} # optional; needs an iteration field (iterations or epochs)
 *   space:
 *     factors: {int: [16, 256], log: true}
 *     regularization: {float: [0.001, 100], log: true}
 *     solver: {choice: [cg, cholesky]}
 * }</pre>
 *
 * <p>TPE draws its first {@link #startupTrials()} trials from the prior. Immutable.
 *
 * @param method {@code tpe} or {@code random}
 * @param trials trials to run, at least 1
 * @param metric the validation metric's canonical name, e.g. {@code ndcg@10}
 * @param maximise whether larger values of the metric are better (false for rmse and mae)
 * @param validation the canonical spec of the single-fold validation splitter
 * @param patience with early stopping, the iterations without improvement after which a trial
 *     stops; null without early stopping
 * @param iterationField the algorithm's iteration field ({@code iterations} or {@code epochs}),
 *     set to the best iteration for the final fit under early stopping; null when it has none
 * @param space the searched fields
 */
public record SearchSpec(String method, int trials, String metric, boolean maximise,
    String validation, Integer patience, String iterationField, SearchSpace space) {
  /** The methods accepted in {@code method}. */
  public static final List<String> METHODS = List.of("tpe", "random");
  private static final Set<String> FIELDS = Set.of("method", "trials", "metric", "validation",
      "earlyStopping", "space");

  public SearchSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(space, "space");
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("method must be one of " + METHODS + ", got " + method);
    }
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
    }
    if (patience != null && (patience < 1 || iterationField == null)) {
      throw new IllegalArgumentException("early stopping needs patience >= 1 and an iteration "
          + "field");
    }
  }

  /** {@code "max"} or {@code "min"}. */
  public String direction() {
    return maximise ? "max" : "min";
  }

  /**
   * Trials TPE draws from the prior before modelling: a third of the budget, between 3 and 10
   * (Optuna and Hyperopt start with 10 and 20 of budgets in the hundreds; ours are tens).
   */
  public int startupTrials() {
    return Math.max(3, Math.min(10, trials / 3));
  }

  /** The sampler of this search, seeded with {@code seed}. */
  public Sampler sampler(long seed) {
    return method.equals("tpe") ? new TpeSearch(space, seed, startupTrials(), 0.25, 24)
        : new RandomSearch(space, seed);
  }

  /**
   * The canonical JSON form, as it appears in run files: method, trials, metric, direction,
   * validation, earlyStopping ({@code {"patience": N}} or null) and space.
   */
  @JsonValue
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("method", method);
    o.put("trials", trials);
    o.put("metric", metric);
    o.put("direction", direction());
    o.put("validation", validation);
    if (patience == null) {
      o.putNull("earlyStopping");
    } else {
      o.putObject("earlyStopping").put("patience", patience);
    }
    o.set("space", space.toJson());
    return o;
  }

  /**
   * Parses a {@code search:} block, reporting every problem as (YAML path, message).
   *
   * @param n the block
   * @param path its YAML path, e.g. {@code algorithms[2].search}
   * @param algorithm the canonical algorithm name (in messages)
   * @param defaults the algorithm's default config as JSON (its fields are the searchable ones)
   * @param fixed the entry's fixed params (a field may not be both fixed and searched)
   * @param check given field → value overrides, null when they make a valid config, else why not
   * @param errors receives (path, message) pairs
   * @return the spec, or null when there were errors
   */
  public static SearchSpec parse(JsonNode n, String path, String algorithm, JsonNode defaults,
      Map<String, JsonNode> fixed, Function<Map<String, JsonNode>, String> check,
      BiConsumer<String, String> errors) {
    if (!n.isObject()) {
      errors.accept(path, "expected a mapping with fields " + new TreeSet<>(FIELDS) + ", got " + n);
      return null;
    }
    boolean ok = true;
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        errors.accept(path + "." + f, "unknown field (known: " + new TreeSet<>(FIELDS) + ")");
        ok = false;
      }
    }
    String method = "tpe";
    if (n.hasNonNull("method")) {
      method = n.get("method").asText().strip().toLowerCase(Locale.ROOT);
      if (!n.get("method").isTextual() || !METHODS.contains(method)) {
        errors.accept(path + ".method", "unknown method " + n.get("method") + " (known: "
            + String.join(", ", METHODS) + ")");
        ok = false;
      }
    }
    int trials = 0;
    JsonNode t = n.get("trials");
    if (t == null || t.isNull()) {
      errors.accept(path + ".trials", "missing (the number of trials, e.g. 30)");
      ok = false;
    } else if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 1) {
      errors.accept(path + ".trials", "expected an integer >= 1, got " + t);
      ok = false;
    } else {
      trials = t.asInt();
    }

    String metric = null;
    boolean maximise = true;
    JsonNode m = n.get("metric");
    if (m == null || m.isNull()) {
      errors.accept(path + ".metric", "missing (the validation metric, e.g. ndcg@10)");
      ok = false;
    } else {
      try {
        if (!m.isTextual()) {
          throw new IllegalArgumentException("expected a metric name such as ndcg@10, got " + m);
        }
        List<Metric> parsed = Metrics.parse(m.asText());
        if (parsed.size() != 1) {
          throw new IllegalArgumentException("expected one metric, got " + Metrics.names(parsed));
        }
        metric = parsed.get(0).name();
        maximise = !(parsed.get(0) instanceof RatingMetric);
      } catch (IllegalArgumentException e) {
        errors.accept(path + ".metric", e.getMessage());
        ok = false;
      }
    }

    String validation = null;
    JsonNode v = n.get("validation");
    if (v == null || v.isNull()) {
      errors.accept(path + ".validation", "missing (a single-fold split spec such as user:0.2, "
          + "applied to each run's training part)");
      ok = false;
    } else {
      try {
        if (!v.isTextual()) {
          throw new IllegalArgumentException("expected a split spec such as user:0.2, got " + v);
        }
        Splitter s = Splits.parse(v.asText());
        if (s instanceof KFoldSplit) {
          throw new IllegalArgumentException("the validation split must have a single fold, "
              + "such as user:0.2; got " + s.spec());
        }
        validation = s.spec();
      } catch (IllegalArgumentException e) {
        errors.accept(path + ".validation", e.getMessage());
        ok = false;
      }
    }

    String iterationField = defaults.has("iterations") ? "iterations"
        : defaults.has("epochs") ? "epochs" : null;
    Integer patience = null;
    JsonNode es = n.get("earlyStopping");
    if (es != null && !es.isNull()) {
      String ep = path + ".earlyStopping";
      if (!es.isObject()) {
        errors.accept(ep, "expected {patience: N}, got " + es);
        ok = false;
      } else {
        for (Iterator<String> it = es.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          if (!f.equals("patience")) {
            errors.accept(ep + "." + f, "unknown field (known: patience)");
            ok = false;
          }
        }
        JsonNode p = es.get("patience");
        if (p == null || !p.isIntegralNumber() || !p.canConvertToInt() || p.asInt() < 1) {
          errors.accept(ep + ".patience", "expected an integer >= 1, got " + p);
          ok = false;
        } else if (iterationField == null) {
          errors.accept(ep, "this algorithm trains in one shot: it has no iteration field "
              + "(iterations or epochs) to stop early");
          ok = false;
        } else {
          patience = p.asInt();
        }
      }
    }

    JsonNode sp = n.get("space");
    SearchSpace space = null;
    if (sp == null || sp.isNull()) {
      errors.accept(path + ".space", "missing (field → {int: [lo, hi]} | {float: [lo, hi]} | "
          + "{choice: [values]})");
      ok = false;
    } else {
      int[] before = {0};
      BiConsumer<String, String> counting = (p, msg) -> {
        before[0]++;
        errors.accept(p, msg);
      };
      // fields must be config fields, not fixed in params, and integer fields need int ranges
      if (sp.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = sp.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          String fp = path + ".space." + f.getKey();
          if (!defaults.has(f.getKey())) {
            List<String> known = new java.util.ArrayList<>();
            defaults.fieldNames().forEachRemaining(known::add);
            counting.accept(fp, algorithm + ": unknown parameter '" + f.getKey() + "' (known: "
                + String.join(", ", known) + ")");
          } else if (fixed.containsKey(f.getKey())) {
            counting.accept(fp, "also fixed in params; keep it in one place");
          } else if (defaults.get(f.getKey()).isIntegralNumber() && f.getValue().has("float")) {
            counting.accept(fp + ".float", "'" + f.getKey() + "' is an integer field; use int");
          }
        }
      }
      if (before[0] == 0) {
        space = SearchSpace.parse(sp, path + ".space", one -> {
          Map<String, JsonNode> all = new java.util.LinkedHashMap<>(fixed);
          all.putAll(one);
          return check.apply(all);
        }, counting);
      }
      ok &= before[0] == 0 && space != null;
    }
    if (!ok) {
      return null;
    }
    return new SearchSpec(method, trials, metric, maximise, validation, patience, iterationField,
        space);
  }
}
