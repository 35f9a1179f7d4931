package io.reco4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

  @Test
  void reportWritesAMarkdownTableWithTheBestInBoldAndTheWorseMarked(@TempDir Path tmp)
      throws Exception {
    Path exp = tmp.resolve("exp.yaml");
    Files.writeString(exp, """
        name: report-test
        datasets:
          - {data: %s, implicit: true}
        splits: ["user:0.2"]
        algorithms:
          - name: popular
          - name: ials
            params: {factors: 16, iterations: 5}
        metrics: [ndcg]
        k: [10]
        seeds: [42]
        """.formatted(SharedData.dir("ml-100k")));
    Path out = tmp.resolve("out");
    RecoCliTest.Run r = RecoCliTest.reco("experiment", "run", exp.toString(), "--out",
        out.toString(), "--threads", "2");
    assertThat(r.code()).as(r.err()).isZero();

    Path md = tmp.resolve("report.md");
    RecoCliTest.Run report = RecoCliTest.reco("report", out.toString(), "--format", "markdown",
        "--out", md.toString());
    assertThat(report.code()).as(report.err()).isZero();
    assertThat(report.out()).contains("report: " + md);
    String text = Files.readString(md);
    assertThat(text).startsWith("# Experiment report-test").contains("| run | params | ndcg@10 |");
    assertThat(text.lines().filter(l -> l.startsWith("| ials")).findFirst().orElseThrow())
        .contains("**0.");
    assertThat(text.lines().filter(l -> l.startsWith("| popular")).findFirst().orElseThrow())
        .endsWith(" * |");

    RecoCliTest.Run stdout = RecoCliTest.reco("report", out.toString());
    assertThat(stdout.code()).as(stdout.err()).isZero();
    assertThat(stdout.out()).isEqualTo(text);

    // the Wilcoxon signed-rank test and a 90% interval instead: the footnote says so, the
    // interval is narrower and popularity is still significantly worse
    RecoCliTest.Run wilcoxon = RecoCliTest.reco("report", out.toString(), "--test", "wilcoxon",
        "--level", "0.9");
    assertThat(wilcoxon.code()).as(wilcoxon.err()).isZero();
    assertThat(wilcoxon.out()).contains("Wilcoxon signed-rank test").contains("90% bootstrap")
        .doesNotContain("paired t-test");
    assertThat(wilcoxon.out().lines().filter(l -> l.startsWith("| popular")).findFirst()
        .orElseThrow()).endsWith(" * |");
    assertThat(halfWidth(wilcoxon.out(), "| ials")).isLessThan(halfWidth(text, "| ials"));

    RecoCliTest.Run bad = RecoCliTest.reco("report", out.toString(), "--alpha", "1.5");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("--alpha").contains("1.5");
  }

  private static double halfWidth(String markdown, String rowStart) {
    String row = markdown.lines().filter(l -> l.startsWith(rowStart)).findFirst().orElseThrow();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("± (0\\.\\d+)").matcher(row);
    assertThat(m.find()).as(row).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void anOutFileEndingInHtmlGetsTheSelfContainedHtmlReport(@TempDir Path tmp) throws Exception {
    Path exp = tmp.resolve("exp.yaml");
    Files.writeString(exp, """
        name: html-report-test
        datasets:
          - {data: %s, implicit: true}
        splits: ["user:0.2"]
        algorithms:
          - name: popular
          - name: ease
        metrics: [ndcg, coverage]
        k: [10, 20]
        seeds: [42]
        """.formatted(SharedData.dir("ml-100k")));
    Path out = tmp.resolve("out");
    RecoCliTest.Run r = RecoCliTest.reco("experiment", "run", exp.toString(), "--out",
        out.toString(), "--threads", "2");
    assertThat(r.code()).as(r.err()).isZero();

    Path html = tmp.resolve("report.html");
    RecoCliTest.Run report = RecoCliTest.reco("report", out.toString(), "--out", html.toString());
    assertThat(report.code()).as(report.err()).isZero();
    assertThat(report.out()).contains("report: " + html);
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>")
        .contains("<h1>Experiment html-report-test</h1>")
        .contains("<table class=\"leaderboard\">")
        .contains("data-kind=\"metric-at-k\"")
        .contains("echarts.init(el, null, {renderer: 'svg'})");

    // --format wins over the file name
    Path md = tmp.resolve("report.html.txt");
    RecoCliTest.Run asMarkdown = RecoCliTest.reco("report", out.toString(), "--out",
        md.toString());
    assertThat(asMarkdown.code()).as(asMarkdown.err()).isZero();
    assertThat(Files.readString(md)).startsWith("# Experiment html-report-test");
    RecoCliTest.Run forced = RecoCliTest.reco("report", out.toString(), "--format", "html");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(forced.out()).startsWith("<!DOCTYPE html>");
  }

  @Test
  void anUnknownFormatIsRefusedNamingTheChoices(@TempDir Path tmp) {
    RecoCliTest.Run r = RecoCliTest.reco("report", tmp.toString(), "--format", "pdf");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("--format: unknown format 'pdf'; use html or markdown");
  }

  @Test
  void aFolderWithoutResultsIsRefused(@TempDir Path tmp) {
    RecoCliTest.Run r = RecoCliTest.reco("report", tmp.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: ").contains("experiment.json");
  }
}
