package io.reco4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.testkit.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoCliTest {

  /** Output of one in-process run. */
  record Run(int code, String out, String err) {}

  static Run reco(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RecoCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @Tag("accuracy")
  void evaluateGivesTheBiasBaselineInsideItsBandOnMovieLens100k(@TempDir Path tmp) throws Exception {
    Path json = tmp.resolve("report.json");
    Run r = reco("evaluate", "--data", SharedData.dir("ml-100k").toString(), "--split", "kfold:5",
        "--algo", "bias", "--metrics", "rmse,mae", "--no-snapshot", "--out", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("bias").contains("±");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    double rmse = report.at("/algorithms/0/summary/rmse/mean").asDouble(Double.NaN);
    if (Double.isNaN(rmse)) {
      rmse = meanOverFolds(report, "rmse");
    }
    // Surprise reports 0.944 for BaselineOnly with 5-fold CV on ML-100K
    assertThat(rmse).isBetween(0.935, 0.955);
    assertThat(report.get("dataHash").asText()).hasSize(16);
    assertThat(report.get("splitProtocol").asText()).isEqualTo("kfold:5");
    assertThat(report.get("gitCommit").asText()).isNotBlank();
    assertThat(report.at("/algorithms/0/folds")).hasSize(5);
  }

  @Test
  @Tag("accuracy")
  void evaluateGivesTheBiasBaselineInsideItsBandOnMovieLensLatestSmall(@TempDir Path tmp)
      throws Exception {
    Path json = tmp.resolve("report.json");
    Run r = reco("evaluate", "--data", SharedData.dir("ml-latest-small").toString(), "--algo",
        "bias", "--metrics", "rmse", "--no-snapshot", "--out", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    double rmse = meanOverFolds(new ObjectMapper().readTree(json.toFile()), "rmse");
    // Surprise reports 0.8727 for BaselineOnly on ml-latest-small
    assertThat(rmse).isBetween(0.86, 0.885);
  }

  private static double meanOverFolds(JsonNode report, String metric) {
    double sum = 0;
    int n = 0;
    for (JsonNode fold : report.at("/algorithms/0/folds")) {
      sum += fold.get("metrics").get(metric).asDouble();
      n++;
    }
    return sum / n;
  }

  @Test
  void dataInfoPrintsCountsHistogramAndQuantiles() {
    Run r = reco("data", "info", SharedData.dir("ml-100k").toString(), "--no-snapshot");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("users        943").contains("items        1,682")
        .contains("interactions 100,000").contains("per user     min 20")
        .contains("34174").contains("1,682 titled items");
  }

  @Test
  void aMalformedLineIsReportedWithFileLineAndFieldAndNoStackTrace(@TempDir Path tmp)
      throws Exception {
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "userId,movieId,rating,timestamp\n1,10,4.0,100\n2,11,abc,101\n");
    Run r = reco("data", "info", bad.toString(), "--no-snapshot");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bad.csv, line 3, field 'rating' (column 3)")
        .contains("'abc' is not a number").doesNotContain("at io.reco4j");
  }

  @Test
  void skippingMalformedLinesCountsThem(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "userId,movieId,rating,timestamp\n1,10,4.0,100\n2,11,abc,101\n3,12\n");
    Run r = reco("data", "info", bad.toString(), "--no-snapshot", "--on-error", "skip");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("interactions 1").contains("2 skipped");
    assertThat(r.err()).contains("line 3").contains("line 4");
  }

  @Test
  void aParquetFileLoadsThroughDuckDb(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("ratings.parquet");
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var st = c.createStatement()) {
      st.execute("COPY (SELECT (i % 50) + 1 AS userId, (i * 7 % 90) + 1 AS movieId, "
          + "CAST(1 + (i % 5) AS FLOAT) AS rating, 1000000 + i AS timestamp FROM range(2000) t(i)) "
          + "TO '" + file + "' (FORMAT PARQUET)");
    }
    Run r = reco("data", "info", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("users        50").contains("items        90");
  }

  @Test
  void anUnknownAlgorithmOrSplitIsAClearError() {
    Run algo = reco("evaluate", "--data", SharedData.dir("ml-100k").toString(), "--algo", "nope");
    assertThat(algo.code()).isEqualTo(1);
    assertThat(algo.err()).contains("nope").contains("bias");
    Run split = reco("evaluate", "--data", SharedData.dir("ml-100k").toString(), "--split", "x:1");
    assertThat(split.code()).isEqualTo(1);
    assertThat(split.err()).contains("kfold:K");
  }

  @Test
  void synthWritesTheSameBytesForTheSameSeed(@TempDir Path tmp) throws Exception {
    Path a = tmp.resolve("a.csv");
    Path b = tmp.resolve("b.csv");
    assertThat(reco("data", "synth", "--users", "500", "--items", "300", "--ratings", "20000",
        "--seed", "7", "--out", a.toString()).code()).isZero();
    assertThat(reco("data", "synth", "--users", "500", "--items", "300", "--ratings", "20000",
        "--seed", "7", "--threads", "1", "--out", b.toString()).code()).isZero();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    Run info = reco("data", "info", a.toString(), "--no-snapshot");
    assertThat(info.out()).contains("interactions 20,000").contains("users        500");
  }

  @Test
  void quickstartEvaluatesTheBaselinesAndRecommendsTitles() {
    Run r = reco("quickstart", "--data", SharedData.dir("ml-latest-small").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("global-mean").contains("bias").contains("popular")
        .contains("random").contains("Top-10 for user 1").contains("(19");
  }

  @Test
  void quickstartOfflineWithoutACopySaysHowToPassData(@TempDir Path tmp) throws Exception {
    // a separate JVM with an empty data dir, no shared data and a mirror nobody listens on
    Path work = Files.createDirectories(tmp.resolve("a/b"));
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RecoCli.class.getName(), "quickstart"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
    pb.environment().put("RECO_DATA", tmp.resolve("data").toString());
    pb.environment().put("RECO4J_CACHE", tmp.resolve("cache").toString());
    pb.environment().put("RECO4J_MIRROR", "http://127.0.0.1:9/");
    pb.environment().put("HOME", tmp.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("ml-latest-small").contains("--data PATH")
        .doesNotContain("Exception in thread");
  }

  @Test
  void trainSavesAModelThatRecommendAndSimilarRead(@TempDir Path tmp) throws Exception {
    Path model = tmp.resolve("bias.reco");
    String data = SharedData.dir("ml-latest-small").toString();
    Run train = reco("train", "--data", data, "--algo", "bias", "--param",
        "userRegularization=12", "--out", model.toString());
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(train.out()).contains("\"userRegularization\":12.0").contains("75c45a4b2d75104b");
    assertThat(train.err()).contains("training bias");

    Run rec = reco("recommend", "--model", model.toString(), "--data", data, "--user", "1",
        "-k", "5");
    assertThat(rec.code()).as(rec.err()).isZero();
    assertThat(rec.out()).contains("Top-5 for user 1").contains("232 seen items excluded")
        .contains("(19");
    assertThat(rec.out().lines().filter(l -> l.matches("\\s+\\d+\\. .*"))).hasSize(5);

    Run unknown = reco("recommend", "--model", model.toString(), "--data", data, "--user",
        "no-such-user");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no-such-user").contains("cannot fold in");

    Run similar = reco("similar", "--model", model.toString(), "--data", data, "--item", "1");
    assertThat(similar.code()).isEqualTo(1);
    assertThat(similar.err()).contains("no notion of item similarity");
  }

  @Test
  void aShorthandFlagTheAlgorithmDoesNotHaveIsRejected(@TempDir Path tmp) {
    Run r = reco("train", "--data", SharedData.dir("ml-100k").toString(), "--algo", "bias",
        "--factors", "8", "--out", tmp.resolve("m.reco").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no field 'factors'");
    assertThat(tmp.resolve("m.reco")).doesNotExist();
  }

  @Test
  void theHelpNamesEveryRegisteredAlgorithm() {
    String help = reco("evaluate", "--help").out() + reco("train", "--help").out();
    for (String name : io.reco4j.algorithms.Algorithms.names()) {
      assertThat(help).as(name).contains(name);
    }
  }
}
