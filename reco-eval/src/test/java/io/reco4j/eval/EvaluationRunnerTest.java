package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.data.Dataset;
import io.reco4j.data.IdIndex;
import io.reco4j.model.Trainer;
import io.reco4j.split.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationRunnerTest {
  private static final int USERS = 200;
  private static final int ITEMS = 80;

  /** Two folds of a random dataset: entry (u, i) goes to test in fold f when its hash says f. */
  private static List<Split> folds(Dataset full) {
    List<Split> out = new ArrayList<>();
    for (int f = 0; f < 2; f++) {
      var m = full.matrix();
      boolean[] test = new boolean[m.nnz()];
      boolean[] train = new boolean[m.nnz()];
      for (int p = 0; p < m.nnz(); p++) {
        test[p] = (Seeds.mix(9, p) & 1) == f;
        train[p] = !test[p];
      }
      out.add(new Split("halves", f, 9L, full.withMatrix("train", m.select(train)),
          full.withMatrix("test", m.select(test)), null));
    }
    return out;
  }

  private static Dataset data() {
    SplittableRandom rnd = new SplittableRandom(3);
    List<int[]> e = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      for (int i = 0; i < ITEMS; i++) {
        // popular low-index items: probability falls with i
        if (rnd.nextDouble() < 0.5 / (1 + i / 8.0)) {
          e.add(new int[] {u, i, 1 + rnd.nextInt(5)});
        }
      }
    }
    int[] r = e.stream().mapToInt(x -> x[0]).toArray();
    int[] c = e.stream().mapToInt(x -> x[1]).toArray();
    float[] v = new float[e.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = e.get(k)[2];
    }
    return TestModels.dataset("synthetic", IdIndex.identity("user", USERS),
        IdIndex.identity("item", ITEMS), r, c, v);
  }

  private static Map<String, Supplier<? extends Trainer<?>>> algorithms() {
    Map<String, Supplier<? extends Trainer<?>>> a = new LinkedHashMap<>();
    a.put("mean", TestModels::globalMean);
    a.put("pop", TestModels::popularity);
    a.put("rand", () -> TestModels.random(1));
    return a;
  }

  @Test
  void reportHoldsPerFoldValuesSummariesAndProvenance() {
    Dataset full = data();
    List<Split> folds = folds(full);
    List<String> progress = new ArrayList<>();
    EvalOptions options = EvalOptions.of("rmse,ndcg@10,recall@5,coverage@10");
    EvaluationReport report = new EvaluationRunner(options, progress::add)
        .run(full, folds, algorithms());

    assertThat(report.dataset()).isEqualTo("synthetic");
    assertThat(report.data()).isEqualTo(full.fingerprint());
    assertThat(report.dataHash()).isEqualTo(full.fingerprint().hashHex());
    assertThat(report.splitProtocol()).isEqualTo("halves");
    assertThat(report.splitSeed()).isEqualTo(9L);
    assertThat(report.folds()).isEqualTo(2);
    assertThat(report.metrics()).containsExactly("rmse", "ndcg@10", "recall@5", "coverage@10");
    assertThat(report.algorithms()).extracting(AlgorithmResult::name)
        .containsExactly("mean", "pop", "rand");
    assertThat(progress).hasSize(6);
    assertThat(report.totalSeconds()).isGreaterThanOrEqualTo(
        report.trainSeconds() + report.evalSeconds() - 1e-6);

    AlgorithmResult pop = report.algorithm("pop");
    assertThat(pop.algorithm()).isEqualTo("popularity");
    assertThat(pop.configJson()).isEqualTo("{\"kind\":\"popularity\",\"seed\":0}");
    assertThat(pop.folds()).extracting(FoldResult::fold).containsExactly(0, 1);
    // the summary is the mean and sample std of the fold values
    double a = pop.folds().get(0).metrics().get("ndcg@10");
    double b = pop.folds().get(1).metrics().get("ndcg@10");
    MetricSummary s = pop.summary().get("ndcg@10");
    assertThat(s.mean()).isCloseTo((a + b) / 2, within(1e-15));
    assertThat(s.std()).isCloseTo(Math.abs(a - b) / Math.sqrt(2), within(1e-12));
    assertThat(s.n()).isEqualTo(2);
    // each fold's values are exactly what the evaluator gives for that fold
    Split f1 = folds.get(1);
    assertThat(pop.folds().get(1).metrics()).isEqualTo(
        Evaluator.evaluate(TestModels.popularity().train(f1.train()), f1, options).values());
    // capabilities: rmse absent for scorers, ranking metrics absent for the mean predictor
    assertThat(pop.summary()).doesNotContainKey("rmse");
    assertThat(pop.absent()).containsEntry("rmse", "model is not a RatingPredictor");
    assertThat(report.algorithm("mean").summary()).containsOnlyKeys("rmse");
    // popularity beats random on popularity-skewed data
    assertThat(s.mean()).isGreaterThan(report.algorithm("rand").summary().get("ndcg@10").mean());
  }

  @Test
  void numbersAreIdenticalForOneAndFourThreads() {
    Dataset full = data();
    List<Split> folds = folds(full);
    EvalOptions options = EvalOptions.defaults();
    EvaluationReport one = new EvaluationRunner(options.withThreads(1)).run(full, folds,
        algorithms());
    EvaluationReport four = new EvaluationRunner(options.withThreads(4)).run(full, folds,
        algorithms());
    for (int k = 0; k < one.algorithms().size(); k++) {
      AlgorithmResult x = one.algorithms().get(k);
      AlgorithmResult y = four.algorithms().get(k);
      assertThat(y.summary()).isEqualTo(x.summary());
      assertThat(y.absent()).isEqualTo(x.absent());
      for (int f = 0; f < x.folds().size(); f++) {
        assertThat(y.folds().get(f).metrics()).isEqualTo(x.folds().get(f).metrics());
      }
    }
  }

  @Test
  void tableShowsMeanPlusMinusStdAndDashesForAbsentMetrics() {
    Dataset full = data();
    EvaluationReport report = new EvaluationRunner(EvalOptions.of("rmse,ndcg@10"))
        .run(full, folds(full), algorithms());
    String table = report.toTable();
    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(2 + 1 + 3); // provenance, header, rule, 3 rows
    assertThat(lines.get(0)).contains("synthetic", report.dataHash(), "halves", "2 fold(s)");
    assertThat(lines.get(1)).startsWith("algorithm").contains("rmse", "ndcg@10", "train s",
        "eval s");
    String mean = lines.get(3);
    String pop = lines.get(4);
    assertThat(mean).startsWith("mean");
    assertThat(mean).contains(report.algorithm("mean").summary().get("rmse").format(4))
        .contains(EvaluationReport.ABSENT);
    assertThat(pop).startsWith("pop").matches(".*\\d\\.\\d{4} ± \\d\\.\\d{4}.*");
    assertThat(pop.indexOf(EvaluationReport.ABSENT)).isPositive();
    // fixed width: the rows and the header line up
    assertThat(lines.subList(1, lines.size()).stream().map(String::length).distinct())
        .hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void jsonHoldsProvenanceAndIsWrittenAtomically(@TempDir Path dir) throws Exception {
    Dataset full = data();
    EvaluationReport report = new EvaluationRunner(EvalOptions.of("rmse,ndcg@10"))
        .run(full, folds(full), algorithms());
    Path file = dir.resolve("out/report.json");
    report.writeJson(file);
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.get("dataset").asText()).isEqualTo("synthetic");
    assertThat(json.get("dataHash").asText()).isEqualTo(report.dataHash());
    assertThat(json.get("reco4jVersion").asText()).isNotEmpty();
    assertThat(json.get("gitCommit").asText()).isNotEmpty();
    assertThat(json.get("jvm").asText()).contains(System.getProperty("java.version"));
    assertThat(json.get("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(json.get("options").get("metrics").get(0).asText()).isEqualTo("rmse");
    assertThat(json.get("options").get("metrics").get(1).asText()).isEqualTo("ndcg@10");
    JsonNode pop = json.get("algorithms").get(1);
    assertThat(pop.get("name").asText()).isEqualTo("pop");
    // the config is embedded as a JSON object, not as an escaped string
    assertThat(pop.get("configJson").get("kind").asText()).isEqualTo("popularity");
    assertThat(pop.get("summary").has("rmse")).isFalse();
    assertThat(pop.get("absent").get("rmse").asText()).contains("RatingPredictor");
    assertThat(pop.get("summary").get("ndcg@10").get("mean").asDouble())
        .isEqualTo(report.algorithm("pop").summary().get("ndcg@10").mean());
    assertThat(pop.get("folds")).hasSize(2);
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void rejectsEmptyInputsAndMixedFolds() {
    Dataset full = data();
    List<Split> folds = folds(full);
    EvaluationRunner runner = new EvaluationRunner(EvalOptions.of("rmse"));
    assertThatThrownBy(() -> runner.run(full, List.of(), algorithms()))
        .hasMessageContaining("no folds");
    assertThatThrownBy(() -> runner.run(full, folds, Map.of()))
        .hasMessageContaining("no algorithms");
    Split other = new Split("other", 1, 9L, folds.get(1).train(), folds.get(1).test(), null);
    assertThatThrownBy(() -> runner.run(full, List.of(folds.get(0), other), algorithms()))
        .hasMessageContaining("different splits");
  }
}
