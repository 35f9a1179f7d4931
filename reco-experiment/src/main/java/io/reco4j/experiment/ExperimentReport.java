package io.reco4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.eval.PerUserValues;
import io.reco4j.experiment.stats.BootstrapCi;
import io.reco4j.experiment.stats.ConfidenceInterval;
import io.reco4j.experiment.stats.Leaderboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The results of an experiment directory ({@link ExperimentRunner}) as tables: one per (dataset,
 * split, seed), a row per complete run, a column per metric. It is the model both renderings
 * share: {@link #toMarkdown()} and {@link HtmlReport}.
 *
 * <p>Where every run of a table has per-user values of a metric ({@code runs/<id>.peruser.json};
 * with several folds pooled per user across folds), the column is a {@link Leaderboard#compareAll} leaderboard: the best run is
 * the reference, every other run is compared with it by a paired t-test over users with
 * Holm-corrected p-values, and the cell is the mean of the per-user values ± the half-width of its
 * bootstrap 95% interval. A run with per-user values in a column that cannot be compared (a single
 * run, or some runs without values) gets its own bootstrap interval ({@link BootstrapCi}) and no
 * test. Otherwise (metrics without per-user values such as coverage, or results from before
 * per-user files) the cell is the mean ± sample std over folds from the run JSON.
 *
 * <p>Direction: larger is better except for {@code rmse}, {@code mae} and {@code arp@K} (average
 * recommended popularity, where the smaller value is the less popularity-biased list).
 *
 * <p>Besides the tables the report carries what the HTML charts need: training and evaluation
 * seconds per run, per-iteration convergence curves (the run JSON's {@code convergence} field),
 * hyperparameter searches (its {@code search} field and {@code runs/<id>.trials.json}), the spread
 * of the primary metric over users, and the provenance of the runs. Immutable.
 */
public final class ExperimentReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a cell's ± was obtained. */
  public enum Spread {
    /** Half-width of the bootstrap interval of the mean of the per-user values. */
    BOOTSTRAP_CI,
    /** Sample standard deviation of the metric over folds. */
    STD_OVER_FOLDS,
    /** Nothing to show: one fold and no per-user values (e.g. catalogue coverage). */
    NONE
  }

  /**
   * One cell.
   *
   * @param mean the value shown
   * @param plusMinus the bootstrap CI half-width (per-user) or the std over folds; NaN if unknown
   * @param best whether this is the best value of its column
   * @param significantlyWorse whether a paired test found it worse than the best after Holm
   * @param spread what {@code plusMinus} is
   */
  public record Cell(double mean, double plusMinus, boolean best, boolean significantlyWorse,
      Spread spread) { }

  /**
   * A training curve of one fold: per iteration the wall time, the training loss and the value of
   * a validation metric; the arrays are parallel, NaN where the run recorded null.
   *
   * @param fold the 1-based fold
   * @param metric the metric of {@code value}
   * @param iterations 1-based iteration numbers, ascending
   * @param seconds wall seconds of each iteration
   * @param loss training loss after each iteration, NaN when not computed
   * @param value the metric after each iteration, NaN when not measured
   */
  public record Convergence(int fold, String metric, int[] iterations, double[] seconds,
      double[] loss, double[] value) {
    /** Whether any iteration has a loss. */
    public boolean hasLoss() {
      return Arrays.stream(loss).anyMatch(Double::isFinite);
    }

    /** Whether any iteration has a metric value. */
    public boolean hasValue() {
      return Arrays.stream(value).anyMatch(Double::isFinite);
    }
  }

  /**
   * One trial of a hyperparameter search ({@code runs/<id>.trials.json}).
   *
   * @param trial 1-based trial number
   * @param params the trial's parameters as compact JSON
   * @param value the validation value
   * @param bestIteration the iteration early stopping kept, or null
   * @param stoppedAt the iteration training stopped at, or null
   * @param seconds wall seconds of the trial
   */
  public record Trial(int trial, String params, double value, Integer bestIteration,
      Integer stoppedAt, double seconds) { }

  /**
   * The hyperparameter search that chose a run's configuration (the run JSON's {@code search}).
   *
   * @param method e.g. {@code tpe}, {@code random}, {@code grid}
   * @param trialCount number of trials run
   * @param metric the validation metric
   * @param direction {@code max} or {@code min}
   * @param validation the validation split carved from the training data, e.g. {@code user:0.2}
   * @param earlyStopping the early-stopping settings as compact JSON, or null
   * @param space the search space as compact JSON
   * @param bestTrial the best trial's number
   * @param bestParams the best trial's parameters as compact JSON
   * @param bestValue the best validation value
   * @param bestIterations iterations the best configuration trained for, or null
   * @param testEvaluations how many times the test split was evaluated (1: only the best)
   * @param trials the trials in order; empty when the trials file is missing
   */
  public record Search(String method, int trialCount, String metric, String direction,
      String validation, String earlyStopping, String space, int bestTrial, String bestParams,
      double bestValue, Integer bestIterations, int testEvaluations, List<Trial> trials) {
    public Search {
      trials = List.copyOf(trials);
    }

    /** Whether larger validation values are better. */
    public boolean maximize() {
      return !"min".equalsIgnoreCase(direction);
    }
  }

  /**
   * Five-number summary of per-user values (quantiles interpolated linearly, "type 7").
   *
   * @param metric the metric
   * @param min the smallest value
   * @param q1 the first quartile
   * @param median the median
   * @param q3 the third quartile
   * @param max the largest value
   * @param users number of users
   */
  public record Box(String metric, double min, double q1, double median, double q3, double max,
      int users) { }

  /**
   * One run's row.
   *
   * @param id the run id
   * @param label the run's label
   * @param algorithm the algorithm's registry name
   * @param params the run's parameters as compact JSON
   * @param cells metric → cell (absent when the run has no value of that metric)
   * @param trainSeconds mean training seconds per fold
   * @param evalSeconds mean evaluation seconds per fold
   * @param convergence training curves, one per fold recorded; empty when the run has none
   * @param search the search that chose the configuration, or null
   * @param box the spread over users of the table's primary metric, or null without per-user
   *     values
   */
  public record Row(String id, String label, String algorithm, String params,
      Map<String, Cell> cells, double trainSeconds, double evalSeconds,
      List<Convergence> convergence, Search search, Box box) {
    public Row {
      cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
      convergence = List.copyOf(convergence);
    }
  }

  /**
   * One table.
   *
   * @param dataset the dataset label
   * @param split the split protocol
   * @param seed the split seed
   * @param folds number of folds
   * @param metrics column order
   * @param significance metric → whether its column came from per-user values and a leaderboard
   * @param rows one per complete run, in run order
   */
  public record Table(String dataset, String split, long seed, int folds, List<String> metrics,
      Map<String, Boolean> significance, List<Row> rows) {

    /** The first metric of the spec, the one charts plot against time, coverage and popularity. */
    public String primaryMetric() {
      return metrics.isEmpty() ? "" : metrics.get(0);
    }
  }

  /**
   * Where the results came from.
   *
   * @param specHash the experiment spec's hash
   * @param plannedRuns runs in the experiment
   * @param completeRuns runs with a complete run JSON
   * @param datasets dataset labels, in order of appearance
   * @param versions distinct reco4j versions of the runs
   * @param commits distinct git commits the runs were built from
   * @param jvms distinct JVMs
   * @param machines distinct machine descriptions, when the run JSONs record one
   * @param firstStarted the earliest run start (ISO-8601), or empty
   * @param lastStarted the latest run start (ISO-8601), or empty
   */
  public record Header(String specHash, int plannedRuns, int completeRuns, List<String> datasets,
      List<String> versions, List<String> commits, List<String> jvms, List<String> machines,
      String firstStarted, String lastStarted) { }

  private final String name;
  private final Leaderboard.Options options;
  private final Header header;
  private final List<Table> tables;

  private ExperimentReport(String name, Leaderboard.Options options, Header header,
      List<Table> tables) {
    this.name = name;
    this.options = options;
    this.header = header;
    this.tables = List.copyOf(tables);
  }

  /** The experiment's name. */
  public String name() {
    return name;
  }

  /** Provenance of the runs. */
  public Header header() {
    return header;
  }

  /** The tables, in order of first appearance of their runs. */
  public List<Table> tables() {
    return tables;
  }

  /** The comparison options used. */
  public Leaderboard.Options options() {
    return options;
  }

  /**
   * Whether larger values of {@code metric} are better: false for {@code rmse}, {@code mae} and
   * {@code arp@K}, true otherwise.
   */
  public static boolean higherIsBetter(String metric) {
    return Leaderboard.higherIsBetter(metric) && !metric.startsWith("arp");
  }

  /** Reads a results directory with {@link Leaderboard.Options#defaults()}. */
  public static ExperimentReport read(Path dir) throws IOException {
    return read(dir, Leaderboard.Options.defaults());
  }

  /**
   * Reads a results directory.
   *
   * @param dir a directory written by {@link ExperimentRunner}
   * @param options test, alpha and bootstrap for the leaderboards
   * @throws IllegalArgumentException when {@code dir} has no {@code experiment.json}, it has no
   *     complete run, or a run's {@code convergence}/{@code search} field or trials file is
   *     malformed (naming the file and field)
   * @throws IOException when a file cannot be read
   */
  public static ExperimentReport read(Path dir, Leaderboard.Options options) throws IOException {
    Objects.requireNonNull(options, "options");
    Path manifest = dir.resolve("experiment.json");
    if (!Files.isRegularFile(manifest)) {
      throw new IllegalArgumentException(dir + " is not an experiment results directory (no "
          + "experiment.json)");
    }
    JsonNode m = JSON.readTree(manifest.toFile());
    Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
    Map<String, Map<String, PerUserValues>> perUser = new LinkedHashMap<>();
    Map<String, Extras> extras = new LinkedHashMap<>();
    Set<String> datasets = new LinkedHashSet<>();
    Set<String> versions = new LinkedHashSet<>();
    Set<String> commits = new LinkedHashSet<>();
    Set<String> jvms = new LinkedHashSet<>();
    Set<String> machines = new LinkedHashSet<>();
    String first = "";
    String last = "";
    int complete = 0;
    for (JsonNode entry : m.path("runs")) {
      String id = entry.path("id").asText();
      Path file = ExperimentRunner.runFile(dir, id);
      if (!Files.isRegularFile(file)) {
        continue; // not run yet
      }
      JsonNode run;
      try {
        run = JSON.readTree(file.toFile());
      } catch (IOException e) {
        continue; // torn: the runner would run it again
      }
      if (run == null || !run.path("complete").asBoolean(false)) {
        continue;
      }
      complete++;
      JsonNode rep = run.path("report");
      String key = run.path("dataset").asText() + "\u0000" + rep.path("splitProtocol").asText()
          + "\u0000" + rep.path("splitSeed").asLong();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
      Path pu = ExperimentRunner.perUserFile(dir, id);
      if (Files.isRegularFile(pu)) {
        perUser.put(id, ExperimentRunner.readPerUser(pu));
      }
      extras.put(id, new Extras(convergence(run, file), search(run, file, dir)));
      datasets.add(run.path("dataset").asText());
      addText(versions, rep.path("reco4jVersion"));
      addText(commits, rep.path("gitCommit"));
      addText(jvms, rep.path("jvm"));
      addText(machines, run.has("machine") ? run.path("machine") : rep.path("machine"));
      String started = rep.path("startedAt").asText("");
      if (!started.isEmpty()) {
        first = first.isEmpty() || started.compareTo(first) < 0 ? started : first;
        last = started.compareTo(last) > 0 ? started : last;
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(dir + " has no complete run yet");
    }
    List<Table> tables = new ArrayList<>();
    for (List<JsonNode> runs : groups.values()) {
      tables.add(table(runs, perUser, extras, options));
    }
    Header header = new Header(m.path("specHash").asText(), m.path("runCount").asInt(
        m.path("runs").size()), complete, List.copyOf(datasets), List.copyOf(versions),
        List.copyOf(commits), List.copyOf(jvms), List.copyOf(machines), first, last);
    return new ExperimentReport(m.path("name").asText(), options, header, tables);
  }

  /** What a run file holds beyond its metrics. */
  private record Extras(List<Convergence> convergence, Search search) { }

  private static void addText(Set<String> into, JsonNode n) {
    if (n.isValueNode() && !n.asText().isEmpty()) {
      into.add(n.asText());
    } else if (n.isContainerNode() && n.size() > 0) {
      into.add(n.toString());
    }
  }

  private static Table table(List<JsonNode> runs, Map<String, Map<String, PerUserValues>> perUser,
      Map<String, Extras> extras, Leaderboard.Options options) {
    JsonNode rep0 = runs.get(0).path("report");
    List<String> metrics = new ArrayList<>();
    rep0.path("metrics").forEach(n -> metrics.add(n.asText()));
    List<Map<String, Cell>> cells = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      cells.add(new LinkedHashMap<>());
    }
    Map<String, Boolean> significance = new LinkedHashMap<>();
    for (String metric : metrics) {
      Map<String, PerUserValues> values = new LinkedHashMap<>();
      for (JsonNode run : runs) {
        Map<String, PerUserValues> p = perUser.get(run.path("id").asText());
        if (p != null && p.containsKey(metric)) {
          values.put(run.path("id").asText(), p.get(metric));
        }
      }
      boolean higher = higherIsBetter(metric);
      if (values.size() == runs.size() && runs.size() >= 2) {
        significance.put(metric, true);
        Leaderboard board = Leaderboard.compareAll(metric, values, null, higher, options);
        for (int i = 0; i < runs.size(); i++) {
          Leaderboard.Row r = board.row(runs.get(i).path("id").asText());
          cells.get(i).put(metric, new Cell(r.mean().estimate(), r.mean().halfWidth(),
              r.isReference(), r.significant(), Spread.BOOTSTRAP_CI));
        }
        continue;
      }
      significance.put(metric, false);
      double[] mean = new double[runs.size()];
      Cell[] cell = new Cell[runs.size()];
      double best = Double.NaN;
      for (int i = 0; i < runs.size(); i++) {
        String id = runs.get(i).path("id").asText();
        JsonNode s = runs.get(i).path("report").path("algorithms").path(0).path("summary")
            .path(metric);
        if (values.containsKey(id) && values.get(id).size() > 0) {
          ConfidenceInterval ci = BootstrapCi.ofMean(values.get(id).values(),
              options.bootstrap());
          cell[i] = new Cell(ci.estimate(), ci.halfWidth(), false, false, Spread.BOOTSTRAP_CI);
        } else if (s.has("mean") && s.get("mean").isNumber()) {
          double std = s.path("std").isNumber() ? s.get("std").asDouble() : Double.NaN;
          cell[i] = new Cell(s.get("mean").asDouble(), std, false, false,
              Double.isNaN(std) ? Spread.NONE : Spread.STD_OVER_FOLDS);
        } else {
          continue;
        }
        mean[i] = cell[i].mean();
        if (Double.isNaN(best) || (higher ? mean[i] > best : mean[i] < best)) {
          best = mean[i];
        }
      }
      for (int i = 0; i < runs.size(); i++) {
        if (cell[i] != null) {
          Cell c = cell[i];
          cells.get(i).put(metric, new Cell(c.mean(), c.plusMinus(), c.mean() == best, false,
              c.spread()));
        }
      }
    }
    String primary = metrics.isEmpty() ? "" : metrics.get(0);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      JsonNode run = runs.get(i);
      String id = run.path("id").asText();
      JsonNode params = run.path("params");
      JsonNode algo = run.path("report").path("algorithms").path(0);
      String label = algo.path("name").asText();
      Map<String, PerUserValues> p = perUser.get(id);
      Box box = p != null && p.containsKey(primary) && p.get(primary).size() > 0
          ? box(p.get(primary)) : null;
      Extras extra = extras.get(id);
      rows.add(new Row(id, label, run.path("definition").path("algorithm").asText(
          algo.path("algorithm").asText()),
          params.isObject() && params.size() > 0 ? params.toString() : "", cells.get(i),
          algo.path("trainSeconds").path("mean").asDouble(Double.NaN),
          algo.path("evalSeconds").path("mean").asDouble(Double.NaN), extra.convergence(),
          extra.search(), box));
    }
    return new Table(runs.get(0).path("dataset").asText(), rep0.path("splitProtocol").asText(),
        rep0.path("splitSeed").asLong(), rep0.path("folds").asInt(), metrics, significance, rows);
  }

  private static Box box(PerUserValues v) {
    double[] x = v.values().clone();
    Arrays.sort(x);
    return new Box(v.metric(), x[0], quantile(x, 0.25), quantile(x, 0.5), quantile(x, 0.75),
        x[x.length - 1], x.length);
  }

  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The run JSON's {@code convergence} array; empty when absent. */
  private static List<Convergence> convergence(JsonNode run, Path file) {
    JsonNode c = run.path("convergence");
    if (c.isMissingNode() || c.isNull()) {
      return List.of();
    }
    if (!c.isArray()) {
      throw new IllegalArgumentException(file + ": convergence must be an array");
    }
    List<Convergence> out = new ArrayList<>();
    for (int j = 0; j < c.size(); j++) {
      JsonNode curve = c.get(j);
      String where = file + ": convergence[" + j + "]";
      JsonNode its = curve.path("iterations");
      if (!its.isArray()) {
        throw new IllegalArgumentException(where + ".iterations must be an array");
      }
      int n = its.size();
      int[] iteration = new int[n];
      double[] seconds = new double[n];
      double[] loss = new double[n];
      double[] value = new double[n];
      for (int t = 0; t < n; t++) {
        JsonNode it = its.get(t);
        if (!it.path("iteration").canConvertToInt()) {
          throw new IllegalArgumentException(where + ".iterations[" + t + "].iteration must be "
              + "an integer");
        }
        iteration[t] = it.path("iteration").asInt();
        seconds[t] = number(it.path("seconds"), where + ".iterations[" + t + "].seconds");
        loss[t] = number(it.path("loss"), where + ".iterations[" + t + "].loss");
        value[t] = number(it.path("value"), where + ".iterations[" + t + "].value");
      }
      out.add(new Convergence(curve.path("fold").asInt(j + 1), curve.path("metric").asText(""),
          iteration, seconds, loss, value));
    }
    return out;
  }

  /** A number, NaN for null or absent. */
  private static double number(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return Double.NaN;
    }
    if (!n.isNumber()) {
      throw new IllegalArgumentException(where + " must be a number or null, got " + n);
    }
    return n.asDouble();
  }

  private static Integer intOrNull(JsonNode n) {
    return n.canConvertToInt() && n.isNumber() ? n.asInt() : null;
  }

  private static String compact(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.toString();
  }

  /** The run JSON's {@code search} section with its trials file; null when absent. */
  private static Search search(JsonNode run, Path file, Path dir) throws IOException {
    JsonNode s = run.path("search");
    if (s.isMissingNode() || s.isNull()) {
      return null;
    }
    if (!s.isObject()) {
      throw new IllegalArgumentException(file + ": search must be an object");
    }
    JsonNode best = s.path("best");
    List<Trial> trials = new ArrayList<>();
    String trialsFile = s.path("trialsFile").asText("");
    Path tf = trialsFile.isEmpty() ? null : dir.resolve("runs").resolve(trialsFile);
    if (tf != null && Files.isRegularFile(tf)) {
      JsonNode t = JSON.readTree(tf.toFile());
      if (t == null || !t.path("trials").isArray()) {
        throw new IllegalArgumentException(tf + ": trials must be an array");
      }
      for (int j = 0; j < t.path("trials").size(); j++) {
        JsonNode tr = t.path("trials").get(j);
        String where = tf + ": trials[" + j + "]";
        trials.add(new Trial(tr.path("trial").asInt(j + 1),
            tr.path("params").isObject() ? tr.path("params").toString() : "{}",
            number(tr.path("value"), where + ".value"), intOrNull(tr.path("bestIteration")),
            intOrNull(tr.path("stoppedAt")), number(tr.path("seconds"), where + ".seconds")));
      }
    }
    return new Search(s.path("method").asText(""), s.path("trials").asInt(trials.size()),
        s.path("metric").asText(""), s.path("direction").asText("max"),
        s.path("validation").asText(""), compact(s.path("earlyStopping")),
        s.path("space").isMissingNode() ? "{}" : s.path("space").toString(),
        best.path("trial").asInt(0), best.path("params").isObject()
            ? best.path("params").toString() : "{}",
        number(best.path("value"), file + ": search.best.value"),
        intOrNull(best.path("iterations")), s.path("testEvaluations").asInt(1), trials);
  }

  /**
   * The report as Markdown: a heading per table, cells {@code mean ± x} with the best of each
   * column in bold and {@code *} on values significantly worse than the best, and a footnote saying
   * what ± means and which test was used.
   */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Experiment ").append(name).append("\n");
    boolean anySignificance = false;
    boolean anyFolds = false;
    boolean anyCi = false;
    for (Table t : tables) {
      sb.append("\n## ").append(t.dataset()).append(" · ").append(t.split()).append(" · seed ")
          .append(t.seed()).append("\n\n");
      sb.append("| run | params |");
      for (String metric : t.metrics()) {
        sb.append(' ').append(metric).append(" |");
      }
      sb.append("\n|---|---|");
      for (int i = 0; i < t.metrics().size(); i++) {
        sb.append("---:|");
      }
      sb.append('\n');
      for (Row r : t.rows()) {
        sb.append("| ").append(escape(r.label())).append(" | ")
            .append(r.params().isEmpty() ? "" : "`" + escape(r.params()) + "`").append(" |");
        for (String metric : t.metrics()) {
          Cell c = r.cells().get(metric);
          sb.append(' ').append(c == null ? "–" : cell(c)).append(" |");
        }
        sb.append('\n');
      }
      for (Row r : t.rows()) {
        if (r.search() != null) {
          sb.append('\n').append(tuningSentence(r, false)).append('\n');
        }
      }
      for (boolean s : t.significance().values()) {
        anySignificance |= s;
      }
      anyFolds |= hasSpread(t, Spread.STD_OVER_FOLDS);
      anyCi |= hasSpread(t, Spread.BOOTSTRAP_CI);
    }
    sb.append('\n');
    if (anySignificance) {
      sb.append(String.format(Locale.ROOT, "Per-user columns: mean of the per-user values "
          + "(with several folds, each user's values pooled across folds) ± half-width of its %.0f%% bootstrap interval (B = %d resamples, "
          + "seed %d). **Bold**: the best run, the reference. `*`: worse than the best by a "
          + "paired %s over users, Holm-adjusted over the column's comparisons, at α = %s. For "
          + "rmse/mae the per-user value is the user's mean squared/absolute error.%n",
          options.bootstrap().level() * 100, options.bootstrap().resamples(),
          options.bootstrap().seed(),
          options.test() == Leaderboard.Test.PAIRED_T ? "t-test" : "Wilcoxon signed-rank test",
          trim(options.alpha())));
    }
    if (anyCi && !anySignificance) {
      sb.append(String.format(Locale.ROOT, "Mean of the per-user values ± half-width of its "
          + "%.0f%% bootstrap interval (B = %d resamples, seed %d); no paired test (not every run has per-user values, or a single run).%n",
          options.bootstrap().level() * 100, options.bootstrap().resamples(),
          options.bootstrap().seed()));
    }
    if (anyFolds) {
      sb.append(anySignificance || anyCi ? "\n" : "").append("Columns without per-user values "
          + "(e.g. coverage, a property of all lists together): mean ± sample std over folds; "
          + "**bold**: the best mean; no significance "
          + "test.\n");
    }
    if (tables.stream().anyMatch(t -> t.metrics().stream().anyMatch(m -> m.startsWith("arp")))) {
      sb.append("\narp (average popularity of the recommended items): lower is better, the less "
          + "popularity-biased list.\n");
    }
    return sb.toString();
  }

  /** Whether any cell of {@code t} has the given spread. */
  static boolean hasSpread(Table t, Spread spread) {
    for (Row r : t.rows()) {
      for (Cell c : r.cells().values()) {
        if (c.spread() == spread) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * One paragraph on how a run's configuration was tuned, ending with the sentence that the best
   * configuration was evaluated on the test split once ({@code testEvaluations} times).
   *
   * @param html whether to mark the parameters up as HTML {@code <code>} (escaped) rather than
   *     Markdown backticks
   */
  static String tuningSentence(Row r, boolean html) {
    Search s = r.search();
    String params = html ? "<code>" + HtmlReport.escape(s.bestParams()) + "</code>"
        : "`" + escape(s.bestParams()) + "`";
    String label = html ? HtmlReport.escape(r.label()) : r.label();
    StringBuilder sb = new StringBuilder();
    sb.append(html ? "<strong>Tuning of " + label + "</strong>: " : "**Tuning of " + label + "**: ");
    sb.append(String.format(Locale.ROOT, "%s search, %d trials, %s %s on the validation split "
        + "%s carved from the training data", s.method(), s.trialCount(),
        s.maximize() ? "maximising" : "minimising", s.metric(), s.validation()));
    if (s.earlyStopping() != null) {
      sb.append(", early stopping ").append(html ? HtmlReport.escape(s.earlyStopping())
          : s.earlyStopping());
    }
    sb.append(String.format(Locale.ROOT, ". Best: trial %d with %s, validation %s = %.4f",
        s.bestTrial(), params, s.metric(), s.bestValue()));
    if (s.bestIterations() != null) {
      sb.append(" after ").append(s.bestIterations()).append(" iterations");
    }
    sb.append(". ");
    sb.append(s.testEvaluations() == 1
        ? "The best configuration was evaluated on the test split once; the table shows that "
            + "evaluation."
        : "The test split was evaluated " + s.testEvaluations() + " times.");
    return sb.toString();
  }

  private static String cell(Cell c) {
    String v = Double.isNaN(c.plusMinus())
        ? String.format(Locale.ROOT, "%.4f", c.mean())
        : String.format(Locale.ROOT, "%.4f ± %.4f", c.mean(), c.plusMinus());
    if (c.best()) {
      v = "**" + v + "**";
    }
    return c.significantlyWorse() ? v + " *" : v;
  }

  private static String trim(double x) {
    String s = Double.toString(x);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static String escape(String s) {
    return s.replace("|", "\\|");
  }
}
