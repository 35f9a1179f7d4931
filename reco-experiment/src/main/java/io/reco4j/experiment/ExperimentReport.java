package io.reco4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.eval.PerUserValues;
import io.reco4j.experiment.stats.Leaderboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The results of an experiment directory ({@link ExperimentRunner}) as tables: one per (dataset,
 * split, seed), a row per complete run, a column per metric.
 *
 * <p>Where every run of a table has per-user values of a metric ({@code runs/<id>.peruser.json};
 * with several folds pooled per user across folds), the column is a {@link Leaderboard#compareAll} leaderboard: the best run is
 * the reference, every other run is compared with it by a paired t-test over users with
 * Holm-corrected p-values, and the cell is the mean of the per-user values ± the half-width of its
 * bootstrap 95% interval. Otherwise (metrics without per-user values such as coverage) the cell is
 * the mean ± sample std over folds from the run JSON, with no significance test.
 */
public final class ExperimentReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One cell.
   *
   * @param mean the value shown
   * @param plusMinus the bootstrap CI half-width (per-user) or the std over folds; NaN if unknown
   * @param best whether this is the best value of its column
   * @param significantlyWorse whether a paired test found it worse than the best after Holm
   */
  public record Cell(double mean, double plusMinus, boolean best, boolean significantlyWorse) { }

  /**
   * One run's row.
   *
   * @param id the run id
   * @param label the run's label
   * @param params the run's parameters as compact JSON
   * @param cells metric → cell (absent when the run has no value of that metric)
   */
  public record Row(String id, String label, String params, Map<String, Cell> cells) { }

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
      Map<String, Boolean> significance, List<Row> rows) { }

  private final String name;
  private final Leaderboard.Options options;
  private final List<Table> tables;

  private ExperimentReport(String name, Leaderboard.Options options, List<Table> tables) {
    this.name = name;
    this.options = options;
    this.tables = List.copyOf(tables);
  }

  /** The experiment's name. */
  public String name() {
    return name;
  }

  /** The tables, in order of first appearance of their runs. */
  public List<Table> tables() {
    return tables;
  }

  /** The comparison options used. */
  public Leaderboard.Options options() {
    return options;
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
   * @throws IllegalArgumentException when {@code dir} has no {@code experiment.json} or it has no
   *     complete run
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
      JsonNode rep = run.path("report");
      String key = run.path("dataset").asText() + "\u0000" + rep.path("splitProtocol").asText()
          + "\u0000" + rep.path("splitSeed").asLong();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
      Path pu = ExperimentRunner.perUserFile(dir, id);
      if (Files.isRegularFile(pu)) {
        perUser.put(id, ExperimentRunner.readPerUser(pu));
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(dir + " has no complete run yet");
    }
    List<Table> tables = new ArrayList<>();
    for (List<JsonNode> runs : groups.values()) {
      tables.add(table(runs, perUser, options));
    }
    return new ExperimentReport(m.path("name").asText(), options, tables);
  }

  private static Table table(List<JsonNode> runs, Map<String, Map<String, PerUserValues>> perUser,
      Leaderboard.Options options) {
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
      boolean higher = Leaderboard.higherIsBetter(metric);
      if (values.size() == runs.size() && runs.size() >= 2) {
        significance.put(metric, true);
        Leaderboard board = Leaderboard.compareAll(metric, values, null, options);
        for (int i = 0; i < runs.size(); i++) {
          Leaderboard.Row r = board.row(runs.get(i).path("id").asText());
          cells.get(i).put(metric, new Cell(r.mean().estimate(), r.mean().halfWidth(),
              r.isReference(), r.significant()));
        }
      } else {
        significance.put(metric, false);
        double best = Double.NaN;
        for (JsonNode run : runs) {
          JsonNode s = run.path("report").path("algorithms").path(0).path("summary").path(metric);
          if (s.has("mean") && s.get("mean").isNumber()) {
            double v = s.get("mean").asDouble();
            if (Double.isNaN(best) || (higher ? v > best : v < best)) {
              best = v;
            }
          }
        }
        for (int i = 0; i < runs.size(); i++) {
          JsonNode s = runs.get(i).path("report").path("algorithms").path(0).path("summary")
              .path(metric);
          if (s.has("mean") && s.get("mean").isNumber()) {
            double v = s.get("mean").asDouble();
            double std = s.path("std").isNumber() ? s.get("std").asDouble() : Double.NaN;
            cells.get(i).put(metric, new Cell(v, std, v == best, false));
          }
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      JsonNode run = runs.get(i);
      JsonNode params = run.path("params");
      String label = run.path("report").path("algorithms").path(0).path("name").asText();
      rows.add(new Row(run.path("id").asText(), label,
          params.isObject() && params.size() > 0 ? params.toString() : "", cells.get(i)));
    }
    return new Table(runs.get(0).path("dataset").asText(), rep0.path("splitProtocol").asText(),
        rep0.path("splitSeed").asLong(), rep0.path("folds").asInt(), metrics, significance, rows);
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
      for (boolean s : t.significance().values()) {
        anySignificance |= s;
        anyFolds |= !s;
      }
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
    if (anyFolds) {
      sb.append(anySignificance ? "\n" : "").append("Columns without per-user values (e.g. coverage, "
          + "a property of all lists together): mean ± sample std over folds; **bold**: the best mean; no significance "
          + "test.\n");
    }
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
