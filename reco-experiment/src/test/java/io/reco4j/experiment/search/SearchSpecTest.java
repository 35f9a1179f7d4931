package io.reco4j.experiment.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.experiment.ExperimentSpec;
import io.reco4j.experiment.PlannedRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search: block of an algorithm entry: parsing, validation with YAML paths, run ids. */
class SearchSpecTest {

  static String spec(String split, String entry) {
    return """
        name: tuned
        datasets: [{data: ml-100k, implicit: true}]
        splits: [%s]
        algorithms:
          - name: popular
          - name: ease
        %s
        metrics: [ndcg]
        k: [10]
        """.formatted(split, entry.indent(2).stripTrailing());
  }

  static final String IALS = """
      - name: ials
        params: {iterations: 30}
        search:
          method: tpe
          trials: 30
          metric: ndcg@10
          validation: user:0.2
          earlyStopping: {patience: 3}
          space:
            factors: {int: [16, 256], log: true}
            regularization: {float: [0.001, 100], log: true}
            alpha: {float: [1, 50]}
            solver: {choice: [cg, cholesky]}
      """;

  static String errorOf(String text) {
    try {
      ExperimentSpec.parse(text);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("parsed without error: " + text);
  }

  @Test
  void theBriefsExampleParsesIntoACanonicalSearch() {
    ExperimentSpec s = ExperimentSpec.parse(spec("user:0.2", IALS));
    SearchSpec search = s.algorithms().get(2).search();
    assertThat(search.method()).isEqualTo("tpe");
    assertThat(search.trials()).isEqualTo(30);
    assertThat(search.metric()).isEqualTo("ndcg@10");
    assertThat(search.direction()).isEqualTo("max");
    assertThat(search.validation()).isEqualTo("user:0.2");
    assertThat(search.patience()).isEqualTo(3);
    assertThat(search.iterationField()).isEqualTo("iterations");
    assertThat(search.space().names()).containsExactly("factors", "regularization", "alpha",
        "solver");
    assertThat(search.space().dimensions().get(0))
        .isEqualTo(new SearchSpace.IntRange("factors", 16, 256, true));
    assertThat(search.toJson().toString()).isEqualTo("{\"method\":\"tpe\",\"trials\":30,"
        + "\"metric\":\"ndcg@10\",\"direction\":\"max\",\"validation\":\"user:0.2\","
        + "\"earlyStopping\":{\"patience\":3},\"space\":{\"factors\":{\"int\":[16,256],"
        + "\"log\":true},\"regularization\":{\"float\":[0.001,100.0],\"log\":true},"
        + "\"alpha\":{\"float\":[1.0,50.0]},\"solver\":{\"choice\":[\"cg\",\"cholesky\"]}}}");
  }

  @Test
  void aSearchRunHasItsOwnIdAndCarriesTheSearchAndAnUnsearchedSpecKeepsItsHash() {
    ExperimentSpec with = ExperimentSpec.parse(spec("user:0.2", IALS));
    ExperimentSpec without = ExperimentSpec.parse(spec("user:0.2", "- name: ials\n  params: "
        + "{iterations: 30}"));
    List<PlannedRun> a = with.runs();
    List<PlannedRun> b = without.runs();
    assertThat(a.get(2).search()).isNotNull();
    assertThat(a.get(2).definition().has("search")).isTrue();
    assertThat(a.get(2).id()).isNotEqualTo(b.get(2).id());
    assertThat(a.get(0).id()).isEqualTo(b.get(0).id());
    assertThat(b.get(2).search()).isNull();
    assertThat(with.hash()).isNotEqualTo(without.hash());
    // null searches are left out of the hash, so files written before search keep theirs
    ExperimentSpec plain = ExperimentSpec.parse(spec("user:0.2", "- name: bpr"));
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(mapper.valueToTree(plain.algorithms().get(2)).has("search")).isFalse();
    assertThat(mapper.valueToTree(with.algorithms().get(2)).path("search").path("method").asText())
        .isEqualTo("tpe");
  }

  @Test
  void kFoldSplitsAreRefusedBecauseTheSearchWouldSeeOtherFoldsTestData() {
    assertThat(errorOf(spec("kfold:5", IALS))).isEqualTo("algorithms[2].search: search needs a "
        + "single-fold split such as user:0.2; with kfold:5 the search would see other folds' "
        + "test data");
  }

  @Test
  void badRangesNameTheirYamlPath() {
    assertThat(errorOf(spec("user:0.2", IALS.replace("[16, 256]", "[256, 16]"))))
        .contains("algorithms[2].search.space.factors.int: needs lo < hi, got [256, 16]");
    assertThat(errorOf(spec("user:0.2", IALS.replace("[0.001, 100]", "[0, 100]"))))
        .contains("algorithms[2].search.space.regularization.float: log: true needs lo > 0, got 0.0");
    assertThat(errorOf(spec("user:0.2", IALS.replace("[16, 256]", "[0, 256]"))))
        .contains("algorithms[2].search.space.factors.int: log: true needs lo >= 1, got 0");
    assertThat(errorOf(spec("user:0.2", IALS.replace("{int: [16, 256], log: true}",
        "{int: [16, 256]}").replace("[1, 50]", "[-1, 50]"))))
        .startsWith("algorithms[2].search.space.alpha.float[0]: ");
    assertThat(errorOf(spec("user:0.2", IALS.replace("[cg, cholesky]", "[cg, lu]"))))
        .startsWith("algorithms[2].search.space.solver.choice[1]: ials: solver must be cg or cholesky");
    assertThat(errorOf(spec("user:0.2", IALS.replace("{int: [16, 256], log: true}",
        "{float: [16, 256]}"))))
        .contains("algorithms[2].search.space.factors.float: 'factors' is an integer field; use int");
    assertThat(errorOf(spec("user:0.2", IALS.replace("{int: [16, 256], log: true}",
        "{int: [16, 256], step: 2}"))))
        .contains("algorithms[2].search.space.factors.step: unknown field");
  }

  @Test
  void unknownFieldsMethodsAndMetricsAreReportedWithTheirPaths() {
    assertThat(errorOf(spec("user:0.2", IALS.replace("alpha:", "alfa:"))))
        .startsWith("algorithms[2].search.space.alfa: ials: unknown parameter 'alfa' (known: ");
    assertThat(errorOf(spec("user:0.2", IALS.replace("method: tpe", "method: bayes"))))
        .isEqualTo("algorithms[2].search.method: unknown method \"bayes\" (known: tpe, random)");
    assertThat(errorOf(spec("user:0.2", IALS.replace("metric: ndcg@10", "metric: ndcg"))))
        .startsWith("algorithms[2].search.metric: metric 'ndcg' needs a cut-off");
    assertThat(errorOf(spec("user:0.2", IALS.replace("metric: ndcg@10", "metric: rmse"))))
        .isEqualTo("algorithms[2].search.metric: rmse needs ratings but datasets[0] is implicit; "
            + "use a ranking metric such as ndcg@10");
    assertThat(errorOf(spec("user:0.2", IALS.replace("validation: user:0.2",
        "validation: kfold:3"))))
        .isEqualTo("algorithms[2].search.validation: the validation split must have a single "
            + "fold, such as user:0.2; got kfold:3");
    assertThat(errorOf(spec("user:0.2", IALS.replace("trials: 30", "trials: 0"))))
        .isEqualTo("algorithms[2].search.trials: expected an integer >= 1, got 0");
    assertThat(errorOf(spec("user:0.2", IALS.replace("trials: 30", "trails: 30"))))
        .contains("algorithms[2].search.trails: unknown field")
        .contains("algorithms[2].search.trials: missing");
  }

  @Test
  void aFieldFixedInParamsCannotBeSearchedAndGridCannotBeCombinedWithSearch() {
    assertThat(errorOf(spec("user:0.2", IALS.replace("{iterations: 30}",
        "{iterations: 30, alpha: 2}"))))
        .isEqualTo("algorithms[2].search.space.alpha: also fixed in params; keep it in one place");
    assertThat(errorOf(spec("user:0.2", IALS.replace("params: {iterations: 30}",
        "grid: {iterations: [10, 20]}"))))
        .isEqualTo("algorithms[2].search: cannot be combined with grid; move the grid's fields "
            + "into search.space");
  }

  @Test
  void earlyStoppingNeedsAnIterationField() {
    String ease = """
        - name: ease
          label: tuned-ease
          search:
            trials: 5
            metric: ndcg@10
            validation: user:0.2
            earlyStopping: {patience: 2}
            space: {lambda: {float: [10, 1000], log: true}}
        """;
    assertThat(errorOf(spec("user:0.2", ease))).isEqualTo("algorithms[2].search.earlyStopping: "
        + "this algorithm trains in one shot: it has no iteration field (iterations or epochs) "
        + "to stop early");
    SearchSpec svd = ExperimentSpec.parse(spec("user:0.2", ease.replace("name: ease", "name: svd")
        .replace("lambda: {float: [10, 1000], log: true}", "factors: {int: [8, 64]}")))
        .algorithms().get(2).search();
    assertThat(svd.iterationField()).isEqualTo("epochs");
    assertThat(svd.method()).isEqualTo("tpe"); // the default
  }

  @Test
  void theSearchSpaceRefusesDuplicateNames() {
    assertThatThrownBy(() -> new SearchSpace(List.of(
        new SearchSpace.FloatRange("x", 0, 1, false), new SearchSpace.IntRange("x", 0, 1, false))))
        .hasMessage("dimension 'x' is given twice");
  }
}
