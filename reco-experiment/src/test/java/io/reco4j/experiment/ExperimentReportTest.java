package io.reco4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.eval.PerUserValues;
import io.reco4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports of real experiments on MovieLens-100K. */
class ExperimentReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** experiments/ml100k-implicit.yaml restricted to two cheap algorithms and one metric. */
  static String implicitSpec() {
    return """
        name: ml100k-implicit-small
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
        threads: 2
        """.formatted(SharedData.dir("ml-100k"));
  }

  static ExperimentReport.Row row(ExperimentReport.Table t, String label) {
    return t.rows().stream().filter(r -> r.label().startsWith(label)).findFirst().orElseThrow();
  }

  @Test
  void aSingleFoldExperimentKeepsPerUserValuesAndMarksTheWorseModel(@TempDir Path tmp)
      throws Exception {
    String text = implicitSpec();
    Path out = tmp.resolve("results");
    List<String> events = new ArrayList<>();
    ExperimentRunner.Outcome o = ExperimentRunnerTest.run(text, out, false, events);
    assertThat(o.ran()).isEqualTo(2);

    for (PlannedRun r : ExperimentSpec.parse(text).runs()) {
      Path pu = ExperimentRunner.perUserFile(out, r.id());
      assertThat(pu).isRegularFile();
      PerUserValues v = ExperimentRunner.readPerUser(pu).get("ndcg@10");
      assertThat(v.size()).isGreaterThan(900); // ml-100k has 943 users
      JsonNode run = JSON.readTree(ExperimentRunner.runFile(out, r.id()).toFile());
      double reported = run.path("report").path("algorithms").path(0).path("summary")
          .path("ndcg@10").path("mean").asDouble();
      assertThat(v.mean()).isCloseTo(reported, within(1e-9));
    }

    ExperimentReport report = ExperimentReport.read(out);
    assertThat(report.tables()).hasSize(1);
    ExperimentReport.Table t = report.tables().get(0);
    assertThat(t.folds()).isEqualTo(1);
    assertThat(t.significance()).containsEntry("ndcg@10", true);
    ExperimentReport.Cell ials = row(t, "ials").cells().get("ndcg@10");
    ExperimentReport.Cell popular = row(t, "popular").cells().get("ndcg@10");
    assertThat(ials.best()).isTrue();
    assertThat(ials.significantlyWorse()).isFalse();
    assertThat(popular.best()).isFalse();
    assertThat(popular.significantlyWorse()).isTrue();
    assertThat(ials.mean()).isGreaterThan(popular.mean());
    assertThat(ials.plusMinus()).isBetween(0.001, 0.05);

    String md = report.toMarkdown();
    String ialsLine = md.lines().filter(l -> l.startsWith("| ials")).findFirst().orElseThrow();
    String popularLine = md.lines().filter(l -> l.startsWith("| popular")).findFirst()
        .orElseThrow();
    assertThat(ialsLine).matches(".*\\*\\*0\\.\\d{4} ± 0\\.\\d{4}\\*\\* \\|")
        .contains("\"factors\":16");
    assertThat(popularLine).matches(".*\\| 0\\.\\d{4} ± 0\\.\\d{4} \\* \\|");
    assertThat(md).contains("## ").contains("user:0.2").contains("paired t-test")
        .contains("Holm").contains("α = 0.05").contains("B = 1000");

    // resume skips both; a run whose per-user file is gone is not complete and runs again
    events.clear();
    ExperimentRunner.Outcome again = ExperimentRunnerTest.run(text, out, true, events);
    assertThat(again.ran()).isZero();
    assertThat(again.skipped()).isEqualTo(2);
    PlannedRun popularRun = ExperimentSpec.parse(text).runs().stream()
        .filter(r -> r.algorithm().equals("popular")).findFirst().orElseThrow();
    Files.delete(ExperimentRunner.perUserFile(out, popularRun.id()));
    events.clear();
    ExperimentRunner.Outcome redo = ExperimentRunnerTest.run(text, out, true, events);
    assertThat(redo.ran()).isEqualTo(1);
    assertThat(events).contains("start " + popularRun.id());
    assertThat(ExperimentRunner.perUserFile(out, popularRun.id())).isRegularFile();
  }

  @Test
  void aMultiFoldExperimentPoolsPerUserValuesAcrossFoldsForSignificance(@TempDir Path tmp)
      throws Exception {
    String text = """
        name: kfold-small
        datasets: [%s]
        splits: [kfold:2]
        algorithms:
          - name: bias
          - name: global-mean
        metrics: [rmse]
        seeds: [5]
        threads: 2
        """.formatted(SharedData.dir("ml-100k"));
    Path out = tmp.resolve("results");
    ExperimentRunnerTest.run(text, out, false, new ArrayList<>());
    try (var files = Files.list(out.resolve("runs"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".peruser.json")).count()).isEqualTo(2);
    }
    ExperimentReport report = ExperimentReport.read(out);
    ExperimentReport.Table t = report.tables().get(0);
    assertThat(t.folds()).isEqualTo(2);
    assertThat(t.significance()).containsEntry("rmse", true);
    ExperimentReport.Cell bias = row(t, "bias").cells().get("rmse");
    ExperimentReport.Cell mean = row(t, "global-mean").cells().get("rmse");
    assertThat(bias.best()).isTrue(); // lower rmse is better
    assertThat(mean.best()).isFalse();
    assertThat(mean.significantlyWorse()).isTrue(); // the global mean is far worse, paired over users
    assertThat(bias.mean()).isBetween(0.90, 1.0);
    assertThat(bias.plusMinus()).isGreaterThan(0).isLessThan(0.05);
    String md = report.toMarkdown();
    assertThat(md.lines().filter(l -> l.startsWith("| global-mean")).findFirst().orElseThrow())
        .contains(" * |");
  }

  @Test
  void aDirectoryWithoutAnExperimentIsRefusedByName(@TempDir Path tmp) {
    assertThatThrownBy(() -> ExperimentReport.read(tmp))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("experiment.json");
  }

}
