package io.reco4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco4j.experiment.ExperimentReport.Box;
import io.reco4j.experiment.ExperimentReport.Cell;
import io.reco4j.experiment.ExperimentReport.Convergence;
import io.reco4j.experiment.ExperimentReport.Header;
import io.reco4j.experiment.ExperimentReport.Row;
import io.reco4j.experiment.ExperimentReport.Search;
import io.reco4j.experiment.ExperimentReport.Spread;
import io.reco4j.experiment.ExperimentReport.Table;
import io.reco4j.experiment.ExperimentReport.Trial;
import io.reco4j.experiment.stats.Leaderboard;
import io.reco4j.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * An {@link ExperimentReport} as one self-contained HTML file: no network access, opens from
 * {@code file://}, prints. ECharts ({@code dist/echarts.min.js} of the {@code org.webjars.npm:echarts}
 * jar on the class path) is inlined in a {@code <script>}; every chart's ECharts option, data
 * included, is embedded as JSON in a {@code <script type="application/json" id="report-data">}
 * (with {@code <} escaped, so no string can close the element) and drawn by a few lines of script
 * with the SVG renderer.
 *
 * <p>Per table (dataset, split, seed): the leaderboard (mean ± 95% bootstrap CI, or ± std over
 * folds, best in bold, {@code *} on runs significantly worse than the best), metric@K curves,
 * training time vs the primary metric, convergence curves when the runs recorded them (the
 * convergence metric on the test split per iteration, all runs in one chart; the training loss
 * per iteration, one chart per algorithm since objectives differ in kind and scale), accuracy vs
 * catalogue coverage and vs average recommended popularity with the per-user spread of the
 * primary metric, and hyperparameter searches when a run has one (per search: how it ran, the
 * validation value per trial with the best so far, the best trials). Sections without data say which field or metric is missing.
 *
 * <p>Every chart container is a {@code <div class="chart">} with {@code data-kind} and {@code
 * data-labels} (the run labels its legend or axis shows, as a JSON array). Stateless.
 */
