package io.reco4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.DataLoader;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.Evaluator;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import io.reco4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real results directory for the report tests, made in a few seconds on MovieLens-100K as
 * implicit feedback ({@code user:0.2}, seed 42): a small hyperparameter search for iALS's factors on
 * a validation split carved from the training part, then {@link ExperimentRunner} on popular,
 * itemknn, iALS (the search's best, 3 iterations) and EASE with ndcg, recall, coverage and arp at
 * 10 and 20.
 *
 * <p>The runner does not yet record convergence curves or searches, so this fixture adds them to
 * the iALS run in the run-file format ({@code convergence}, {@code search}, {@code
 * runs/<id>.trials.json}) from real training: the curve retrains iALS for 1, 2 and 3 iterations
 * (same seed, so each is the 3-iteration run stopped early) and records per iteration the wall
 * time, a training loss — the mean squared error of the scores against the 0/1 training matrix,
 * iALS's objective without confidence weights and regularisation — and ndcg@10 on the test part.
 */
final class ReportFixture {
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();
  static final int[] FACTORS = {4, 8, 16, 32};
  static final int ITERATIONS = 3;
  static final long SEED = 42;

  /** What the fixture made. */
  record Results(Path dir, String spec, String ialsId, int bestFactors, double bestValue,
      double[] trialValues) { }

  private ReportFixture() {}

  static Results build(Path tmp) throws Exception {
    Dataset data = new DataLoader(DataLoader.defaultCacheDir(), true, w -> { })
        .load(SharedData.dir("ml-100k"), LoadOptions.defaults()).dataset().implicit(Float.NaN);
    Split split = Splits.parse("user:0.2").split(data, SEED).get(0);
    Split validation = Splits.parse("user:0.2").split(split.train(), SEED).get(0);
    EvalOptions ndcg10 = EvalOptions.of("ndcg").withCutoffs(10).withThreads(2).withSeed(SEED);

    // the search: one trial per factor count, scored on the validation split
    ArrayNode trials = JSON.createArrayNode();
    double[] values = new double[FACTORS.length];
    int best = 0;
    for (int t = 0; t < FACTORS.length; t++) {
      long t0 = System.nanoTime();
      Model m = Algorithms.trainer("ials", ials(FACTORS[t], ITERATIONS)).train(validation.train());
      values[t] = Evaluator.evaluate(m, validation, ndcg10).require("ndcg@10");
      double secs = (System.nanoTime() - t0) / 1e9;
      best = values[t] > values[best] ? t : best;
      ObjectNode trial = trials.addObject();
      trial.put("trial", t + 1);
      trial.putObject("params").put("factors", FACTORS[t]);
      trial.put("value", values[t]);
      trial.putNull("bestIteration");
      trial.putNull("stoppedAt");
      trial.put("seconds", secs);
      trial.putArray("curve").addObject().put("iteration", ITERATIONS).putNull("loss")
          .put("value", values[t]);
    }
    int bestFactors = FACTORS[best];

    String spec = """
        name: report-fixture
        datasets:
          - {data: %s, implicit: true}
        splits: ["user:0.2"]
        algorithms:
          - name: popular
          - name: itemknn
            params: {similarity: cosine}
          - name: ials
            params: {factors: %d, iterations: %d}
          - name: ease
        metrics: [ndcg, recall, coverage, arp]
        k: [10, 20]
        seeds: [%d]
        threads: 2
        """.formatted(SharedData.dir("ml-100k"), bestFactors, ITERATIONS, SEED);
    Path out = tmp.resolve("results");
    ExperimentRunnerTest.run(spec, out, false, new ArrayList<>());
    PlannedRun ials = ExperimentSpec.parse(spec).runs().stream()
        .filter(r -> r.algorithm().equals("ials")).findFirst().orElseThrow();

    // the convergence curve of the chosen configuration, on the experiment's split
    ArrayNode iterations = JSON.createArrayNode();
    for (int it = 1; it <= ITERATIONS; it++) {
      double[] last = new double[1];
      Model m = Algorithms.trainer("ials", ials(bestFactors, it))
          .train(split.train(), (i, n, loss, secs) -> last[0] = secs);
      iterations.addObject().put("iteration", it).put("seconds", last[0])
          .put("loss", trainingSquaredError((ItemScorer) m, split.train().matrix()))
          .put("value", Evaluator.evaluate(m, split, ndcg10).require("ndcg@10"));
    }
    Path runFile = ExperimentRunner.runFile(out, ials.id());
    ObjectNode run = (ObjectNode) JSON.readTree(runFile.toFile());
    ObjectNode curve = run.putArray("convergence").addObject();
    curve.put("fold", 1);
    curve.put("metric", "ndcg@10");
    curve.set("iterations", iterations);

    ObjectNode search = run.putObject("search");
    search.put("method", "grid");
    search.put("trials", FACTORS.length);
    search.put("metric", "ndcg@10");
    search.put("direction", "max");
    search.put("validation", "user:0.2");
    search.putNull("earlyStopping");
    ArrayNode space = search.putObject("space").putArray("factors");
    for (int f : FACTORS) {
      space.add(f);
    }
    ObjectNode bestNode = search.putObject("best");
    bestNode.put("trial", best + 1);
    bestNode.putObject("params").put("factors", bestFactors);
    bestNode.put("value", values[best]);
    bestNode.putNull("iterations");
    search.put("trialsFile", ials.id() + ".trials.json");
    search.put("testEvaluations", 1);
    Files.write(runFile, JSON.writeValueAsBytes(run));

    ObjectNode trialsFile = JSON.createObjectNode();
    trialsFile.put("format", "reco4j-experiment-trials");
    trialsFile.put("formatVersion", 1);
    trialsFile.put("id", ials.id());
    trialsFile.set("trials", trials);
    Files.write(out.resolve("runs").resolve(ials.id() + ".trials.json"),
        JSON.writeValueAsBytes(trialsFile));
    return new Results(out, spec, ials.id(), bestFactors, values[best], values);
  }

  private static String ials(int factors, int iterations) {
    return "{\"factors\":" + factors + ",\"iterations\":" + iterations + ",\"threads\":2}";
  }

  /** Mean over all (user, item) pairs of (p − score)², p = 1 on training entries, else 0. */
  private static double trainingSquaredError(ItemScorer m, CsrMatrix train) {
    float[] scores = new float[train.cols()];
    double sum = 0;
    for (int u = 0; u < train.rows(); u++) {
      m.scoreItems(u, scores);
      for (int i = 0; i < scores.length; i++) {
        sum += (double) scores[i] * scores[i];
      }
      for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
        double s = scores[train.colIdx()[p]];
        sum += (1 - s) * (1 - s) - s * s;
      }
    }
    return sum / ((double) train.rows() * train.cols());
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
