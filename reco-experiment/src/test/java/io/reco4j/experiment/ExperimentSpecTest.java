package io.reco4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentSpecTest {

  static final String FULL = """
      name: demo
      datasets:
        - ml-100k
        - {data: ml-100k, implicit: true, minRating: 4}
      splits: [kfold:5, "user:.2"]
      algorithms:
        - name: bias
        - name: pop
          label: most-popular
        - name: svd
          params: {epochs: 5}
          grid: {factors: [10, 20, 30], learningRate: [0.005, 0.01]}
      metrics: [rmse, ndcg]
      k: [5, 10]
      seeds: [1, 2]
      threads: 3
      """;

  @Test
  void aFullSpecParsesIntoCanonicalValues() {
    ExperimentSpec s = ExperimentSpec.parse(FULL);
    assertThat(s.name()).isEqualTo("demo");
    assertThat(s.datasets()).containsExactly(
        new ExperimentSpec.DatasetSpec("ml-100k", false, Float.NaN),
        new ExperimentSpec.DatasetSpec("ml-100k", true, 4f));
    assertThat(s.splits()).containsExactly("kfold:5", "user:0.2");
    assertThat(s.algorithms()).extracting(ExperimentSpec.AlgorithmSpec::name)
        .containsExactly("bias", "popular", "svd");
    assertThat(s.algorithms()).extracting(ExperimentSpec.AlgorithmSpec::label)
        .containsExactly("bias", "most-popular", "svd");
    assertThat(s.algorithms().get(2).grid()).containsOnlyKeys("factors", "learningRate");
    assertThat(s.metrics()).containsExactly("rmse", "ndcg");
    assertThat(s.k()).containsExactly(5, 10);
    assertThat(s.seeds()).containsExactly(1L, 2L);
    assertThat(s.threads()).isEqualTo(3);
    assertThat(s.evalOptions(1).resolvedMetrics()).hasSize(3); // rmse, ndcg@5, ndcg@10
  }

  @Test
  void seedsDefaultTo42AndAJsonFileIsAcceptedToo() {
    ExperimentSpec s = ExperimentSpec.parse("{\"datasets\": [\"ml-100k\"], \"splits\": [\"loo\"],"
        + " \"algorithms\": [\"bias\"], \"metrics\": [\"rmse\"]}");
    assertThat(s.seeds()).containsExactly(42L);
    assertThat(s.name()).isEqualTo("experiment");
  }

  @Test
  void theGridExpandsToTheCartesianProductTimesDatasetsSplitsAndSeeds() {
    List<PlannedRun> runs = ExperimentSpec.parse(FULL).runs();
    // 2 datasets × 2 splits × (1 + 1 + 3·2 configurations) × 2 seeds
    assertThat(runs).hasSize(2 * 2 * 8 * 2);
    Set<String> ids = new HashSet<>();
    runs.forEach(r -> ids.add(r.id()));
    assertThat(ids).hasSize(runs.size());
    assertThat(runs).allSatisfy(r -> assertThat(r.id()).matches("[0-9a-f]{12}"));
    PlannedRun svd = runs.stream().filter(r -> r.algorithm().equals("svd")).findFirst().orElseThrow();
    assertThat(svd.paramsJson()).isEqualTo("{\"epochs\":5,\"factors\":10,\"learningRate\":0.005}");
    // the run's seed reaches the model's config, and threads the trainer's
    assertThat(svd.configJson()).contains("\"seed\":1").contains("\"threads\":3");
    assertThat(svd.definition().path("config").has("threads")).isFalse();
  }

  @Test
  void runIdsAreStableAcrossLayoutCommentsAndThreadsButFollowTheDefinition() {
    List<String> a = ids(ExperimentSpec.parse(FULL));
    String relaid = "# the same experiment, written differently\n" + FULL
        .replace("threads: 3", "threads: 1")
        .replace("k: [5, 10]", "k:\n  - 5\n  - 10");
    assertThat(ids(ExperimentSpec.parse(relaid))).isEqualTo(a);
    assertThat(ExperimentSpec.parse(relaid).hash()).isEqualTo(ExperimentSpec.parse(FULL).hash());
    ExperimentSpec otherSeeds = ExperimentSpec.parse(FULL.replace("seeds: [1, 2]", "seeds: [1, 3]"));
    List<String> b = ids(otherSeeds);
    assertThat(b).hasSameSizeAs(a).isNotEqualTo(a);
    assertThat(otherSeeds.hash()).isNotEqualTo(ExperimentSpec.parse(FULL).hash());
    // runs with seed 1 keep their ids when only the other seed changes
    assertThat(b.get(0)).isEqualTo(a.get(0));
  }

  private static List<String> ids(ExperimentSpec s) {
    return s.runs().stream().map(PlannedRun::id).toList();
  }

  static String minimal(String replace, String with) {
    String base = """
        datasets: [ml-100k]
        splits: [kfold:5]
        algorithms:
          - name: bias
          - name: svd
            grid: {factors: [10, 20]}
        metrics: [rmse]
        k: [10]
        """;
    assertThat(base).contains(replace);
    return base.replace(replace, with);
  }

  private static void rejects(String yaml, String... fragments) {
    assertThatThrownBy(() -> ExperimentSpec.parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> {
          for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
          }
        });
  }

  @Test
  void anUnknownTopLevelFieldIsNamed() {
    rejects(minimal("k: [10]", "k: [10]\nseed: 4"), "seed: unknown field", "seeds");
  }

  @Test
  void anUnknownDatasetFieldIsNamed() {
    rejects(minimal("datasets: [ml-100k]", "datasets: [{data: ml-100k, implict: true}]"),
        "datasets[0].implict: unknown field");
  }

  @Test
  void minRatingWithoutImplicitIsRejected() {
    rejects(minimal("datasets: [ml-100k]", "datasets: [{data: ml-100k, minRating: 4}]"),
        "datasets[0].minRating: needs implicit: true");
  }

  @Test
  void anUnknownAlgorithmIsNamedWithItsPath() {
    rejects(minimal("- name: bias", "- name: funk"), "algorithms[0].name: unknown algorithm 'funk'");
  }

  @Test
  void anUnknownAlgorithmEntryFieldIsNamed() {
    rejects(minimal("- name: bias", "- name: bias\n    parms: {x: 1}"),
        "algorithms[0].parms: unknown field");
  }

  @Test
  void anUnknownParamIsNamedWithItsPath() {
    rejects(minimal("- name: bias", "- name: bias\n    params: {userReg: 3}"),
        "algorithms[0].params.userReg:", "unknown parameter 'userReg'");
  }

  @Test
  void anUnknownGridFieldIsNamedWithItsPath() {
    rejects(minimal("grid: {factors: [10, 20]}", "grid: {factorz: [10, 20]}"),
        "algorithms[1].grid.factorz: svd: unknown parameter 'factorz'");
  }

  @Test
  void aBadGridValueIsNamedWithItsIndex() {
    rejects(minimal("grid: {factors: [10, 20]}", "grid: {factors: [10, many]}"),
        "algorithms[1].grid.factors[1]:");
    rejects(minimal("grid: {factors: [10, 20]}", "grid: {factors: [10, -3]}"),
        "algorithms[1].grid.factors[1]:");
    rejects(minimal("grid: {factors: [10, 20]}", "grid: {factors: []}"),
        "algorithms[1].grid.factors: expected a non-empty list");
  }

  @Test
  void aBadSplitIsNamedWithItsIndex() {
    rejects(minimal("splits: [kfold:5]", "splits: [kfold:5, kfold:1]"),
        "splits[1]: bad split spec 'kfold:1'");
  }

  @Test
  void aBadMetricIsNamed() {
    rejects(minimal("metrics: [rmse]", "metrics: [rmse, ndgc]"), "metrics:",
        "unknown metric 'ndgc'");
  }

  @Test
  void aBadCutoffIsNamedWithItsIndex() {
    rejects(minimal("k: [10]", "k: [10, 0]"), "k[1]: cut-offs must be >= 1");
  }

  @Test
  void twoEntriesOfOneAlgorithmNeedLabels() {
    rejects(minimal("- name: bias", "- name: bias\n  - name: bias"),
        "algorithms[1].label: 'bias' is used by an earlier entry");
  }

  @Test
  void missingListsAreNamedAndEveryErrorIsReported() {
    rejects("name: x\nmetrics: [rmse]\n", "datasets: missing", "splits: missing",
        "algorithms: missing");
  }

  @Test
  void loadingAFileNamesTheFileInErrors(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, minimal("k: [10]", "k: [10]\nfoo: 1"));
    assertThatThrownBy(() -> ExperimentSpec.load(f))
        .hasMessageContaining(f.toString()).hasMessageContaining("foo: unknown field");
  }
}
