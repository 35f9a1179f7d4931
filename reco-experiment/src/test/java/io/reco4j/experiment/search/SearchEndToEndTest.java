package io.reco4j.experiment.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.DataLoader;
import io.reco4j.experiment.ExperimentListener;
import io.reco4j.experiment.ExperimentRunner;
import io.reco4j.experiment.ExperimentSpec;
import io.reco4j.experiment.PlannedRun;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import io.reco4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small TPE search of iALS on MovieLens-100K (implicit, user:0.2), end to end through the
 * experiment runner: trials file, best config, one test evaluation, resume after a crash.
 */
class SearchEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String SPEC = """
      name: tuned-tiny
      datasets: [{data: %s, implicit: true}]
      splits: [user:0.2]
      algorithms:
        - name: ials
          params: {iterations: 8}
          search:
            method: tpe
            trials: 5
            metric: ndcg@10
            validation: user:0.2
            earlyStopping: {patience: 2}
            space:
              factors: {int: [8, 32], log: true}
              regularization: {float: [1, 200], log: true}
              solver: {choice: [cg, cholesky]}
      metrics: [ndcg, recall]
      k: [10]
      seeds: [7]
      threads: 2
      """.formatted(SharedData.dir("ml-100k"));

  /** Trials and run JSON of one uninterrupted search, shared by the tests. */
  static Path uninterrupted;
  static List<String> lines = new ArrayList<>();

  @BeforeAll
  static void searchOnce(@TempDir Path tmp) throws Exception {
    uninterrupted = tmp.resolve("a");
    ExperimentListener record = new ExperimentListener() {
      @Override
      public void runProgress(PlannedRun run, String line) {
        if (!line.matches(".*: iteration \\d+/\\d+")) {
          lines.add(line);
        }
      }
    };
    new ExperimentRunner(ExperimentSpec.parse(SPEC), SPEC, null, uninterrupted, false, record)
        .run();
  }

  static PlannedRun theRun() {
    return ExperimentSpec.parse(SPEC).runs().get(0);
  }

  static JsonNode read(Path file) throws Exception {
    return JSON.readTree(file.toFile());
  }

  @Test
  void theTrialsFileHoldsEveryTrialWithItsCurveAndTheBestIsRecorded() throws Exception {
    String id = theRun().id();
    JsonNode trials = read(TrialsFile.of(uninterrupted, id));
    assertThat(trials.path("format").asText()).isEqualTo("reco4j-experiment-trials");
    assertThat(trials.path("formatVersion").asInt()).isEqualTo(1);
    assertThat(trials.path("id").asText()).isEqualTo(id);
    assertThat(trials.path("trials")).hasSize(5);
    double bestValue = Double.NEGATIVE_INFINITY;
    int bestTrial = 0;
    for (JsonNode t : trials.path("trials")) {
      assertThat(t.path("params").size()).isEqualTo(3);
      assertThat(t.path("curve").size()).isBetween(1, 8); // early stopping: one point a sweep
      double max = Double.NEGATIVE_INFINITY;
      int argmax = 0;
      for (JsonNode p : t.path("curve")) {
        assertThat(p.path("loss").isNumber()).as("training loss recorded").isTrue();
        if (p.path("value").asDouble() > max) {
          max = p.path("value").asDouble();
          argmax = p.path("iteration").asInt();
        }
      }
      assertThat(t.path("value").asDouble()).isEqualTo(max);
      assertThat(t.path("bestIteration").asInt()).isEqualTo(argmax);
      if (!t.path("stoppedAt").isNull()) { // stopped patience sweeps after the best
        assertThat(t.path("stoppedAt").asInt()).isEqualTo(argmax + 2);
        assertThat(t.path("curve")).hasSize(argmax + 2);
      }
      if (t.path("value").asDouble() > bestValue) {
        bestValue = t.path("value").asDouble();
        bestTrial = t.path("trial").asInt();
      }
    }
    JsonNode search = read(ExperimentRunner.runFile(uninterrupted, id)).path("search");
    assertThat(search.path("best").path("trial").asInt()).isEqualTo(bestTrial);
    assertThat(search.path("best").path("value").asDouble()).isEqualTo(bestValue);
    assertThat(search.path("best").path("params"))
        .isEqualTo(trials.path("trials").get(bestTrial - 1).path("params"));
    assertThat(search.path("best").path("iterations").asInt())
        .isEqualTo(trials.path("trials").get(bestTrial - 1).path("bestIteration").asInt());
    assertThat(bestValue).isBetween(0.05, 0.6); // a working model, not noise
    assertThat(lines).anyMatch(l -> l.matches(
        "trial 5/5: ndcg@10 0\\.\\d{4} \\(best 0\\.\\d{4}, trial \\d\\).*"));
  }

  @Test
  void theRunJsonSaysHowItWasTunedAndItsConfigIsTheBestTrials() throws Exception {
    PlannedRun r = theRun();
    JsonNode run = read(ExperimentRunner.runFile(uninterrupted, r.id()));
    JsonNode search = run.path("search");
    assertThat(search.path("method").asText()).isEqualTo("tpe");
    assertThat(search.path("trials").asInt()).isEqualTo(5);
    assertThat(search.path("metric").asText()).isEqualTo("ndcg@10");
    assertThat(search.path("direction").asText()).isEqualTo("max");
    assertThat(search.path("validation").asText()).isEqualTo("user:0.2");
    assertThat(search.path("earlyStopping").path("patience").asInt()).isEqualTo(2);
    assertThat(search.path("space").path("factors").path("int").toString()).isEqualTo("[8,32]");
    assertThat(search.path("trialsFile").asText()).isEqualTo(r.id() + ".trials.json");
    assertThat(search.path("testEvaluations").asInt()).isEqualTo(1);
    // the config the final model was trained with is the best trial's, iterations its best sweep
    JsonNode config = run.path("report").path("algorithms").get(0).path("configJson");
    JsonNode best = search.path("best");
    best.path("params").fields().forEachRemaining(e ->
        assertThat(config.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue()));
    assertThat(config.path("iterations").asInt()).isEqualTo(best.path("iterations").asInt());
    assertThat(config.path("seed").asLong()).isEqualTo(7L);
    ObjectNode expectedParams = ((ObjectNode) best.path("params")).deepCopy();
    expectedParams.put("iterations", best.path("iterations").asInt());
    assertThat(run.path("params")).isEqualTo(expectedParams);
    assertThat(run.path("report").path("folds").asInt()).isEqualTo(1);
    assertThat(Files.exists(ExperimentRunner.perUserFile(uninterrupted, r.id()))).isTrue();
    String summary = Files.readString(uninterrupted.resolve("summary.csv"));
    assertThat(summary).contains("regularization"); // the tuned params, not just the fixed ones
  }

  @Test
  void theValidationPartIsCarvedFromTrainingAndNeverHoldsATestEntry() throws Exception {
    Dataset data = new DataLoader(DataLoader.defaultCacheDir(), true, w -> { })
        .load(SharedData.dir("ml-100k"), io.reco4j.data.io.LoadOptions.defaults()).dataset()
        .implicit(Float.NaN);
    Split fold = Splits.parse("user:0.2").split(data, 7).get(0);
    Split val = SearchExecution.validationSplit(fold, "user:0.2", 7);
    CsrMatrix test = fold.test().matrix();
    CsrMatrix train = fold.train().matrix();
    CsrMatrix fit = val.train().matrix();
    CsrMatrix validation = val.test().matrix();
    assertThat(validation.nnz()).isGreaterThan(10_000);
    long inTest = 0;
    long notInTrain = 0;
    for (int u = 0; u < validation.rows(); u++) {
      for (int p = validation.rowStart(u); p < validation.rowEnd(u); p++) {
        int i = validation.colIdx()[p];
        inTest += test.contains(u, i) ? 1 : 0;
        notInTrain += train.contains(u, i) ? 0 : 1;
        assertThat(fit.contains(u, i)).isFalse();
      }
    }
    assertThat(inTest).isZero();
    assertThat(notInTrain).isZero();
    assertThat(fit.nnz() + validation.nnz()).isEqualTo(train.nnz());
  }

  @Test
  void aSearchInterruptedAfterTrialTwoResumesToTheSameTrials(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("b");
    ExperimentListener crash = new ExperimentListener() {
      @Override
      public void trialFinished(PlannedRun run, Trial trial, Trial best, int trials) {
        if (trial.trial() == 2) {
          throw new IllegalStateException("simulated crash after trial 2");
        }
      }
    };
    ExperimentSpec spec = ExperimentSpec.parse(SPEC);
    assertThatThrownBy(() -> new ExperimentRunner(spec, SPEC, null, out, false, crash).run())
        .hasMessage("simulated crash after trial 2");
    String id = theRun().id();
    assertThat(read(TrialsFile.of(out, id)).path("trials")).hasSize(2);
    assertThat(Files.exists(ExperimentRunner.runFile(out, id))).isFalse();

    List<String> progress = new ArrayList<>();
    ExperimentListener record = new ExperimentListener() {
      @Override
      public void runProgress(PlannedRun run, String line) {
        progress.add(line);
      }
    };
    var outcome = new ExperimentRunner(spec, SPEC, null, out, true, record).run();
    assertThat(outcome.ran()).isEqualTo(1);
    assertThat(progress).anyMatch(l -> l.contains("2 trial(s) already done"));
    assertThat(progress).noneMatch(l -> l.startsWith("trial 1/5: ndcg@10")
        || l.startsWith("trial 2/5: ndcg@10"));
    assertThat(withoutSeconds(read(TrialsFile.of(out, id))))
        .isEqualTo(withoutSeconds(read(TrialsFile.of(uninterrupted, id))));
    JsonNode resumed = read(ExperimentRunner.runFile(out, id));
    JsonNode straight = read(ExperimentRunner.runFile(uninterrupted, id));
    assertThat(resumed.path("search")).isEqualTo(straight.path("search"));
    assertThat(resumed.path("report").path("algorithms").get(0).path("summary"))
        .isEqualTo(straight.path("report").path("algorithms").get(0).path("summary"));
  }

  private static JsonNode withoutSeconds(JsonNode trials) {
    JsonNode copy = trials.deepCopy();
    copy.path("trials").forEach(t -> ((ObjectNode) t).remove("seconds"));
    return copy;
  }
}