public final class HtmlReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** ECharts' default palette: a run keeps its colour in every chart. */
  private static final String[] PALETTE = {"#5470c6", "#91cc75", "#fac858", "#ee6666",
      "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"};
  /** Metrics that describe the list rather than its accuracy: not drawn as metric@K curves. */
  private static final List<String> BEYOND_ACCURACY = List.of("coverage", "arp", "novelty");
  private static final int TOP_TRIALS = 5;
  /** Curves with more points than this are drawn without a mark per point. */
  private static final int MARKED_POINTS = 30;

  private HtmlReport() {}

  /** Writes {@link #render} of {@code report}, generated now, to {@code file} atomically. */
  public static void write(ExperimentReport report, Path file) throws IOException {
    byte[] bytes = render(report, Instant.now()).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * The whole HTML document.
   *
   * @param report the report
   * @param generatedAt shown in the header as the time the report was made
   * @throws IllegalStateException when the ECharts webjar is not on the class path
   */
  public static String render(ExperimentReport report, Instant generatedAt) {
    List<ObjectNode> charts = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    header(body, report, generatedAt);
    for (int t = 0; t < report.tables().size(); t++) {
      table(body, charts, report, report.tables().get(t), "t" + t);
    }
    ObjectNode data = JSON.createObjectNode();
    data.put("experiment", report.name());
    ArrayNode list = data.putArray("charts");
    charts.forEach(list::add);
    String json;
    try {
      json = JSON.writeValueAsString(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder html = new StringBuilder(1 << 21);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Experiment ").append(escape(report.name())).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append(body)
        .append("<script type=\"application/json\" id=\"report-data\">")
        .append(json.replace("<", "\\u003c")).append("</script>\n")
        .append("<script>\n").append(echarts()).append("\n</script>\n")
        .append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  /** The ECharts bundle from the webjar on the class path. */
  static String echarts() {
    ClassLoader cl = HtmlReport.class.getClassLoader();
    String version;
    try (InputStream in = cl.getResourceAsStream(
        "META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the HTML report needs ECharts on the class path "
            + "(org.webjars.npm:echarts); it is not there");
      }
      Properties p = new Properties();
      p.load(in);
      version = p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String path = "META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js";
    try (InputStream in = cl.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no " + path + " in the ECharts webjar");
      }
      String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // inline scripts end at the first "</script": the bundle has none, keep it that way
      return js.replace("</script", "<\\/script");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void header(StringBuilder sb, ExperimentReport report, Instant generatedAt) {
    Header h = report.header();
    sb.append("<header>\n<h1>Experiment ").append(escape(report.name())).append("</h1>\n")
        .append("<dl class=\"meta\">\n");
    item(sb, "spec hash", "<code title=\"" + escape(h.specHash()) + "\">"
        + escape(h.specHash().length() > 12 ? h.specHash().substring(0, 12) : h.specHash())
        + "</code>");
    item(sb, "runs", h.completeRuns() + " complete of " + h.plannedRuns() + " planned");
    item(sb, "datasets", escape(String.join(", ", h.datasets())));
    item(sb, "reco4j", escape(String.join(", ", h.versions())));
    item(sb, "commit", "<code>" + escape(String.join(", ", h.commits())) + "</code>");
    item(sb, "JVM", escape(String.join(", ", h.jvms())));
    item(sb, "machine", h.machines().isEmpty() ? "<span class=\"muted\">not recorded in the run "
        + "files</span>" : escape(String.join("; ", h.machines())));
    String first = seconds(h.firstStarted());
    String last = seconds(h.lastStarted());
    item(sb, "runs started", escape(first.equals(last) ? first : first + " – " + last));
    item(sb, "generated", escape(generatedAt.truncatedTo(ChronoUnit.SECONDS).toString()));
    sb.append("</dl>\n</header>\n");
  }

  /** An ISO-8601 instant without its fraction of a second. */
  private static String seconds(String iso) {
    int dot = iso.indexOf('.');
    return dot < 0 ? iso : iso.substring(0, dot) + (iso.endsWith("Z") ? "Z" : "");
  }

  private static void item(StringBuilder sb, String term, String html) {
    sb.append("<div><dt>").append(term).append("</dt><dd>").append(html).append("</dd></div>\n");
  }

  private static void table(StringBuilder sb, List<ObjectNode> charts, ExperimentReport report,
      Table t, String prefix) {
    sb.append("<section class=\"table\" id=\"").append(prefix).append("\">\n<h2>")
        .append(escape(t.dataset())).append(" · ").append(escape(t.split())).append(" · seed ")
        .append(t.seed()).append(t.folds() > 1 ? " · " + t.folds() + " folds" : "")
        .append("</h2>\n");
    leaderboard(sb, report, t, prefix);
    metricAtK(sb, charts, t, prefix);
    timeVsAccuracy(sb, charts, t, prefix);
    convergence(sb, charts, t, prefix);
    popularity(sb, charts, t, prefix);
    tuning(sb, charts, t, prefix);
    sb.append("</section>\n");
  }

  // ---------------------------------------------------------------- leaderboard

  private static void leaderboard(StringBuilder sb, ExperimentReport report, Table t,
      String prefix) {
    sb.append("<h3>Leaderboard</h3>\n<div class=\"scroll\"><table class=\"leaderboard\">\n<thead>"
        + "<tr><th>run</th>");
    for (String metric : t.metrics()) {
      String sub = spreadOf(t, metric, report.options().bootstrap().level());
      sb.append("<th class=\"num\" data-metric=\"").append(escape(metric)).append("\">")
          .append(escape(metric)).append(ExperimentReport.higherIsBetter(metric) ? " ↑" : " ↓")
          .append(sub.isEmpty() ? "" : "<div class=\"sub\">" + sub + "</div>").append("</th>");
    }
    sb.append("<th class=\"num\">train s<div class=\"sub\">per fold</div></th>"
        + "<th class=\"num\">eval s<div class=\"sub\">per fold</div></th></tr></thead>\n<tbody>\n");
    for (Row r : t.rows()) {
      sb.append("<tr data-run=\"").append(escape(r.id())).append("\"><th class=\"run\">")
          .append("<span class=\"label\">").append(escape(r.label())).append("</span>")
          .append(r.params().isEmpty() ? "" : "<div class=\"params\" title=\""
              + escape(r.params()) + "\"><code>" + escape(shortParams(r.params()))
              + "</code></div>")
          .append("</th>");
      for (String metric : t.metrics()) {
        Cell c = r.cells().get(metric);
        if (c == null) {
          sb.append("<td class=\"num absent\" data-metric=\"").append(escape(metric))
              .append("\">–</td>");
          continue;
        }
        sb.append("<td class=\"num").append(c.best() ? " best" : "")
            .append(c.significantlyWorse() ? " worse" : "").append("\" data-metric=\"")
            .append(escape(metric)).append("\" data-value=\"").append(c.mean()).append("\">");
        String v = format(c.mean());
        sb.append(c.best() ? "<strong>" + v + "</strong>" : v);
        if (c.significantlyWorse()) {
          sb.append("<sup class=\"sig\" title=\"significantly worse than the best\">*</sup>");
        }
        if (!Double.isNaN(c.plusMinus())) {
          sb.append(" <span class=\"pm\">± ").append(format(c.plusMinus())).append("</span>");
        }
        sb.append("</td>");
      }
      sb.append("<td class=\"num\" data-metric=\"trainSeconds\">")
          .append(String.format(Locale.ROOT, "%.3f", r.trainSeconds())).append("</td>")
          .append("<td class=\"num\" data-metric=\"evalSeconds\">")
          .append(String.format(Locale.ROOT, "%.3f", r.evalSeconds())).append("</td></tr>\n");
    }
    sb.append("</tbody></table></div>\n<div class=\"notes\">\n");
    Leaderboard.Options o = report.options();
    if (t.significance().containsValue(true)) {
      sb.append(String.format(Locale.ROOT, "<p>± CI: mean of the per-user values ± "
          + "half-width of its %.0f%% percentile-bootstrap interval (B = %d, seed %d). "
          + "<strong>Bold</strong>: the best run, the reference of the column. "
          + "<sup class=\"sig\">*</sup>: worse than the best by a paired %s over users, "
          + "Holm-adjusted over the column's comparisons, at α = %s.</p>%n",
          o.bootstrap().level() * 100, o.bootstrap().resamples(), o.bootstrap().seed(),
          o.test() == Leaderboard.Test.PAIRED_T ? "t-test" : "Wilcoxon signed-rank test",
          Double.toString(o.alpha())));
    }
    if (!t.significance().containsValue(true)
        && ExperimentReport.hasSpread(t, Spread.BOOTSTRAP_CI)) {
      sb.append(String.format(Locale.ROOT, "<p>± CI: mean of the per-user values ± "
          + "half-width of its %.0f%% percentile-bootstrap interval (B = %d, seed %d); no paired "
          + "test (not every run has per-user values, or a single run).</p>%n",
          o.bootstrap().level() * 100, o.bootstrap().resamples(), o.bootstrap().seed()));
    }
    if (ExperimentReport.hasSpread(t, Spread.STD_OVER_FOLDS)) {
      sb.append("<p>± std: mean ± sample standard deviation over the ").append(t.folds())
          .append(" folds, for metrics without per-user values (coverage: a property of all "
              + "lists together), so no significance test; <strong>bold</strong>: the best "
              + "mean.</p>\n");
    }
    sb.append("<p>↑ higher is better, ↓ lower is better (arp: average popularity of the "
        + "recommended items, lower is less popularity-biased). Seconds are means per fold.</p>\n");
    List<String> tuned = new ArrayList<>();
    for (Row r : t.rows()) {
      if (r.search() != null) {
        tuned.add(escape(r.label()));
      }
    }
    if (!tuned.isEmpty()) {
      sb.append("<p class=\"tuning-note\">").append(String.join(", ", tuned))
          .append(tuned.size() == 1 ? ": configuration" : ": configurations")
          .append(" chosen by a hyperparameter search on a validation split carved from the "
              + "training data, then evaluated on the test split once (see <a href=\"#")
          .append(prefix).append("-tuning\">Tuning</a>).</p>\n");
    }
    sb.append("</div>\n");
  }

  private static String spreadOf(Table t, String metric, double level) {
    boolean ci = false;
    boolean std = false;
    for (Row r : t.rows()) {
      Cell c = r.cells().get(metric);
      if (c != null) {
        ci |= c.spread() == Spread.BOOTSTRAP_CI;
        std |= c.spread() == Spread.STD_OVER_FOLDS;
      }
    }
    String pct = String.format(Locale.ROOT, "± %.0f%% CI", level * 100);
    return ci && std ? pct + " / std" : ci ? pct : std ? "± std over folds" : "";
  }

  // ---------------------------------------------------------------- charts

  private static void metricAtK(StringBuilder sb, List<ObjectNode> charts, Table t,
      String prefix) {
    Map<String, List<Integer>> cutoffs = new LinkedHashMap<>();
    for (String metric : t.metrics()) {
      int at = metric.indexOf('@');
      if (at > 0 && !BEYOND_ACCURACY.contains(metric.substring(0, at))) {
        try {
          cutoffs.computeIfAbsent(metric.substring(0, at), k -> new ArrayList<>())
              .add(Integer.parseInt(metric.substring(at + 1)));
        } catch (NumberFormatException e) {
          // not a cut-off: no curve
        }
      }
    }
    cutoffs.values().removeIf(ks -> ks.size() < 2);
    sb.append("<h3>Metric@K</h3>\n");
    if (cutoffs.isEmpty()) {
      note(sb, "No ranking metric with several cut-offs: give the spec several <code>k</code> "
          + "values (e.g. <code>k: [5, 10, 20]</code>) to see metric@K curves.");
      return;
    }
    sb.append("<div class=\"charts\">\n");
    for (Map.Entry<String, List<Integer>> e : cutoffs.entrySet()) {
      List<Integer> ks = e.getValue();
      ks.sort(Comparator.naturalOrder());
      ObjectNode option = option(t.rows().size());
      ObjectNode x = xAxis(option, "category", "K");
      ks.forEach(k -> x.withArray("data").add(String.valueOf(k)));
      yAxis(option, "value", e.getKey()).put("scale", true);
      ArrayNode series = option.putArray("series");
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < t.rows().size(); i++) {
        Row r = t.rows().get(i);
        ObjectNode s = series(series, "line", r.label(), i);
        s.put("symbolSize", 7);
        ArrayNode d = s.putArray("data");
        for (int k : ks) {
          Cell c = r.cells().get(e.getKey() + "@" + k);
          if (c == null) {
            d.addNull();
          } else {
            d.add(round(c.mean()));
          }
        }
        labels.add(r.label());
      }
      chart(sb, charts, prefix + "-atk-" + e.getKey(), "metric-at-k",
          e.getKey() + "@K", labels, option);
    }
    sb.append("</div>\n");
  }

  private static void timeVsAccuracy(StringBuilder sb, List<ObjectNode> charts, Table t,
      String prefix) {
    String primary = t.primaryMetric();
    sb.append("<h3>Training time vs ").append(escape(primary)).append("</h3>\n");
    ObjectNode option = option(t.rows().size());
    xAxis(option, "log", "train seconds per fold (log scale)");
    yAxis(option, "value", primary).put("scale", true);
    ArrayNode series = option.putArray("series");
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < t.rows().size(); i++) {
      Row r = t.rows().get(i);
      Cell c = r.cells().get(primary);
      if (c == null || !Double.isFinite(r.trainSeconds())) {
        continue;
      }
      point(series, r.label(), i, Math.max(r.trainSeconds(), 1e-4), c.mean());
      labels.add(r.label());
    }
    sb.append("<div class=\"charts\">\n");
    chart(sb, charts, prefix + "-time", "time-vs-accuracy", "x: training seconds per fold, "
        + "y: " + primary, labels, option);
    sb.append("</div>\n");
  }

  private static void convergence(StringBuilder sb, List<ObjectNode> charts, Table t,
      String prefix) {
    sb.append("<h3>Convergence</h3>\n");
    List<Integer> with = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (int i = 0; i < t.rows().size(); i++) {
      if (t.rows().get(i).convergence().isEmpty()) {
        without.add(t.rows().get(i).label());
      } else {
        with.add(i);
      }
    }
    if (with.isEmpty()) {
      note(sb, "No convergence curves: the run files have no <code>convergence</code> field "
          + "(loss and validation metric per iteration of iterative trainers).");
      return;
    }
    // losses of different algorithms are different objectives on different scales: one chart
    // per algorithm; the metric is comparable across runs, so one chart for all
    Map<String, List<Integer>> lossByAlgorithm = new LinkedHashMap<>();
    List<Integer> withValue = new ArrayList<>();
    String metric = "";
    for (int i : with) {
      Convergence c = curve(t.rows().get(i));
      if (c.hasLoss()) {
        lossByAlgorithm.computeIfAbsent(t.rows().get(i).algorithm(), a -> new ArrayList<>())
            .add(i);
      }
      if (c.hasValue()) {
        withValue.add(i);
        metric = metric.isEmpty() ? c.metric() : metric;
      }
    }
    sb.append("<div class=\"charts\">\n");
    if (!withValue.isEmpty()) {
      convergenceChart(sb, charts, t, withValue, prefix + "-validation", "convergence-value",
          metric + " on the test split per iteration", metric, false);
    }
    int g = 0;
    for (Map.Entry<String, List<Integer>> e : lossByAlgorithm.entrySet()) {
      convergenceChart(sb, charts, t, e.getValue(), prefix + "-loss-" + g++, "convergence-loss",
          e.getKey() + ": training loss per iteration", e.getKey() + " training loss", true);
    }
    sb.append("</div>\n");
    StringBuilder n = new StringBuilder("Curves of fold 1.");
    if (!withValue.isEmpty()) {
      n.append(" The per-iteration ").append(escape(metric)).append(" is measured on the test "
          + "split as a diagnostic of convergence only: nothing is chosen by it (a search uses "
          + "its validation split), and a curve's last point is the run's own evaluation.");
    } else {
      n.append(" No run recorded a metric per iteration (the spec's <code>convergence: "
          + "{metric: ...}</code>).");
    }
    if (lossByAlgorithm.isEmpty()) {
      n.append(" No run recorded a training loss (<code>convergence: {loss: true}</code>).");
    } else if (lossByAlgorithm.size() > 1) {
      n.append(" One loss chart per algorithm: their objectives differ in kind and scale.");
    }
    if (!without.isEmpty()) {
      n.append(" No iterations recorded for ").append(escape(String.join(", ", without)))
          .append(" (one-shot trainers, or runs without curves).");
    }
    note(sb, n.toString());
  }

  /** The curve of fold 1, or the first one recorded. */
  private static Convergence curve(Row r) {
    for (Convergence c : r.convergence()) {
      if (c.fold() == 1) {
        return c;
      }
    }
    return r.convergence().get(0);
  }

  private static void convergenceChart(StringBuilder sb, List<ObjectNode> charts, Table t,
      List<Integer> rows, String id, String kind, String title, String yName, boolean loss) {
    ObjectNode option = option(rows.size());
    xAxis(option, "value", "iteration").put("minInterval", 1).put("min", 1)
        .put("max", "dataMax");
    yAxis(option, "value", yName).put("scale", true);
    option.putObject("tooltip").put("trigger", "axis");
    ArrayNode series = option.putArray("series");
    List<String> labels = new ArrayList<>();
    for (int i : rows) {
      Row r = t.rows().get(i);
      Convergence c = curve(r);
      double[] y = loss ? c.loss() : c.value();
      ArrayNode d = JSON.createArrayNode();
      for (int j = 0; j < y.length; j++) {
        if (Double.isFinite(y[j])) {
          d.addArray().add(c.iterations()[j]).add(round(y[j]));
        }
      }
      if (d.isEmpty()) {
        continue;
      }
      ObjectNode s = series(series, "line", r.label(), i);
      s.put("symbolSize", 5);
      s.put("showSymbol", d.size() <= MARKED_POINTS); // long curves: lines only
      s.set("data", d);
      labels.add(r.label());
    }
    chart(sb, charts, id, kind, title, labels, option);
  }

  private static void popularity(StringBuilder sb, List<ObjectNode> charts, Table t,
      String prefix) {
    String primary = t.primaryMetric();
    int at = primary.indexOf('@');
    String k = at > 0 ? primary.substring(at + 1) : "";
    String coverage = pick(t, "coverage", k);
    String arp = pick(t, "arp", k);
    sb.append("<h3>Popularity bias and coverage</h3>\n");
    List<String> missing = new ArrayList<>();
    if (coverage == null) {
      missing.add("<code>coverage</code> (share of the catalogue recommended)");
    }
    if (arp == null) {
      missing.add("<code>arp</code> (average recommended popularity)");
    }
    boolean anyBox = t.rows().stream().anyMatch(r -> r.box() != null);
    if (coverage != null || arp != null || anyBox) {
      sb.append("<div class=\"charts\">\n");
      if (coverage != null) {
        scatter(sb, charts, t, prefix + "-coverage", "accuracy-vs-coverage", coverage, primary,
            coverage + " vs " + primary);
      }
      if (arp != null) {
        scatter(sb, charts, t, prefix + "-arp", "accuracy-vs-popularity", arp, primary,
            arp + " vs " + primary);
      }
      if (anyBox) {
        box(sb, charts, t, prefix + "-peruser", primary);
      }
      sb.append("</div>\n");
    }
    if (!missing.isEmpty()) {
      note(sb, "Add " + String.join(" and ", missing) + " to the spec's <code>metrics</code> "
          + "(e.g. <code>metrics: [ndcg, recall, coverage, arp]</code>) to plot accuracy against "
          + (missing.size() == 2 ? "them." : "it."));
    }
  }

  /** {@code name@k} when the table has it, else the first {@code name@…}; null when none. */
  private static String pick(Table t, String name, String k) {
    if (t.metrics().contains(name + "@" + k)) {
      return name + "@" + k;
    }
    return t.metrics().stream().filter(m -> m.startsWith(name + "@")).findFirst().orElse(null);
  }

  private static void scatter(StringBuilder sb, List<ObjectNode> charts, Table t, String id,
      String kind, String xMetric, String yMetric, String title) {
    ObjectNode option = option(t.rows().size());
    xAxis(option, "value", xMetric + (ExperimentReport.higherIsBetter(xMetric)
        ? " (higher: more of the catalogue)" : " (lower: less popularity-biased)"))
        .put("scale", true);
    yAxis(option, "value", yMetric).put("scale", true);
    ArrayNode series = option.putArray("series");
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < t.rows().size(); i++) {
      Row r = t.rows().get(i);
      Cell x = r.cells().get(xMetric);
      Cell y = r.cells().get(yMetric);
      if (x != null && y != null) {
        point(series, r.label(), i, x.mean(), y.mean());
        labels.add(r.label());
      }
    }
    chart(sb, charts, id, kind, title, labels, option);
  }

  private static void box(StringBuilder sb, List<ObjectNode> charts, Table t, String id,
      String metric) {
    ObjectNode option = option(1);
    option.putObject("tooltip").put("trigger", "item");
    ObjectNode x = xAxis(option, "category", "");
    x.putObject("axisLabel").put("interval", 0);
    yAxis(option, "value", metric + " per user").remove("boundaryGap"); // a [0, 1] range
    ArrayNode data = JSON.createArrayNode();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < t.rows().size(); i++) {
      Row r = t.rows().get(i);
      Box b = r.box();
      if (b == null) {
        continue;
      }
      x.withArray("data").add(r.label());
      ObjectNode item = data.addObject();
      item.putArray("value").add(round(b.min())).add(round(b.q1())).add(round(b.median()))
          .add(round(b.q3())).add(round(b.max()));
      item.putObject("itemStyle").put("borderColor", PALETTE[i % PALETTE.length]);
      labels.add(r.label());
    }
    ObjectNode s = option.putArray("series").addObject();
    s.put("type", "boxplot");
    s.put("name", metric + " per user (min, quartiles, max)");
    s.set("data", data);
    chart(sb, charts, id, "per-user-box", metric + " over users", labels, option);
  }

  private static void tuning(StringBuilder sb, List<ObjectNode> charts, Table t, String prefix) {
    boolean any = false;
    for (int i = 0; i < t.rows().size(); i++) {
      Row r = t.rows().get(i);
      Search s = r.search();
      if (s == null) {
        continue;
      }
      if (!any) {
        sb.append("<h3 id=\"").append(prefix).append("-tuning\">Tuning</h3>\n"
            + "<div class=\"charts\">\n");
        any = true;
      }
      sb.append("<div class=\"tuning\">\n<p class=\"tuning-note\">")
          .append(ExperimentReport.tuningSentence(r, true)).append("</p>\n");
      if (s.trials().isEmpty()) {
        note(sb, "The trials file of " + escape(r.label()) + " is missing: no per-trial chart.");
        sb.append("</div>\n");
        continue;
      }
      ObjectNode option = option(2);
      xAxis(option, "value", "trial").put("minInterval", 1).put("min", 1)
          .put("max", Math.max(s.trialCount(), s.trials().size()));
      yAxis(option, "value", "validation " + s.metric()).put("scale", true);
      ArrayNode series = option.putArray("series");
      ObjectNode dots = series(series, "scatter", r.label() + ": trial", i);
      dots.put("symbolSize", 9);
      dots.put("z", 3); // above the best-so-far line
      ObjectNode line = series(series, "line", r.label() + ": best so far", i);
      line.put("step", "end");
      line.put("showSymbol", false);
      line.putObject("lineStyle").put("type", "dashed");
      ArrayNode dd = dots.putArray("data");
      ArrayNode ld = line.putArray("data");
      double best = Double.NaN;
      for (Trial tr : s.trials()) {
        if (!Double.isFinite(tr.value())) {
          continue;
        }
        dd.addArray().add(tr.trial()).add(round(tr.value()));
        if (Double.isNaN(best) || (s.maximize() ? tr.value() > best : tr.value() < best)) {
          best = tr.value();
        }
        ld.addArray().add(tr.trial()).add(round(best));
      }
      chart(sb, charts, prefix + "-search-" + i, "tuning", r.label() + ": validation "
          + s.metric() + " per trial", List.of(r.label()), option);
      List<Trial> top = new ArrayList<>(s.trials());
      top.removeIf(tr -> !Double.isFinite(tr.value()));
      Comparator<Trial> byValue = Comparator.comparingDouble(Trial::value);
      top.sort(s.maximize() ? byValue.reversed() : byValue);
      sb.append("<table class=\"trials\"><thead><tr><th>trial</th><th class=\"num\">")
          .append(escape(s.metric())).append("</th><th>params</th><th class=\"num\">best "
              + "iteration</th><th class=\"num\">stopped at</th><th class=\"num\">seconds</th>"
              + "</tr></thead><tbody>\n");
      for (Trial tr : top.subList(0, Math.min(TOP_TRIALS, top.size()))) {
        sb.append("<tr").append(tr.trial() == s.bestTrial() ? " class=\"best\"" : "")
            .append("><td>").append(tr.trial()).append("</td><td class=\"num\">")
            .append(format(tr.value())).append("</td><td title=\"").append(escape(tr.params()))
            .append("\"><code>").append(escape(shortParams(tr.params())))
            .append("</code></td><td class=\"num\">")
            .append(tr.bestIteration() == null ? "–" : tr.bestIteration())
            .append("</td><td class=\"num\">")
            .append(tr.stoppedAt() == null ? "–" : tr.stoppedAt())
            .append("</td><td class=\"num\">")
            .append(String.format(Locale.ROOT, "%.2f", tr.seconds())).append("</td></tr>\n");
      }
      sb.append("</tbody></table>\n<p class=\"note\">The ").append(Math.min(TOP_TRIALS,
          top.size())).append(" best of ").append(s.trials().size()).append(" trials; all are in "
          + "<code>runs/").append(escape(r.id())).append(".trials.json</code>.</p>\n</div>\n");
    }
    if (any) {
      sb.append("</div>\n");
    }
  }

  /**
   * Compact JSON parameters as {@code name=value} pairs for reading, non-integral numbers to
   * four significant digits ({@code {"factors":64,"alpha":2.8147085}} → {@code factors=64,
   * alpha=2.815}); the exact JSON goes in the element's title. Text that is not a JSON object is
   * returned as it is.
   */
  static String shortParams(String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      return json;
    }
    if (n == null || !n.isObject()) {
      return json;
    }
    List<String> parts = new ArrayList<>();
    n.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      String text;
      if (v.isIntegralNumber() || !v.isNumber()) {
        text = v.isTextual() ? v.asText() : v.toString();
      } else {
        text = new BigDecimal(v.asDouble()).round(new MathContext(4))
            .stripTrailingZeros().toPlainString();
      }
      parts.add(e.getKey() + "=" + text);
    });
    return String.join(", ", parts);
  }

  // ---------------------------------------------------------------- helpers

  private static void note(StringBuilder sb, String html) {
    sb.append("<p class=\"note\">").append(html).append("</p>\n");
  }

  /** A chart container and its option in the embedded data. */
  private static void chart(StringBuilder sb, List<ObjectNode> charts, String id, String kind,
      String title, List<String> labels, ObjectNode option) {
    ArrayNode l = JSON.createArrayNode();
    labels.forEach(l::add);
    sb.append("<figure><figcaption>").append(escape(title)).append("</figcaption><div class=\""
        + "chart\" id=\"").append(escape(id)).append("\" data-kind=\"").append(kind)
        .append("\" data-labels=\"").append(escape(l.toString())).append("\"></div></figure>\n");
    ObjectNode c = JSON.createObjectNode();
    c.put("id", id);
    c.set("option", option);
    charts.add(c);
  }

  /** The common part of every option: no animation (prints and screenshots complete), legend. */
  private static ObjectNode option(int legendEntries) {
    ObjectNode o = JSON.createObjectNode();
    o.put("animation", false);
    ArrayNode colors = o.putArray("color");
    for (String c : PALETTE) {
      colors.add(c);
    }
    o.putObject("legend").put("type", "plain").put("top", 0);
    o.putObject("tooltip").put("trigger", "item");
    ObjectNode grid = o.putObject("grid");
    grid.put("left", 16).put("right", 36).put("bottom", 36)
        .put("top", 40 + 22 * ((legendEntries - 1) / 4)).put("containLabel", true);
    return o;
  }

  /** The x axis, its name centred below it. */
  private static ObjectNode xAxis(ObjectNode option, String type, String name) {
    ObjectNode axis = axis(option.putObject("xAxis"), type, name);
    axis.put("nameLocation", "middle");
    axis.put("nameGap", 28);
    return axis;
  }

  /** The y axis, its name above it. */
  private static ObjectNode yAxis(ObjectNode option, String type, String name) {
    ObjectNode axis = axis(option.putObject("yAxis"), type, name);
    axis.put("nameLocation", "end");
    axis.putObject("nameTextStyle").put("align", "left");
    return axis;
  }

  private static ObjectNode axis(ObjectNode axis, String type, String name) {
    axis.put("type", type);
    axis.put("name", name);
    if (!type.equals("category")) {
      axis.putObject("splitLine").put("show", true);
    }
    if (type.equals("value")) { // points at the extremes stay clear of the frame
      axis.putArray("boundaryGap").add("6%").add("6%");
    }
    return axis;
  }

  private static ObjectNode series(ArrayNode series, String type, String name, int colour) {
    ObjectNode s = series.addObject();
    s.put("type", type);
    s.put("name", name);
    s.putObject("itemStyle").put("color", PALETTE[colour % PALETTE.length]);
    if (type.equals("line")) {
      s.putObject("lineStyle").put("color", PALETTE[colour % PALETTE.length]);
    }
    return s;
  }

  /** One run as a labelled point (its own series, so the legend names it). */
  private static void point(ArrayNode series, String label, int colour, double x, double y) {
    ObjectNode s = series(series, "scatter", label, colour);
    s.put("symbolSize", 12);
    s.putObject("label").put("show", true).put("position", "right").put("formatter", "{a}");
    s.putArray("data").addArray().add(round(x)).add(round(y));
  }

  /** Six significant digits: enough for a chart, and the JSON stays small. */
  private static double round(double x) {
    if (x == 0 || !Double.isFinite(x)) {
      return x;
    }
    return new BigDecimal(x).round(new MathContext(6)).doubleValue();
  }

  private static String format(double x) {
    return String.format(Locale.ROOT, "%.4f", x);
  }

  /** Escapes {@code & < > " '} for HTML text and attribute values. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static final String CSS = """
      :root { --fg: #1f2328; --muted: #636c76; --line: #d0d7de; --head: #f6f8fa; }
      * { box-sizing: border-box; }
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
        Arial, sans-serif; color: var(--fg); margin: 0 auto; padding: 24px 32px;
        max-width: 1400px; background: #fff; }
      h1 { font-size: 24px; margin: 0 0 12px; }
      h2 { font-size: 19px; margin: 32px 0 8px; padding-top: 12px;
        border-top: 2px solid var(--line); }
      h3 { font-size: 15px; margin: 22px 0 6px; }
      code { font: 12px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        word-break: break-all; }
      .meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
        gap: 4px 24px; margin: 0; }
      .meta div { display: flex; gap: 8px; }
      .meta dt { color: var(--muted); min-width: 92px; }
      .meta dd { margin: 0; }
      .muted, .note, .notes { color: var(--muted); }
      .notes p, .note { margin: 4px 0; font-size: 13px; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; margin: 6px 0; }
      th, td { border: 1px solid var(--line); padding: 3px 7px; vertical-align: top; }
      table.leaderboard td { font-size: 13px; }
      thead th { background: var(--head); font-weight: 600; }
      th.run { text-align: left; font-weight: 600; white-space: nowrap; }
      th.run .params { font-weight: 400; max-width: 320px; margin-top: 2px;
        white-space: normal; }
      .params code, table.trials code { word-break: normal; overflow-wrap: anywhere; }
      .tuning { min-width: 0; }
      .tuning .tuning-note { margin: 4px 0 2px; }
      .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
      .sub { font-weight: 400; font-size: 11px; color: var(--muted); }
      .pm { color: var(--muted); font-size: 11px; display: block; }
      td.best { background: #eef6ee; }
      .sig { color: #b42318; font-weight: 700; margin-left: 2px; }
      tr.best td { font-weight: 600; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr));
        gap: 12px 24px; }
      figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
      figcaption { font-size: 13px; color: var(--muted); margin: 4px 0; }
      .chart { width: 100%; height: 340px; }
      .tuning-note { font-size: 13px; }
      @media print {
        body { padding: 0; max-width: none; font-size: 11px; }
        h2 { break-before: page; }
        section:first-of-type h2 { break-before: auto; }
        .charts { grid-template-columns: 1fr 1fr; }
        .chart { height: 300px; }
        td.best { background: none; }
      }
      """;

  private static final String SCRIPT = """
      (function () {
        'use strict';
        var data = JSON.parse(document.getElementById('report-data').textContent);
        if (typeof echarts === 'undefined') {
          console.error('reco4j report: ECharts did not load; no charts');
          return;
        }
        // Labels of points close together (runs with similar values) would overlap: each label
        // that meets one already placed moves down below it, in pixels as laid out. (ECharts
        // 5.3's labelLayout moveOverlap is undone by the scatter symbol's own label placement.)
        function separateLabels(option) {
          var placed = [];
          var last = -1;
          (option.series || []).forEach(function (s) {
            if (s.type !== 'scatter' || !s.label || !s.label.show) {
              return;
            }
            s.labelLayout = function (p) {
              var key = p.seriesIndex * 100000 + p.dataIndex;
              if (key <= last) {
                placed = []; // a new layout pass
              }
              last = key;
              // The label's own rect already holds the last pass's shift (and about half the
              // text's height): place a 12px font's line centred on the point instead.
              var r = p.labelRect;
              var h = Math.max(r.height, 15);
              var top = p.rect.y + p.rect.height / 2 - h / 2;
              var y = top;
              for (var n = 0; n < placed.length + 1; n++) {
                var hit = placed.filter(function (q) {
                  return r.x < q.x + q.width && q.x < r.x + r.width
                      && y < q.y + q.height && q.y < y + h;
                });
                if (hit.length === 0) {
                  break;
                }
                y = Math.max.apply(null, hit.map(function (q) { return q.y + q.height; }));
              }
              placed.push({x: r.x, y: y, width: r.width, height: h});
              return {dy: y - top};
            };
          });
          return option;
        }
        var charts = [];
        data.charts.forEach(function (c) {
          var el = document.getElementById(c.id);
          var chart = echarts.init(el, null, {renderer: 'svg'});
          chart.setOption(separateLabels(c.option));
          charts.push(chart);
        });
        function resize() { charts.forEach(function (c) { c.resize(); }); }
        window.addEventListener('resize', resize);
        window.addEventListener('beforeprint', resize);
        window.addEventListener('afterprint', resize);
        document.body.setAttribute('data-charts', String(charts.length));
      })();
      """;
}
