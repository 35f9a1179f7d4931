package io.reco4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reco4j.experiment.search.TrialsFile;
import io.reco4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real results directory for the report tests, written by {@link ExperimentRunner} alone from
 * {@link #SPEC} in a few seconds: MovieLens-100K as implicit feedback ({@code user:0.2}, seed 42),
 * popular, itemknn, iALS (4 iterations), EASE and a small TPE search of iALS (5 trials on a
 * validation split carved from the training part, early stopping with patience 2), with ndcg,
 * recall, coverage and arp at 10 and 20 and convergence curves (training loss and test ndcg@10 per
 * iteration). Nothing in the directory is made or edited by the fixture: the convergence curves,
 * the {@code search} section and {@code runs/<id>.trials.json} are the runner's own.
 */
final class ReportFixture {
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();
  /** Label of the searched iALS entry. */
  static final String TUNED = "ials-tuned";
  /** Trials of the search. */
  static final int TRIALS = 5;
  /** Iterations of the plain iALS entry. */
  static final int ITERATIONS = 4;

  /** The experiment the fixture runs. */
  static final String SPEC = """
      name: report-fixture
      datasets:
        - {data: %s, implicit: true}
      splits: ["user:0.2"]
      algorithms:
        - name: popular
        - name: itemknn
          params: {similarity: cosine}
        - name: ials
          params: {factors: 16, iterations: %d}
        - name: ease
        - name: ials
          label: %s
          params: {iterations: 6}
          search:
            method: tpe
            trials: %d
            metric: ndcg@10
            validation: user:0.2
            earlyStopping: {patience: 2}
            space:
              factors: {int: [8, 32], log: true}
              regularization: {float: [1, 200], log: true}
      metrics: [ndcg, recall, coverage, arp]
      k: [10, 20]
      seeds: [42]
      threads: 2
      convergence: {loss: true, metric: ndcg@10}
      """.formatted(SharedData.dir("ml-100k"), ITERATIONS, TUNED, TRIALS);

  /**
   * What the fixture made.
   *
   * @param dir the results directory
   * @param runs the run JSONs, in run order
   */
  record Results(Path dir, List<JsonNode> runs) {
    /** The run JSON of a label. */
    JsonNode run(String label) {
      return runs.stream().filter(r -> ReportFixture.label(r).equals(label)).findFirst()
          .orElseThrow(() -> new AssertionError("no run labelled " + label));
    }

    /** The trials file of the search run, as written by the runner. */
    JsonNode trials() throws Exception {
      String id = run(TUNED).path("id").asText();
      return JSON.readTree(dir.resolve("runs").resolve(TrialsFile.name(id)).toFile());
    }
  }

  private ReportFixture() {}

  /** Runs {@link #SPEC} into {@code tmp/results}. */
  static Results build(Path tmp) throws Exception {
    Path out = tmp.resolve("results");
    ExperimentRunnerTest.run(SPEC, out, false, new ArrayList<>());
    return new Results(out, runs(out));
  }

  /** The run's label, as the report shows it. */
  static String label(JsonNode run) {
    return run.path("report").path("algorithms").path(0).path("name").asText();
  }

  /** The run JSONs of a results directory, in run order. */
  static List<JsonNode> runs(Path dir) throws Exception {
    List<JsonNode> runs = new ArrayList<>();
    for (JsonNode e : JSON.readTree(dir.resolve("experiment.json").toFile()).path("runs")) {
      runs.add(JSON.readTree(ExperimentRunner.runFile(dir, e.path("id").asText()).toFile()));
    }
    return runs;
  }
}
