package io.reco4j.experiment.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The space a search samples from: one {@link Dimension} per config field, in file order.
 *
 * <pre>{@code
 * factors: {int: [16, 256], log: true}       # integers lo..hi inclusive, log-uniform prior
 * regularization: {float: [0.001, 100], log: true}
 * alpha: {float: [1, 50]}                    # uniform prior
 * solver: {choice: [cg, cholesky]}           # any JSON values
 * }</pre>
 *
 * <p>Samplers work in an <em>internal</em> coordinate per dimension: the value itself for a linear
 * range, its natural logarithm for a log range, the index for a choice. Integer ranges are widened
 * by half a step on each side ({@code [lo - 0.5, hi + 0.5]}, in log space for log ranges) so that
 * rounding gives every integer its fair share. Logarithms and exponentials use {@link StrictMath},
 * so a recorded history maps to the same coordinates on every JVM and platform. Immutable and
 * thread-safe.
 *
 * @param dimensions the dimensions, in file order; names are unique
 */
public record SearchSpace(List<Dimension> dimensions) {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public SearchSpace {
    dimensions = List.copyOf(dimensions);
    if (dimensions.isEmpty()) {
      throw new IllegalArgumentException("a search space needs at least one dimension");
    }
    Set<String> seen = new java.util.HashSet<>();
    for (Dimension d : dimensions) {
      if (!seen.add(d.name())) {
        throw new IllegalArgumentException("dimension '" + d.name() + "' is given twice");
      }
    }
  }

  /** One searched parameter. */
  public sealed interface Dimension permits IntRange, FloatRange, Choice {
    /** The config field this dimension sets. */
    String name();

    /** Lower bound of the internal coordinate. */
    double low();

    /** Upper bound of the internal coordinate. */
    double high();

    /**
     * The internal coordinate of a parameter value, or NaN when the value is not one this
     * dimension produces (a record from another space).
     */
    double toInternal(JsonNode value);

    /** The parameter value at an internal coordinate (clamped into the range). */
    JsonNode fromInternal(double x);

    /** The canonical YAML/JSON form, e.g. {@code {"int":[16,256],"log":true}}. */
    JsonNode toJson();
  }

  /**
   * Integers {@code lo..hi} inclusive.
   *
   * @param name config field
   * @param lo smallest value
   * @param hi largest value, {@code > lo}
   * @param log whether the prior is uniform in log space ({@code lo >= 1})
   */
  public record IntRange(String name, long lo, long hi, boolean log) implements Dimension {
    public IntRange {
      Objects.requireNonNull(name, "name");
      if (lo >= hi) {
        throw new IllegalArgumentException("needs lo < hi, got [" + lo + ", " + hi + "]");
      }
      if (log && lo < 1) {
        throw new IllegalArgumentException("log: true needs lo >= 1, got " + lo);
      }
    }

    @Override
    public double low() {
      return log ? StrictMath.log(lo - 0.5) : lo - 0.5;
    }

    @Override
    public double high() {
      return log ? StrictMath.log(hi + 0.5) : hi + 0.5;
    }

    @Override
    public double toInternal(JsonNode value) {
      return numeric(value, log);
    }

    @Override
    public JsonNode fromInternal(double x) {
      double v = log ? StrictMath.exp(x) : x;
      long r = Math.round(v);
      return NODES.numberNode(Math.max(lo, Math.min(hi, r)));
    }

    @Override
    public JsonNode toJson() {
      ObjectNode o = NODES.objectNode();
      o.putArray("int").add(lo).add(hi);
      if (log) {
        o.put("log", true);
      }
      return o;
    }
  }

  /**
   * Real numbers in {@code [lo, hi]}.
   *
   * @param name config field
   * @param lo lower bound, finite
   * @param hi upper bound, finite and {@code > lo}
   * @param log whether the prior is uniform in log space ({@code lo > 0})
   */
  public record FloatRange(String name, double lo, double hi, boolean log) implements Dimension {
    public FloatRange {
      Objects.requireNonNull(name, "name");
      if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo >= hi) {
        throw new IllegalArgumentException("needs finite lo < hi, got [" + lo + ", " + hi + "]");
      }
      if (log && lo <= 0) {
        throw new IllegalArgumentException("log: true needs lo > 0, got " + lo);
      }
    }

