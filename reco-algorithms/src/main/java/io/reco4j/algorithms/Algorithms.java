package io.reco4j.algorithms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco4j.algorithms.als.AlsConfig;
import io.reco4j.algorithms.als.AlsTrainer;
import io.reco4j.algorithms.als.IalsConfig;
import io.reco4j.algorithms.als.IalsTrainer;
import io.reco4j.algorithms.baseline.BiasConfig;
import io.reco4j.algorithms.baseline.BiasTrainer;
import io.reco4j.algorithms.baseline.GlobalMeanConfig;
import io.reco4j.algorithms.baseline.GlobalMeanTrainer;
import io.reco4j.algorithms.baseline.PopularConfig;
import io.reco4j.algorithms.baseline.PopularTrainer;
import io.reco4j.algorithms.baseline.RandomConfig;
import io.reco4j.algorithms.baseline.RandomTrainer;
import io.reco4j.algorithms.mf.SvdConfig;
import io.reco4j.algorithms.mf.SvdTrainer;
import io.reco4j.algorithms.mf.SvdppConfig;
import io.reco4j.algorithms.mf.SvdppTrainer;
import io.reco4j.algorithms.bpr.BprConfig;
import io.reco4j.algorithms.bpr.BprTrainer;
import io.reco4j.algorithms.knn.ItemKnnConfig;
import io.reco4j.algorithms.knn.ItemKnnTrainer;
import io.reco4j.algorithms.knn.UserKnnConfig;
import io.reco4j.algorithms.knn.UserKnnTrainer;
import io.reco4j.algorithms.ease.EaseConfig;
import io.reco4j.algorithms.ease.EaseTrainer;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.Configs;
import io.reco4j.model.Model;
import io.reco4j.model.Trainer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registry of algorithms by name, used by the CLI and the experiment runner.
 *
 * <pre>{@code
 * Trainer<?> t = Algorithms.trainer("bias");                                   // defaults
 * Trainer<?> t = Algorithms.trainer("bias", "{\"userRegularization\": 20}");   // JSON overrides
 * Trainer<?> t = Algorithms.trainer("bias", Map.of("iterations", "5"));        // --param k=v
 * Model m = t.train(dataset);
 * }</pre>
 *
 * <p>Overrides are merged into the JSON of the algorithm's {@code defaults()} and the record is
 * read back through {@link Configs}, so its compact-constructor validation applies and an unknown
 * or mistyped field is an {@link IllegalArgumentException} that names the field. Names are
 * case-insensitive; an unknown name is an {@link IllegalArgumentException} listing the known
 * ones. Thread-safe.
 *
 * <table>
 *   <caption>Registered algorithms</caption>
 *   <tr><th>name</th><th>aliases</th><th>config</th><th>model capabilities</th></tr>
 *   <tr><td>global-mean</td><td>mean</td><td>{@link GlobalMeanConfig}</td><td>rating predictor, item scorer</td></tr>
 *   <tr><td>bias</td><td></td><td>{@link BiasConfig}</td><td>rating predictor, item scorer</td></tr>
 *   <tr><td>popular</td><td>pop</td><td>{@link PopularConfig}</td><td>item scorer</td></tr>
 *   <tr><td>random</td><td></td><td>{@link RandomConfig}</td><td>item scorer</td></tr>
 *   <tr><td>svd</td><td></td><td>{@link SvdConfig}</td><td>rating predictor, item scorer, factor model, similar items, fold-in</td></tr>
 *   <tr><td>svdpp</td><td></td><td>{@link SvdppConfig}</td><td>rating predictor, item scorer, similar items, fold-in</td></tr>
 *   <tr><td>bpr</td><td></td><td>{@link BprConfig}</td><td>item scorer, factor model, fold-in, similar items</td></tr>
 *   <tr><td>itemknn</td><td></td><td>{@link ItemKnnConfig}</td><td>rating predictor, item scorer, similar items, fold-in</td></tr>
 *   <tr><td>userknn</td><td></td><td>{@link UserKnnConfig}</td><td>rating predictor, item scorer</td></tr>
 *   <tr><td>als</td><td></td><td>{@link AlsConfig}</td><td>rating predictor, item scorer, fold-in, similar items, factors</td></tr>
 *   <tr><td>ials</td><td></td><td>{@link IalsConfig}</td><td>item scorer, fold-in, similar items, factors</td></tr>
 *   <tr><td>ease</td><td></td><td>{@link EaseConfig}</td><td>item scorer, fold-in, similar items</td></tr>
 * </table>
 */
