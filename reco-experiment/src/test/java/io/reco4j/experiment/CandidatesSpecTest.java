package io.reco4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment file's {@code candidates} field ({@link ExperimentSpec#candidates()}). */
class CandidatesSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void withoutTheFieldEveryItemIsRankedAndIdsAndHashAreThoseOfAnExplicitAll() {
    ExperimentSpec plain = ExperimentSpec.parse(ExperimentSpecTest.FULL);
    ExperimentSpec all = ExperimentSpec.parse(ExperimentSpecTest.FULL + "candidates: all\n");
    assertThat(plain.candidates()).isEqualTo("all");
    assertThat(plain.trainItemsOnly()).isFalse();
    assertThat(plain.evalOptions(1).trainItemsOnly()).isFalse();
    assertThat(all).isEqualTo(plain);
    assertThat(all.hash()).isEqualTo(plain.hash());
    assertThat(ids(all)).isEqualTo(ids(plain));
    assertThat(plain.runs()).allSatisfy(r -> {
      assertThat(r.definition().has("candidates")).isFalse();
      assertThat(r.trainItemsOnly()).isFalse();
    });
  }

  @Test
  void trainItemsReachesTheEvaluationOptionsTheRunDefinitionsAndTheHash() {
    ExperimentSpec plain = ExperimentSpec.parse(ExperimentSpecTest.FULL);
    ExperimentSpec train = ExperimentSpec.parse(
        ExperimentSpecTest.FULL + "candidates: train-items\n");
    assertThat(train.candidates()).isEqualTo("train-items");
    assertThat(train.evalOptions(1).trainItemsOnly()).isTrue();
    assertThat(train.withThreads(1).trainItemsOnly()).isTrue();
    assertThat(train.hash()).isNotEqualTo(plain.hash());
    List<String> a = ids(plain);
    List<String> b = ids(train);
    assertThat(b).hasSameSizeAs(a);
    for (int j = 0; j < a.size(); j++) {
      assertThat(b.get(j)).isNotEqualTo(a.get(j));
    }
    assertThat(train.runs()).allSatisfy(r -> {
      assertThat(r.definition().path("candidates").asText()).isEqualTo("train-items");
      assertThat(r.trainItemsOnly()).isTrue();
    });
  }

  @Test
  void aBadValueIsNamedWithItsPath() {
    for (String bad : new String[] {"train", "[all]", "true", "ALL"}) {
      assertThatThrownBy(() -> ExperimentSpec.parse(
          ExperimentSpecTest.minimal("metrics: [rmse]", "metrics: [rmse]\ncandidates: " + bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("candidates: expected 'all' (every item) or 'train-items' "
              + "(only items with a train entry), got ");
    }
  }

  @Test
  void anExperimentOnTrainItemsRanksOnlyThemUnderLiangsHeldOutUsers(@TempDir Path tmp)
      throws Exception {
    // popularity scores the items no train user has 0, below every train item: the top of the
    // list is the same, but AUC no longer counts them as negatives every positive beats
    String text = """
        name: candidates
        datasets:
          - {data: %s, implicit: true, minRating: 4, minUserInteractions: 5}
        splits: ["heldout-users:150:0.2:seen-items:floor"]
        algorithms: [popular]
        metrics: [ndcg@100, auc]
        seeds: [42]
        threads: 2
        """.formatted(SharedData.dir("ml-100k"));
    JsonNode all = onlyRun(text, tmp.resolve("all"));
    JsonNode train = onlyRun(text + "candidates: train-items\n", tmp.resolve("train"));
    assertThat(all.path("definition").has("candidates")).isFalse();
    assertThat(train.path("definition").path("candidates").asText()).isEqualTo("train-items");
    assertThat(train.path("definition").path("split").asText())
        .isEqualTo("heldout-users:150:0.2:seen-items:floor");
    double ndcgAll = all.at("/report/algorithms/0/summary/ndcg@100/mean").asDouble();
    double ndcgTrain = train.at("/report/algorithms/0/summary/ndcg@100/mean").asDouble();
    assertThat(ndcgAll).isBetween(0.2, 0.35).isEqualTo(ndcgTrain);
    double aucAll = all.at("/report/algorithms/0/summary/auc/mean").asDouble();
    double aucTrain = train.at("/report/algorithms/0/summary/auc/mean").asDouble();
    assertThat(aucTrain).isLessThan(aucAll).isGreaterThan(0.8);
  }

  private static JsonNode onlyRun(String text, Path out) throws Exception {
    ExperimentRunnerTest.run(text, out, false, new ArrayList<>());
    List<PlannedRun> runs = ExperimentSpec.parse(text).runs();
    assertThat(runs).hasSize(1);
    return JSON.readTree(ExperimentRunner.runFile(out, runs.get(0).id()).toFile());
  }

  private static List<String> ids(ExperimentSpec s) {
    return s.runs().stream().map(PlannedRun::id).toList();
  }
}