    @Override
    public double low() {
      return log ? StrictMath.log(lo) : lo;
    }

    @Override
    public double high() {
      return log ? StrictMath.log(hi) : hi;
    }

    @Override
    public double toInternal(JsonNode value) {
      return numeric(value, log);
    }

    @Override
    public JsonNode fromInternal(double x) {
      double v = log ? StrictMath.exp(x) : x;
      return NODES.numberNode(Math.max(lo, Math.min(hi, v)));
    }

    @Override
    public JsonNode toJson() {
      ObjectNode o = NODES.objectNode();
      o.putArray("float").add(lo).add(hi);
      if (log) {
        o.put("log", true);
      }
      return o;
    }
  }

  /**
   * One of a list of JSON values (text, numbers, booleans, ...).
   *
   * @param name config field
   * @param values the choices, at least one, no duplicates
   */
  public record Choice(String name, List<JsonNode> values) implements Dimension {
    public Choice {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("needs at least one value");
      }
      if (new java.util.HashSet<>(values).size() != values.size()) {
        throw new IllegalArgumentException("lists a value twice: " + values);
      }
    }

    @Override
    public double low() {
      return 0;
    }

    @Override
    public double high() {
      return values.size() - 1;
    }

    @Override
    public double toInternal(JsonNode value) {
      int i = values.indexOf(value);
      if (i < 0 && value != null && value.isNumber()) {
        for (int j = 0; j < values.size(); j++) { // 1 and 1.0 are the same choice
          if (values.get(j).isNumber() && values.get(j).asDouble() == value.asDouble()) {
            return j;
          }
        }
      }
      return i < 0 ? Double.NaN : i;
    }

    @Override
    public JsonNode fromInternal(double x) {
      int i = (int) Math.max(0, Math.min(values.size() - 1, Math.round(x)));
      return values.get(i);
    }

    @Override
    public JsonNode toJson() {
      ObjectNode o = NODES.objectNode();
      var a = o.putArray("choice");
      values.forEach(a::add);
      return o;
    }
  }

  /** The dimension names, in order. */
  public List<String> names() {
    List<String> out = new ArrayList<>(dimensions.size());
    dimensions.forEach(d -> out.add(d.name()));
    return out;
  }

  /** The canonical form: name → {@link Dimension#toJson()}, in order. */
  public JsonNode toJson() {
    ObjectNode o = NODES.objectNode();
    dimensions.forEach(d -> o.set(d.name(), d.toJson()));
    return o;
  }

  /** A parameter map (name → value) from one internal coordinate per dimension. */
  public Map<String, JsonNode> params(double[] internal) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (int d = 0; d < dimensions.size(); d++) {
      out.put(dimensions.get(d).name(), dimensions.get(d).fromInternal(internal[d]));
    }
    return out;
  }

  /**
   * Parses a {@code space:} mapping, reporting every problem to {@code errors} as (YAML path,
   * message), e.g. ({@code algorithms[2].search.space.factors.int}, {@code needs lo < hi ...}).
   *
   * @param node the mapping field → {int|float|choice}
   * @param path the YAML path of {@code node}
   * @param check given one field → value, returns null when the value is acceptable for the
   *     field or else why not (unknown field, value out of the config's range)
   * @param errors receives (path, message) pairs
   * @return the space, or null when there were errors
   */
  public static SearchSpace parse(JsonNode node, String path,
      Function<Map<String, JsonNode>, String> check, BiConsumer<String, String> errors) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      errors.accept(path, "expected a non-empty mapping field → {int: [lo, hi]} | {float: [lo, hi]}"
          + " | {choice: [values]}, got " + node);
      return null;
    }
    List<Dimension> dims = new ArrayList<>();
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      Dimension d = dimension(f.getKey(), f.getValue(), path + "." + f.getKey(), check, errors);
      if (d == null) {
        ok = false;
      } else {
        dims.add(d);
      }
    }
    return ok ? new SearchSpace(dims) : null;
  }

  /** A numeric value in a range's internal coordinate (its log when log-scaled); NaN if absent. */
  private static double numeric(JsonNode value, boolean log) {
    if (value == null || !value.isNumber()) {
      return Double.NaN;
    }
    double v = value.asDouble();
    return log ? StrictMath.log(v) : v;
  }

  private static Dimension dimension(String name, JsonNode n, String path,
      Function<Map<String, JsonNode>, String> check, BiConsumer<String, String> errors) {
    Set<String> known = Set.of("int", "float", "choice", "log");
    if (!n.isObject()) {
      errors.accept(path, "expected {int: [lo, hi]}, {float: [lo, hi]} or {choice: [values]}"
          + " (optionally with log: true), got " + n);
      return null;
    }
    boolean bad = false;
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        errors.accept(path + "." + f, "unknown field (known: " + new TreeSet<>(known) + ")");
        bad = true;
      }
    }
    List<String> kinds = new ArrayList<>();
    for (String k : List.of("int", "float", "choice")) {
      if (n.has(k)) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      errors.accept(path, kinds.isEmpty() ? "needs one of int, float, choice"
          : "give only one of " + String.join(", ", kinds));
      return null;
    }
    String kind = kinds.get(0);
    JsonNode spec = n.get(kind);
    boolean log = false;
    if (n.has("log")) {
      if (!n.get("log").isBoolean()) {
        errors.accept(path + ".log", "expected true or false, got " + n.get("log"));
        bad = true;
      } else if (kind.equals("choice")) {
        errors.accept(path + ".log", "applies to int and float ranges only");
        bad = true;
      } else {
        log = n.get("log").asBoolean();
      }
    }
    String kp = path + "." + kind;
    if (!spec.isArray() || spec.isEmpty()) {
      errors.accept(kp, kind.equals("choice") ? "expected a non-empty list of values, got " + spec
          : "expected [lo, hi], got " + spec);
      return null;
    }
    if (kind.equals("choice")) {
      List<JsonNode> values = new ArrayList<>();
      int i = 0;
      for (JsonNode v : spec) {
        String msg = check.apply(Map.of(name, v));
        if (msg != null) {
          errors.accept(kp + "[" + i + "]", msg);
          bad = true;
        }
        if (values.contains(v)) {
          errors.accept(kp + "[" + i + "]", "value " + v + " is listed twice");
          bad = true;
        }
        values.add(v);
        i++;
      }
      return bad ? null : new Choice(name, values);
    }
    if (spec.size() != 2) {
      errors.accept(kp, "expected [lo, hi], got " + spec);
      return null;
    }
    for (int i = 0; i < 2; i++) {
      JsonNode b = spec.get(i);
      boolean fits = kind.equals("int") ? b.isIntegralNumber() && b.canConvertToLong()
          : b.isNumber() && Double.isFinite(b.asDouble());
      if (!fits) {
        errors.accept(kp + "[" + i + "]", "expected " + (kind.equals("int") ? "an integer"
            : "a finite number") + ", got " + b);
        return null;
      }
    }
    Dimension d;
    try {
      d = kind.equals("int")
          ? new IntRange(name, spec.get(0).asLong(), spec.get(1).asLong(), log)
          : new FloatRange(name, spec.get(0).asDouble(), spec.get(1).asDouble(), log);
    } catch (IllegalArgumentException e) {
      errors.accept(kp, e.getMessage());
      return null;
    }
    for (int i = 0; i < 2; i++) { // both ends must be valid values of the config field
      String msg = check.apply(Map.of(name, spec.get(i)));
      if (msg != null) {
        errors.accept(kp + "[" + i + "]", msg);
        bad = true;
      }
    }
    return bad ? null : d;
  }
}