public final class Algorithms {
  private static final Map<String, Entry<?>> BY_NAME = new LinkedHashMap<>();
  private static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    register("global-mean", List.of("mean"), GlobalMeanConfig.class, GlobalMeanConfig::defaults,
        GlobalMeanTrainer::new);
    register("bias", List.of(), BiasConfig.class, BiasConfig::defaults, BiasTrainer::new);
    register("popular", List.of("pop"), PopularConfig.class, PopularConfig::defaults,
        PopularTrainer::new);
    register("random", List.of(), RandomConfig.class, RandomConfig::defaults, RandomTrainer::new);
    register("svd", List.of(), SvdConfig.class, SvdConfig::defaults, SvdTrainer::new);
    register("svdpp", List.of(), SvdppConfig.class, SvdppConfig::defaults, SvdppTrainer::new);
    register("bpr", List.of(), BprConfig.class, BprConfig::defaults, BprTrainer::new);
    register("itemknn", List.of(), ItemKnnConfig.class, ItemKnnConfig::defaults, ItemKnnTrainer::new);
    register("userknn", List.of(), UserKnnConfig.class, UserKnnConfig::defaults, UserKnnTrainer::new);
    register("als", List.of(), AlsConfig.class, AlsConfig::defaults, AlsTrainer::new);
    register("ials", List.of(), IalsConfig.class, IalsConfig::defaults, IalsTrainer::new);
    register("ease", List.of(), EaseConfig.class, EaseConfig::defaults, EaseTrainer::new);
  }

  private Algorithms() {}

  private record Entry<C extends AlgorithmConfig>(String name, List<String> aliases,
      Class<C> configClass, Supplier<C> defaults, Function<C, Trainer<? extends Model>> factory) {

    Trainer<? extends Model> trainer(AlgorithmConfig config) {
      return factory.apply(configClass.cast(config));
    }
  }

  private static <C extends AlgorithmConfig> void register(String name, List<String> aliases,
      Class<C> configClass, Supplier<C> defaults, Function<C, Trainer<? extends Model>> factory) {
    BY_NAME.put(name, new Entry<>(name, aliases, configClass, defaults, factory));
    ALIASES.put(name, name);
    for (String a : aliases) {
      ALIASES.put(a, name);
    }
  }

  /** The canonical names of every registered algorithm, in registration order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** The aliases of an algorithm (e.g. {@code pop} for {@code popular}); may be empty. */
  public static List<String> aliases(String name) {
    return entry(name).aliases();
  }

  /**
   * The canonical name of an algorithm name or alias, e.g. {@code "pop" → "popular"}.
   *
   * @throws IllegalArgumentException listing the known names when {@code name} is unknown
   */
  public static String canonicalName(String name) {
    return entry(name).name();
  }

  /** The config record type of an algorithm. */
  public static Class<? extends AlgorithmConfig> configClass(String name) {
    return entry(name).configClass();
  }

  /** The default configuration of an algorithm. */
  public static AlgorithmConfig defaults(String name) {
    return entry(name).defaults().get();
  }

  /** A trainer with the algorithm's default configuration. */
  public static Trainer<? extends Model> trainer(String name) {
    Entry<?> e = entry(name);
    return e.trainer(e.defaults().get());
  }

  /**
   * A trainer whose configuration is the defaults overridden by the fields of a JSON object
   * (all fields or only some), e.g. {@code {"iterations": 20}}.
   *
   * @throws IllegalArgumentException when the JSON is not an object, names an unknown field,
   *     has a value of the wrong type or fails the config's validation
   */
  public static Trainer<? extends Model> trainer(String name, String configJson) {
    Entry<?> e = entry(name);
    return e.trainer(config(e, configJson));
  }

  /**
   * A trainer whose configuration is the defaults overridden by string parameters, as given on a
   * command line ({@code --param userRegularization=15}). Values are converted to the field's
   * type by Jackson's scalar coercion.
   *
   * @throws IllegalArgumentException naming the field when a parameter is unknown, does not parse
   *     or fails the config's validation
   */
  public static Trainer<? extends Model> trainer(String name, Map<String, String> params) {
    Entry<?> e = entry(name);
    return e.trainer(config(e, params));
  }

  /** The configuration {@link #trainer(String, String)} would use. */
  public static AlgorithmConfig config(String name, String configJson) {
    return config(entry(name), configJson);
  }

  /** The configuration {@link #trainer(String, Map)} would use. */
  public static AlgorithmConfig config(String name, Map<String, String> params) {
    return config(entry(name), params);
  }

  /**
   * A trainer for a configuration record of a registered algorithm.
   *
   * @throws IllegalArgumentException when no registered algorithm has this config type
   */
  public static Trainer<? extends Model> trainer(AlgorithmConfig config) {
    for (Entry<?> e : BY_NAME.values()) {
      if (e.configClass() == config.getClass()) {
        return e.trainer(config);
      }
    }
    throw new IllegalArgumentException("no registered algorithm is configured by "
        + config.getClass().getName());
  }

  private static Entry<?> entry(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    String canonical = ALIASES.get(key);
    if (canonical == null) {
      throw new IllegalArgumentException("unknown algorithm '" + name + "' (known: "
          + known() + ")");
    }
    return BY_NAME.get(canonical);
  }

  private static String known() {
    List<String> parts = new ArrayList<>();
    for (Entry<?> e : BY_NAME.values()) {
      parts.add(e.aliases().isEmpty() ? e.name()
          : e.name() + " (alias " + String.join(", ", e.aliases()) + ")");
    }
    return String.join(", ", parts);
  }

  private static AlgorithmConfig config(Entry<?> e, String configJson) {
    JsonNode overrides;
    try {
      overrides = Configs.json().readTree(configJson == null || configJson.isBlank() ? "{}"
          : configJson);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException(e.name() + ": config is not valid JSON: "
          + ex.getOriginalMessage(), ex);
    }
    if (!(overrides instanceof ObjectNode obj)) {
      throw new IllegalArgumentException(e.name() + ": config must be a JSON object, got "
          + overrides.getNodeType());
    }
    ObjectNode merged = defaultsTree(e);
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      merged.set(f.getKey(), f.getValue());
    }
    return read(e, merged);
  }

  private static AlgorithmConfig config(Entry<?> e, Map<String, String> params) {
    ObjectNode merged = defaultsTree(e);
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (p.getValue() == null) {
        throw new IllegalArgumentException(e.name() + ": parameter '" + p.getKey()
            + "' has no value");
      }
      merged.put(p.getKey(), p.getValue());
    }
    return read(e, merged);
  }

  private static ObjectNode defaultsTree(Entry<?> e) {
    return Configs.json().valueToTree(e.defaults().get());
  }

  private static AlgorithmConfig read(Entry<?> e, ObjectNode merged) {
    ObjectMapper json = Configs.json();
    try {
      return json.treeToValue(merged, e.configClass());
    } catch (UnrecognizedPropertyException ex) {
      throw new IllegalArgumentException(e.name() + ": unknown parameter '" + ex.getPropertyName()
          + "' (known: " + String.join(", ", fieldNames(e)) + ")", ex);
    } catch (ValueInstantiationException ex) {
      // the record's compact constructor rejected the values: its message says why
      Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
      throw new IllegalArgumentException(e.name() + ": " + cause.getMessage(), ex);
    } catch (JsonMappingException ex) {
      String field = ex.getPath().isEmpty() ? "?"
          : ex.getPath().get(ex.getPath().size() - 1).getFieldName();
      throw new IllegalArgumentException(e.name() + ": invalid value for parameter '" + field
          + "': " + ex.getOriginalMessage(), ex);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException(e.name() + ": " + ex.getOriginalMessage(), ex);
    }
  }

  private static List<String> fieldNames(Entry<?> e) {
    List<String> names = new ArrayList<>();
    defaultsTree(e).fieldNames().forEachRemaining(names::add);
    return names;
  }
}
