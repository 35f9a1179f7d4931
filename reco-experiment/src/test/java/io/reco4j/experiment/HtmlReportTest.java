package io.reco4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a real experiment on MovieLens-100K, read as text. */
class HtmlReportTest {
  private static final Instant GENERATED = Instant.parse("2026-01-02T03:04:05Z");
  private static final Pattern ROW = Pattern.compile(
      "<tr data-run=\"([0-9a-f]+)\">(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile(
      "<td class=\"num( best)?( worse)?\" data-metric=\"([^\"]+)\" data-value=\"([^\"]+)\">");

  @TempDir
  static Path tmp;
  static ReportFixture.Results fixture;
  static List<JsonNode> runs;
  static String html;

  @BeforeAll
  static void runTheExperiment() throws Exception {
    fixture = ReportFixture.build(tmp);
    runs = fixture.runs();
    html = HtmlReport.render(ExperimentReport.read(fixture.dir()), GENERATED);
  }

  static double mean(JsonNode run, String metric) {
    return run.path("report").path("algorithms").path(0).path("summary").path(metric)
        .path("mean").asDouble();
  }

  static String label(JsonNode run) {
    return ReportFixture.label(run);
  }

  static JsonNode data(String page) throws Exception {
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)"
        + "</script>", Pattern.DOTALL).matcher(page);
    assertThat(m.find()).as("embedded report data").isTrue();
    return ReportFixture.JSON.readTree(m.group(1));
  }

  @Test
  void theLeaderboardShowsEveryRunsValuesAsInItsRunFileWithTheBestMarked() {
    Map<String, Map<String, Double>> shown = new HashMap<>();
    Map<String, String> bestOf = new HashMap<>();
    Matcher rows = ROW.matcher(html);
    while (rows.find()) {
      Matcher cells = CELL.matcher(rows.group(2));
      Map<String, Double> values = new HashMap<>();
      while (cells.find()) {
        values.put(cells.group(3), Double.parseDouble(cells.group(4)));
        if (cells.group(1) != null) {
          assertThat(bestOf.put(cells.group(3), rows.group(1))).as("one best per column")
              .isNull();
        }
      }
      shown.put(rows.group(1), values);
    }
    assertThat(shown).hasSize(runs.size()).hasSize(5);
    List<String> metrics = List.of("ndcg@10", "ndcg@20", "recall@10", "recall@20", "coverage@10",
        "coverage@20", "arp@10", "arp@20");
    for (String metric : metrics) {
      JsonNode best = null;
      for (JsonNode run : runs) {
        String id = run.path("id").asText();
        // per-user means (bootstrap columns) equal the run file's mean up to rounding
        assertThat(shown.get(id).get(metric)).as(id + " " + metric)
            .isCloseTo(mean(run, metric), within(1e-9));
        boolean better = best == null || (metric.startsWith("arp")
            ? mean(run, metric) < mean(best, metric) : mean(run, metric) > mean(best, metric));
        best = better ? run : best;
      }
      assertThat(bestOf.get(metric)).as("best of " + metric).isEqualTo(best.path("id").asText());
    }
    // ease is the best model here, popular far behind it and marked significantly worse
    JsonNode popular = runs.stream().filter(r -> label(r).equals("popular")).findFirst()
        .orElseThrow();
    assertThat(html).containsPattern("<tr data-run=\"" + popular.path("id").asText()
        + "\">.*?data-metric=\"ndcg@10\"[^>]*>[0-9.]+<sup class=\"sig\"[^>]*>\\*</sup> "
        + "<span class=\"pm\">± 0\\.0\\d{3}</span>");
    for (JsonNode run : runs) {
      String train = String.format(java.util.Locale.ROOT, "%.3f", run.path("report")
          .path("algorithms").path(0).path("trainSeconds").path("mean").asDouble());
      assertThat(html).containsPattern("<tr data-run=\"" + run.path("id").asText()
          + "\">.*?data-metric=\"trainSeconds\">" + Pattern.quote(train) + "</td>");
    }
    assertThat(html).contains("<div class=\"sub\">± 95% CI</div>").contains("Holm-adjusted")
        .contains("B = 1000");
  }

  @Test
  void theHeaderNamesTheExperimentAndTheProvenanceOfItsRuns() {
    JsonNode report = runs.get(0).path("report");
    assertThat(html).contains("<title>Experiment report-fixture</title>")
        .contains("<h1>Experiment report-fixture</h1>")
        .contains("5 complete of 5 planned")
        .contains(report.path("gitCommit").asText())
        .contains(report.path("jvm").asText())
        .contains(runs.get(0).path("specHash").asText().substring(0, 12))
        .contains("ml-100k (implicit)")
        .contains("2026-01-02T03:04:05Z");
  }

  @Test
  void theFileIsSelfContainedWithEChartsInlineAndNoNetworkReference() {
    assertThat(html).doesNotContainPattern("<script[^>]*\\bsrc=")
        .doesNotContainPattern("<link[^>]*\\bhref=")
        .contains("renderer: 'svg'");
    assertThat(html.length()).as("the inlined ECharts bundle").isGreaterThan(900_000);
    assertThat(html).contains(HtmlReport.echarts().substring(0, 200));
  }

  @Test
  void everyChartHasItsContainerAndItsDataEqualsTheRunFiles() throws Exception {
    JsonNode data = data(html);
    List<String> kinds = new ArrayList<>();
    for (JsonNode chart : data.path("charts")) {
      String id = chart.path("id").asText();
      Matcher div = Pattern.compile("<div class=\"chart\" id=\"" + Pattern.quote(id)
          + "\" data-kind=\"([a-z-]+)\"").matcher(html);
      assertThat(div.find()).as("container of " + id).isTrue();
      kinds.add(div.group(1));
    }
    assertThat(kinds).containsExactly("metric-at-k", "metric-at-k", "time-vs-accuracy",
        "convergence-value", "convergence-loss", "accuracy-vs-coverage",
        "accuracy-vs-popularity", "per-user-box", "tuning");

    JsonNode recall = data.path("charts").get(1);
    assertThat(recall.path("id").asText()).isEqualTo("t0-atk-recall");
    assertThat(recall.path("option").path("xAxis").path("data").toString())
        .isEqualTo("[\"10\",\"20\"]");
    for (int i = 0; i < runs.size(); i++) {
      JsonNode s = recall.path("option").path("series").get(i);
      assertThat(s.path("name").asText()).isEqualTo(label(runs.get(i)));
      assertThat(s.path("data").get(0).asDouble()).isCloseTo(mean(runs.get(i), "recall@10"),
          within(1e-5));
      assertThat(s.path("data").get(1).asDouble()).isCloseTo(mean(runs.get(i), "recall@20"),
          within(1e-5));
    }
  }

  @Test
  void theConvergenceChartsAreTheRunnersCurvesEndingAtEachRunsReportedValue() throws Exception {
    JsonNode charts = data(html).path("charts");
    JsonNode value = charts.get(3).path("option").path("series");
    JsonNode loss = charts.get(4).path("option").path("series");
    assertThat(charts.get(3).path("id").asText()).isEqualTo("t0-validation");
    assertThat(charts.get(4).path("id").asText()).isEqualTo("t0-loss-0"); // one algorithm
    // only the two iALS runs iterate; popular, itemknn and ease have no curve
    for (JsonNode series : List.of(loss, value)) {
      assertThat(series).extracting(s -> s.path("name").asText())
          .containsExactly("ials", ReportFixture.TUNED);
    }
    for (int j = 0; j < 2; j++) {
      JsonNode run = fixture.run(j == 0 ? "ials" : ReportFixture.TUNED);
      JsonNode curves = run.path("convergence");
      assertThat(curves).as("curves of " + label(run)).hasSize(1);
      assertThat(curves.get(0).path("metric").asText()).isEqualTo("ndcg@10");
      JsonNode its = curves.get(0).path("iterations");
      int n = run.path("params").path("iterations").asInt();
      assertThat(its).as("one point per iteration trained").hasSize(n);
      assertThat(value.get(j).path("data")).hasSize(n);
      assertThat(loss.get(j).path("data")).hasSize(n);
      for (int t = 0; t < n; t++) {
        assertThat(its.get(t).path("iteration").asInt()).isEqualTo(t + 1);
        assertThat(value.get(j).path("data").get(t).get(0).asInt()).isEqualTo(t + 1);
        assertThat(value.get(j).path("data").get(t).get(1).asDouble())
            .isCloseTo(its.get(t).path("value").asDouble(), within(1e-5));
        assertThat(loss.get(j).path("data").get(t).get(1).asDouble())
            .isCloseTo(its.get(t).path("loss").asDouble(),
                within(1e-5 * Math.abs(its.get(t).path("loss").asDouble())));
      }
      // the curve ends where the run itself ended: its last model is the evaluated one
      assertThat(its.get(n - 1).path("value").asDouble()).as("last ndcg@10 of " + label(run))
          .isCloseTo(mean(run, "ndcg@10"), within(1e-9));
      assertThat(value.get(j).path("data").get(n - 1).get(1).asDouble())
          .isCloseTo(mean(run, "ndcg@10"), within(1e-5));
      // alternating least squares never increases its objective
      for (int t = 1; t < n; t++) {
        assertThat(its.get(t).path("loss").asDouble()).as("loss of " + label(run) + " at " + t)
            .isLessThanOrEqualTo(its.get(t - 1).path("loss").asDouble() * (1 + 1e-9));
      }
    }
    assertThat(fixture.run("ials").path("params").path("iterations").asInt())
        .isEqualTo(ReportFixture.ITERATIONS);
    assertThat(html).contains("<figcaption>ndcg@10 on the test split per iteration</figcaption>")
        .contains("<figcaption>ials: training loss per iteration</figcaption>")
        .contains("Curves of fold 1.")
        .contains("No iterations recorded for popular, itemknn, ease");
  }

  @Test
  void theTuningSectionShowsTheTrialsFileAndSaysTheTestSplitWasUsedOnce() throws Exception {
    JsonNode trials = fixture.trials().path("trials");
    JsonNode search = fixture.run(ReportFixture.TUNED).path("search");
    assertThat(trials).hasSize(ReportFixture.TRIALS);
    JsonNode tuning = data(html).path("charts").get(8);
    assertThat(tuning.path("id").asText()).startsWith("t0-search-");
    JsonNode series = tuning.path("option").path("series");
    assertThat(series.get(0).path("name").asText()).isEqualTo(ReportFixture.TUNED + ": trial");
    assertThat(series.get(1).path("name").asText())
        .isEqualTo(ReportFixture.TUNED + ": best so far");
    assertThat(series.get(0).path("data")).hasSize(ReportFixture.TRIALS);
    double best = Double.NEGATIVE_INFINITY;
    int bestTrial = 0;
    for (int t = 0; t < trials.size(); t++) {
      double v = trials.get(t).path("value").asDouble();
      if (v > best) {
        best = v;
        bestTrial = trials.get(t).path("trial").asInt();
      }
      assertThat(series.get(0).path("data").get(t).get(0).asInt()).isEqualTo(t + 1);
      assertThat(series.get(0).path("data").get(t).get(1).asDouble())
          .isCloseTo(v, within(1e-5));
      assertThat(series.get(1).path("data").get(t).get(1).asDouble())
          .isCloseTo(best, within(1e-5));
    }
    // the run JSON's best is the trials file's best, and the final fit used its iterations
    assertThat(search.path("best").path("trial").asInt()).isEqualTo(bestTrial);
    assertThat(search.path("best").path("value").asDouble()).isEqualTo(best);
    int iterations = search.path("best").path("iterations").asInt();
    assertThat(iterations).isEqualTo(trials.get(bestTrial - 1).path("bestIteration").asInt());
    assertThat(fixture.run(ReportFixture.TUNED).path("params").path("iterations").asInt())
        .isEqualTo(iterations);
    String params = search.path("best").path("params").toString();
    assertThat(params).contains("\"factors\":").contains("\"regularization\":");
    // the leaderboard row: name=value pairs to read, the run's exact params in the title
    JsonNode runParams = fixture.run(ReportFixture.TUNED).path("params");
    double reg = runParams.path("regularization").asDouble();
    assertThat(html).contains("<div class=\"params\" title=\""
        + HtmlReport.escape(runParams.toString()) + "\"><code>iterations=" + iterations
        + ", factors=" + runParams.path("factors").asInt() + ", regularization="
        + new java.math.BigDecimal(reg).round(new java.math.MathContext(4)).stripTrailingZeros()
            .toPlainString() + "</code></div>");

    assertThat(html).contains("<strong>Tuning of " + ReportFixture.TUNED + "</strong>: tpe "
            + "search, 5 trials, maximising ndcg@10 on the validation split user:0.2 carved from "
            + "the training data, early stopping {&quot;patience&quot;:2}")
        .contains("<code>" + HtmlReport.escape(params) + "</code>")
        .contains(" after " + iterations + " iterations. ")
        .contains("The best configuration was evaluated on the test split once")
        .containsPattern("<tr class=\"best\"><td>" + bestTrial + "</td><td class=\"num\">"
            + Pattern.quote(String.format(java.util.Locale.ROOT, "%.4f", best)) + "</td>");
    String md = ExperimentReport.read(fixture.dir()).toMarkdown();
    assertThat(md).contains("**Tuning of " + ReportFixture.TUNED + "**: tpe search, 5 trials, "
            + "maximising ndcg@10 on the validation split user:0.2")
        .contains("`" + params + "`")
        .contains("The best configuration was evaluated on the test split once")
        .contains("arp (average popularity of the recommended items): lower is better");
  }

  @Test
  void textThatLooksLikeMarkupIsEscapedInTheTableAndInTheEmbeddedData() throws Exception {
    Path copy = tmp.resolve("renamed");
    Files.createDirectories(copy.resolve("runs"));
    try (var files = Files.list(fixture.dir().resolve("runs"))) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve("runs").resolve(p.getFileName()));
      }
    }
    String manifest = Files.readString(fixture.dir().resolve("experiment.json"));
    String evil = "x</script><script>alert(1)</script>";
    Files.writeString(copy.resolve("experiment.json"), manifest.replace(
        "\"name\" : \"report-fixture\"", "\"name\" : \"" + evil.replace("/", "\\/") + "\""));
    String page = HtmlReport.render(ExperimentReport.read(copy), GENERATED);
    assertThat(page).doesNotContain("alert(1)</script>")
        .contains("<h1>Experiment x&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>")
        .contains("x\\u003c/script>\\u003cscript>alert(1)\\u003c/script>");
    assertThat(data(page).path("experiment").asText()).isEqualTo(evil);
  }

  @Test
  void runsWithoutCurvesCoverageOrPopularityGetNotesNamingWhatToAdd(@TempDir Path dir)
      throws Exception {
    String spec = """
        name: plain
        datasets:
          - {data: %s, implicit: true}
        splits: ["user:0.2"]
        algorithms:
          - name: popular
          - name: ease
        metrics: [ndcg]
        k: [10]
        seeds: [42]
        threads: 2
        """.formatted(SharedData.dir("ml-100k"));
    ExperimentRunnerTest.run(spec, dir.resolve("out"), false, new ArrayList<>());
    String page = HtmlReport.render(ExperimentReport.read(dir.resolve("out")), GENERATED);
    assertThat(page).contains("No ranking metric with several cut-offs")
        .contains("the run files have no <code>convergence</code> field")
        .contains("Add <code>coverage</code> (share of the catalogue recommended) and "
            + "<code>arp</code> (average recommended popularity) to the spec's "
            + "<code>metrics</code>")
        .doesNotContain("<h3>Tuning</h3>");
    List<String> kinds = new ArrayList<>();
    data(page).path("charts").forEach(c -> kinds.add(c.path("id").asText()));
    assertThat(kinds).containsExactly("t0-time", "t0-peruser");
  }

  @Test
  void aMultiFoldExperimentPoolsUsersAcrossFoldsAndShowsStdOnlyForCoverage(@TempDir Path dir)
      throws Exception {
    String spec = """
        name: kfold-html
        datasets: [%s]
        splits: [kfold:2]
        algorithms:
          - name: bias
          - name: global-mean
        metrics: [rmse, coverage]
        k: [10]
        seeds: [5]
        threads: 2
        """.formatted(SharedData.dir("ml-100k"));
    ExperimentRunnerTest.run(spec, dir.resolve("out"), false, new ArrayList<>());
    List<JsonNode> kfold = ReportFixture.runs(dir.resolve("out"));
    String page = HtmlReport.render(ExperimentReport.read(dir.resolve("out")), GENERATED);
    // rmse has per-user values pooled over both folds: CI, and the global mean is marked worse
    JsonNode mean = kfold.stream().filter(r -> label(r).equals("global-mean")).findFirst()
        .orElseThrow();
    assertThat(page).contains("· 2 folds</h2>").contains("rmse ↓")
        .contains("<div class=\"sub\">± std over folds</div>")
        .contains("mean ± sample standard deviation over the 2 folds")
        .containsPattern("<tr data-run=\"" + mean.path("id").asText() + "\">.*?"
            + "data-metric=\"rmse\"[^>]*>[0-9.]+<sup class=\"sig\"[^>]*>\\*</sup> "
            + "<span class=\"pm\">± [0-9.]+</span>");
    JsonNode bias = kfold.stream().filter(r -> label(r).equals("bias")).findFirst().orElseThrow();
    double std = bias.path("report").path("algorithms").path(0).path("summary")
        .path("coverage@10").path("std").asDouble();
    assertThat(page).containsPattern("<tr data-run=\"" + bias.path("id").asText() + "\">.*?"
        + "data-metric=\"coverage@10\"[^>]*>(<strong>)?[0-9.]+(</strong>)? <span class=\"pm\">± "
        + String.format(java.util.Locale.ROOT, "%.4f", std) + "</span>");
  }
}
