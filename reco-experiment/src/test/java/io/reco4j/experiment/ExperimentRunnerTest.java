package io.reco4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.reco4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on MovieLens-100K: quick models, two folds, a tiny grid. */
class ExperimentRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static String spec(String seeds) {
    return """
        name: tiny
        datasets: [%s]
        splits: [kfold:2]
        algorithms:
          - name: bias
            grid: {userRegularization: [5, 25]}
          - name: popular
        metrics: [rmse, ndcg]
        k: [10]
        seeds: %s
        threads: 2
        """.formatted(SharedData.dir("ml-100k"), seeds);
  }

  static ExperimentRunner.Outcome run(String text, Path out, boolean resume,
      List<String> events) throws Exception {
    ExperimentListener record = new ExperimentListener() {
      @Override
      public void runStarted(PlannedRun run) {
        events.add("start " + run.id());
      }

      @Override
      public void runSkipped(PlannedRun run) {
        events.add("skip " + run.id());
      }
    };
    return new ExperimentRunner(ExperimentSpec.parse(text), text, null, out, resume, record).run();
  }

  static List<Map<String, String>> csv(Path file) throws Exception {
    CsvMapper m = new CsvMapper();
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = m.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
      it.forEachRemaining(r -> rows.add(new LinkedHashMap<>(r)));
    }
    return rows;
  }

  @Test
  void aSmallExperimentWritesOneCompleteJsonPerRunAndASummaryRowEach(@TempDir Path tmp)
      throws Exception {
    String text = spec("[7]");
    Path out = tmp.resolve("results");
    List<String> events = new ArrayList<>();
    ExperimentRunner.Outcome o = run(text, out, false, events);
    assertThat(o.total()).isEqualTo(3);
    assertThat(o.ran()).isEqualTo(3);
    assertThat(o.skipped()).isZero();
    List<PlannedRun> runs = ExperimentSpec.parse(text).runs();
    assertThat(events).containsExactly(runs.stream().map(r -> "start " + r.id()).toArray(String[]::new));

    try (var files = Files.list(out.resolve("runs"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactlyElementsOf(runs.stream()
              .flatMap(r -> java.util.stream.Stream.of(r.id() + ".json", r.id() + ".peruser.json"))
              .sorted().toList());
    }
    for (PlannedRun r : runs) {
      JsonNode n = JSON.readTree(ExperimentRunner.runFile(out, r.id()).toFile());
      assertThat(n.path("complete").asBoolean()).isTrue();
      assertThat(n.path("id").asText()).isEqualTo(r.id());
      assertThat(n.path("definition").path("split").asText()).isEqualTo("kfold:2");
      assertThat(n.path("definition").path("seed").asLong()).isEqualTo(7);
      assertThat(n.path("machine").asText())
          .contains(Runtime.getRuntime().availableProcessors() + " cores").contains("GiB");
      JsonNode report = n.path("report");
      assertThat(report.path("dataHash").asText()).hasSize(16);
      assertThat(report.path("gitCommit").asText()).isNotBlank();
      assertThat(report.path("jvm").asText()).isNotBlank();
      assertThat(report.path("splitSeed").asLong()).isEqualTo(7);
      JsonNode algo = report.path("algorithms").path(0);
      assertThat(algo.path("folds")).hasSize(2);
      assertThat(algo.path("summary").path("ndcg@10").path("std").isNumber()).isTrue();
      // per-user values pooled over both folds: every user is in both test folds, and the pooled
      // metric is within a hair of the mean over folds (the folds differ in size by one entry)
      Map<String, io.reco4j.eval.PerUserValues> pu =
          ExperimentRunner.readPerUser(ExperimentRunner.perUserFile(out, r.id()));
      assertThat(pu.get("ndcg@10").size()).isBetween(900, 943);
      assertThat(pu.get("ndcg@10").reported())
          .isCloseTo(algo.at("/summary/ndcg@10/mean").asDouble(), org.assertj.core.data.Offset
              .offset(0.002));
      if (r.algorithm().equals("bias")) {
        assertThat(pu.get("rmse").reported()).isCloseTo(algo.at("/summary/rmse/mean").asDouble(),
            org.assertj.core.data.Offset.offset(0.002));
        assertThat(java.util.Arrays.stream(pu.get("rmse").weights()).min().orElseThrow()).isGreaterThanOrEqualTo(1);
        double units = java.util.Arrays.stream(pu.get("rmse").weights()).sum();
        assertThat(units).isEqualTo(100_000); // every rating is a test rating in one fold
      }
    }
    JsonNode bias5 = JSON.readTree(ExperimentRunner.runFile(out, runs.get(0).id()).toFile());
    assertThat(bias5.path("params").path("userRegularization").asInt()).isEqualTo(5);
    assertThat(bias5.at("/report/algorithms/0/summary/rmse/mean").asDouble())
        .isBetween(0.93, 0.99);

    List<Map<String, String>> rows = csv(out.resolve("summary.csv"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).keySet()).containsExactly("id", "dataset", "split", "algorithm",
        "label", "params", "seed", "rmse_mean", "rmse_std", "ndcg@10_mean", "ndcg@10_std",
        "train_seconds", "eval_seconds");
    assertThat(rows).extracting(r -> r.get("algorithm")).containsExactly("bias", "bias", "popular");
    assertThat(rows).extracting(r -> r.get("params")).containsExactly(
        "{\"userRegularization\":5}", "{\"userRegularization\":25}", "{}");
    assertThat(rows.get(0).get("seed")).isEqualTo("7");
    assertThat(Double.parseDouble(rows.get(0).get("rmse_mean")))
        .isEqualTo(bias5.at("/report/algorithms/0/summary/rmse/mean").asDouble());
    assertThat(rows.get(2).get("rmse_mean")).isEmpty(); // popular predicts no ratings
    assertThat(Double.parseDouble(rows.get(2).get("ndcg@10_mean"))).isBetween(0.05, 0.5);
    assertThat(Files.readString(out.resolve("experiment.yaml"))).isEqualTo(text);
    assertThat(JSON.readTree(out.resolve("experiment.json").toFile()).path("specHash").asText())
        .isEqualTo(ExperimentSpec.parse(text).hash());

    // the same directory again without --resume is refused
    assertThatThrownBy(() -> run(text, out, false, new ArrayList<>()))
        .hasMessageContaining("--resume");
  }

  @Test
  void resumeRunsOnlyTheMissingRunAndLeavesTheOthersByteIdentical(@TempDir Path tmp)
      throws Exception {
    String text = spec("[7]");
    Path out = tmp.resolve("results");
    run(text, out, false, new ArrayList<>());
    List<PlannedRun> runs = ExperimentSpec.parse(text).runs();
    PlannedRun lost = runs.get(1);
    Path lostFile = ExperimentRunner.runFile(out, lost.id());
    byte[] lostBytes = Files.readAllBytes(lostFile);
    Files.delete(lostFile);
    // a run interrupted while writing leaves a partial temp file behind
    Path partial = out.resolve("runs").resolve("." + lost.id() + ".json.12345.tmp");
    Files.write(partial, java.util.Arrays.copyOf(lostBytes, lostBytes.length / 2));
    Map<Path, byte[]> kept = new LinkedHashMap<>();
    for (PlannedRun r : runs) {
      if (r != lost) {
        Path f = ExperimentRunner.runFile(out, r.id());
        kept.put(f, Files.readAllBytes(f));
      }
    }

    List<String> events = new ArrayList<>();
    ExperimentRunner.Outcome o = run(text, out, true, events);
    assertThat(o.ran()).isEqualTo(1);
    assertThat(o.skipped()).isEqualTo(2);
    assertThat(events).containsExactly("skip " + runs.get(0).id(), "start " + lost.id(),
        "skip " + runs.get(2).id());
    kept.forEach((f, bytes) -> assertThat(f).hasBinaryContent(bytes));
    assertThat(partial).doesNotExist();
    JsonNode again = JSON.readTree(lostFile.toFile());
    assertThat(again.path("complete").asBoolean()).isTrue();
    // same seed, same folds, same model: the metrics come out the same
    assertThat(again.at("/report/algorithms/0/summary"))
        .isEqualTo(JSON.readTree(lostBytes).at("/report/algorithms/0/summary"));
    assertThat(csv(out.resolve("summary.csv"))).hasSize(3);

    // a torn run file (not written through AtomicFiles) counts as missing too
    Files.writeString(lostFile, "{\"format\": \"reco4j-experiment-run\", \"id\": \"");
    assertThat(run(text, out, true, new ArrayList<>()).ran()).isEqualTo(1);
  }

  @Test
  void resumeWithADifferentSpecIsRefused(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("results");
    String text = spec("[7]");
    run(text, out, false, new ArrayList<>());
    String other = spec("[7, 8]");
    assertThatThrownBy(() -> run(other, out, true, new ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different experiment spec");
    // the same spec with another thread count and comments is the same experiment
    String same = "# rerun\n" + text.replace("threads: 2", "threads: 1");
    assertThat(run(same, out, true, new ArrayList<>()).skipped()).isEqualTo(3);
  }

  @Test
  void iterativeRunsRecordAConvergenceCurvePerFold(@TempDir Path tmp) throws Exception {
    String text = """
        name: curves
        datasets: [%s]
        splits: [kfold:2]
        algorithms:
          - name: svd
            params: {epochs: 4, factors: 8}
          - name: ials
            params: {iterations: 3, factors: 8}
          - name: popular
        metrics: [ndcg]
        k: [10]
        seeds: [3]
        threads: 2
        convergence: {loss: true, metric: ndcg@10}
        """.formatted(SharedData.dir("ml-100k"));
    Path out = tmp.resolve("results");
    List<String> iterations = new ArrayList<>();
    ExperimentListener listener = new ExperimentListener() {
      @Override
      public void runIteration(PlannedRun run, int fold, int folds, int iteration,
          int total, double loss, String metric, double value) {
        iterations.add(run.algorithm() + " " + fold + "/" + folds + " " + iteration + "/" + total
            + " " + metric);
      }
    };
    new ExperimentRunner(ExperimentSpec.parse(text), text, null, out, false, listener).run();
    List<PlannedRun> runs = ExperimentSpec.parse(text).runs();
    assertThat(iterations).hasSize(2 * 4 + 2 * 3)
        .startsWith("svd 1/2 1/4 ndcg@10", "svd 1/2 2/4 ndcg@10")
        .contains("ials 2/2 3/3 ndcg@10");
    for (PlannedRun r : runs) {
      JsonNode n = JSON.readTree(ExperimentRunner.runFile(out, r.id()).toFile());
      if (r.algorithm().equals("popular")) {
        assertThat(n.has("convergence")).isFalse(); // one-shot: nothing per iteration
        continue;
      }
      JsonNode curves = n.path("convergence");
      assertThat(curves).hasSize(2);
      int expected = r.algorithm().equals("svd") ? 4 : 3;
      for (JsonNode c : curves) {
        assertThat(c.path("metric").asText()).isEqualTo("ndcg@10");
        JsonNode its = c.path("iterations");
        assertThat(its).hasSize(expected);
        for (JsonNode it : its) {
          assertThat(it.path("seconds").asDouble()).isPositive();
          assertThat(it.path("value").asDouble()).isBetween(0.0, 1.0);
        }
        // the last iteration's metric is the fold's reported metric: same model, same split
        int fold = c.path("fold").asInt();
        JsonNode foldResult = null;
        for (JsonNode f : n.at("/report/algorithms/0/folds")) {
          if (f.path("fold").asInt() == fold) {
            foldResult = f;
          }
        }
        assertThat(its.get(expected - 1).path("value").asDouble())
            .isEqualTo(foldResult.at("/metrics/ndcg@10").asDouble());
        if (r.algorithm().equals("svd")) { // SGD reports its training RMSE: it falls
          assertThat(its.get(expected - 1).path("loss").asDouble())
              .isLessThan(its.get(0).path("loss").asDouble());
        }
      }
    }
  }

  @Test
  void aMissingDatasetIsNamedWithItsPathBeforeAnythingRuns(@TempDir Path tmp) {
    String text = """
        datasets: [no-such-dataset-xyz]
        splits: [kfold:2]
        algorithms: [bias]
        metrics: [rmse]
        """;
    Path out = tmp.resolve("results");
    assertThatThrownBy(() -> run(text, out, false, new ArrayList<>()))
        .hasMessageStartingWith("datasets[0].data: ");
    assertThat(out).doesNotExist();
  }
}
