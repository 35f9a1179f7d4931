package io.reco4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.experiment.ExperimentSpec;
import io.reco4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {

  @Test
  void experimentRunWritesRunsAndSummaryAndResumesWithoutRerunning(@TempDir Path tmp)
      throws Exception {
    Path exp = tmp.resolve("exp.yaml");
    Files.writeString(exp, """
        name: cli-test
        datasets: [%s]
        splits: ["user:0.2"]
        algorithms:
          - name: bias
          - name: popular
        metrics: [rmse, ndcg]
        k: [10]
        seeds: [3]
        """.formatted(SharedData.dir("ml-100k")));
    Path out = tmp.resolve("out");
    RecoCliTest.Run r = RecoCliTest.reco("experiment", "run", exp.toString(), "--out",
        out.toString(), "--threads", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 run(s): 2 ran, 0 already complete");
    assertThat(r.err()).contains("[1/2] bias on").contains("[2/2] popular on");
    try (var files = Files.list(out.resolve("runs"))) {
      // a run JSON and (single-fold split) a per-user values file per run
      assertThat(files.count()).isEqualTo(4);
    }
    List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0)).startsWith("id,dataset,split,algorithm,label,params,seed,rmse_mean");

    RecoCliTest.Run again = RecoCliTest.reco("experiment", "run", exp.toString(), "--out",
        out.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("error: ").contains("--resume");

    RecoCliTest.Run resumed = RecoCliTest.reco("experiment", "run", exp.toString(), "--out",
        out.toString(), "--resume");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("2 run(s): 0 ran, 2 already complete");
  }

  @Test
  void aSearchPrintsOneLinePerTrialAndTheBestButNotEveryIteration(@TempDir Path tmp)
      throws Exception {
    Path exp = tmp.resolve("search.yaml");
    Files.writeString(exp, """
        name: cli-search
        datasets: [{data: %s, implicit: true}]
        splits: ["user:0.2"]
        algorithms:
          - name: ials
            params: {iterations: 4}
            search:
              method: random
              trials: 3
              metric: ndcg@10
              validation: user:0.2
              space: {factors: {int: [4, 16]}}
        metrics: [ndcg]
        k: [10]
        seeds: [3]
        """.formatted(SharedData.dir("ml-100k")));
    Path out = tmp.resolve("out");
    RecoCliTest.Run r = RecoCliTest.reco("experiment", "run", exp.toString(), "--out",
        out.toString(), "--threads", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("random search (3 trials)")
        .containsPattern("trial 1/3: ndcg@10 0\\.\\d{4} \\(best 0\\.\\d{4}, trial 1\\)")
        .contains("trial 3/3: ndcg@10").contains("search done in")
        .doesNotContain("iteration 1/4");
    try (var files = Files.list(out.resolve("runs"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".trials.json")).count()).isEqualTo(1);
    }
  }

  @Test
  void aBadExperimentFileFailsWithTheFileAndThePath(@TempDir Path tmp) throws Exception {
    Path exp = tmp.resolve("bad.yaml");
    Files.writeString(exp, """
        datasets: [ml-100k]
        splits: [kfold:5]
        algorithms:
          - name: svd
            grid: {factors: [10, lots]}
        metrics: [rmse]
        """);
    RecoCliTest.Run r = RecoCliTest.reco("experiment", "run", exp.toString(), "--out",
        tmp.resolve("out").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(exp.toString()).contains("algorithms[0].grid.factors[1]");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  /** Runs both shipped experiments in full (about 10 s on two cores); {@code -Dgroups=slow}. */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void theShippedExampleExperimentsRunToTheEndWithinTheirBands(@TempDir Path tmp)
      throws Exception {
    SharedData.dir("ml-100k");
    Path root = Path.of(System.getProperty("reco4j.root", "..")).toAbsolutePath();
    for (String name : List.of("ml100k-rating", "ml100k-implicit")) {
      Path out = tmp.resolve(name);
      RecoCliTest.Run r = RecoCliTest.reco("experiment", "run",
          root.resolve("experiments").resolve(name + ".yaml").toString(), "--out", out.toString());
      assertThat(r.code()).as(r.err()).isZero();
      List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
      assertThat(rows).hasSize(name.contains("rating") ? 7 : 6);
      if (name.contains("rating")) {
        // bias: Surprise reports RMSE 0.944 for BaselineOnly, 5-fold CV on ML-100K
        String bias = rows.stream().filter(x -> x.contains(",bias,")).findFirst().orElseThrow();
        double rmse = Double.parseDouble(bias.split(",")[7]);
        assertThat(rmse).isBetween(0.935, 0.955);
      }
    }
  }

  @Test
  void theShippedExampleExperimentsAreValid() throws Exception {
    Path root = Path.of(System.getProperty("reco4j.root", "..")).toAbsolutePath();
    for (String name : List.of("ml100k-rating.yaml", "ml100k-implicit.yaml",
        "ml100k-tuned.yaml")) {
      ExperimentSpec s = ExperimentSpec.load(root.resolve("experiments").resolve(name));
      assertThat(s.runs()).as(name).hasSize(name.contains("rating") ? 6 : 5);
    }
    assertThat(ExperimentSpec.load(root.resolve("experiments").resolve("ml100k-tuned.yaml"))
        .runs().stream().filter(r -> r.search() != null).count()).isEqualTo(2);
  }
}
