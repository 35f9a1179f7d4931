package io.reco4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.DataLoader;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset preprocessing fields of an experiment ({@code minUserInteractions}, {@code
 * minItemInteractions}): parsing, validation with YAML paths, stable run ids, and a run on
 * MovieLens-100K with Liang et al.'s preprocessing.
 */
class DatasetPreprocessingSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String spec(String dataset) {
    return """
        name: pre
        datasets:
          - %s
        splits: ["heldout-users:50:0.2"]
        algorithms: [popular]
        metrics: [trecall@20, ndcg@100]
        seeds: [7]
        threads: 2
        """.formatted(dataset);
  }

  @Test
  void countFiltersParseAndShowInTheLabel() {
    ExperimentSpec s = ExperimentSpec.parse(spec(
        "{data: ml-100k, implicit: true, minRating: 4, minUserInteractions: 5, "
            + "minItemInteractions: 2}"));
    ExperimentSpec.DatasetSpec d = s.datasets().get(0);
    assertThat(d).isEqualTo(new ExperimentSpec.DatasetSpec("ml-100k", true, 4f, 5, 2));
    assertThat(d.filtered()).isTrue();
    assertThat(d.label()).isEqualTo("ml-100k (implicit>=4.0, users>=5, items>=2)");
    assertThat(s.runs().get(0).definition().path("dataset").path("minUserInteractions").asInt())
        .isEqualTo(5);
    // without implicit the filter applies to the ratings as they are
    ExperimentSpec.DatasetSpec explicit = ExperimentSpec.parse(
        spec("{data: ml-100k, minUserInteractions: 20}")).datasets().get(0);
    assertThat(explicit.label()).isEqualTo("ml-100k (users>=20)");
  }

  @Test
  void zeroCountsLeaveRunIdsAndTheSpecHashAsWithoutTheFields() {
    ExperimentSpec plain = ExperimentSpec.parse(spec("{data: ml-100k, implicit: true}"));
    ExperimentSpec zeros = ExperimentSpec.parse(spec(
        "{data: ml-100k, implicit: true, minUserInteractions: 0, minItemInteractions: 0}"));
    ExperimentSpec five = ExperimentSpec.parse(spec(
        "{data: ml-100k, implicit: true, minUserInteractions: 5}"));
    assertThat(zeros.hash()).isEqualTo(plain.hash());
    assertThat(zeros.runs().get(0).id()).isEqualTo(plain.runs().get(0).id());
    assertThat(five.hash()).isNotEqualTo(plain.hash());
    assertThat(five.runs().get(0).id()).isNotEqualTo(plain.runs().get(0).id());
  }

  @Test
  void badCountsAreNamedByTheirYamlPath() {
    assertThatThrownBy(() -> ExperimentSpec.parse(spec(
        "{data: ml-100k, implicit: true, minUserInteractions: -1, minItemInteractions: 2.5}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("datasets[0].minUserInteractions: expected an integer >= 0, got -1")
        .hasMessageContaining("datasets[0].minItemInteractions: expected an integer >= 0, got 2.5");
    assertThatThrownBy(() -> ExperimentSpec.parse(spec("{data: ml-100k, minUsers: 5}")))
        .hasMessageContaining("datasets[0].minUsers: unknown field")
        .hasMessageContaining("minUserInteractions");
  }

  @Test
  void paramsAreValidatedTogetherSoCrossFieldRulesSeeEveryField() {
    // weighting bm25 alone is invalid for the default similarity (pearson_baseline)
    ExperimentSpec ok = ExperimentSpec.parse(spec("ml-100k").replace("algorithms: [popular]",
        "algorithms: [{name: itemknn, params: {similarity: cosine, weighting: bm25}}]"));
    assertThat(ok.runs().get(0).configJson()).contains("\"weighting\":\"bm25\"");
    assertThatThrownBy(() -> ExperimentSpec.parse(spec("ml-100k").replace(
        "algorithms: [popular]", "algorithms: [{name: itemknn, params: {weighting: bm25}}]")))
        .hasMessageContaining("algorithms[0].params.weighting:")
        .hasMessageContaining("cosine");
  }

  @Test
  void theRunnerAppliesLiangsPreprocessingBeforeTheSplit(@TempDir Path tmp) throws Exception {
    Path ml100k = SharedData.dir("ml-100k");
    String text = spec("{data: " + ml100k + ", implicit: true, minRating: 4, "
        + "minUserInteractions: 5}");
    Path out = tmp.resolve("results");
    new ExperimentRunner(ExperimentSpec.parse(text), text, null, out, false,
        new ExperimentListener() { }).run();

    // expected counts, computed here without the filter under test
    Dataset d = new DataLoader(tmp.resolve("cache"), false, w -> { })
        .load(ml100k, LoadOptions.defaults()).dataset().implicit(4f);
    CsrMatrix m = d.matrix();
    int users = 0;
    int entries = 0;
    boolean[] itemSeen = new boolean[m.cols()];
    for (int u = 0; u < m.rows(); u++) {
      if (m.rowLength(u) >= 5) {
        users++;
        entries += m.rowLength(u);
        for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
          itemSeen[m.colIdx()[p]] = true;
        }
      }
    }
    int items = 0;
    for (boolean b : itemSeen) {
      items += b ? 1 : 0;
    }
    assertThat(users).isLessThan(943); // the filter has something to do on ML-100K
    assertThat(items).isLessThan(1682);

    String id = ExperimentSpec.parse(text).runs().get(0).id();
    JsonNode run = JSON.readTree(ExperimentRunner.runFile(out, id).toFile());
    JsonNode fp = run.path("report").path("data");
    List<String> seen = new ArrayList<>();
    run.path("report").fieldNames().forEachRemaining(seen::add);
    assertThat(fp.isMissingNode()).as("report fields %s", seen).isFalse();
    assertThat(fp.path("users").asInt()).isEqualTo(users);
    assertThat(fp.path("items").asInt()).isEqualTo(items);
    assertThat(fp.path("interactions").asInt()).isEqualTo(entries);
    assertThat(run.path("dataset").asText())
        .isEqualTo(ml100k + " (implicit>=4.0, users>=5)");
    JsonNode trecall = run.path("report").path("algorithms").path(0).path("summary")
        .path("trecall@20").path("mean");
    assertThat(trecall.asDouble()).isBetween(0.05, 0.6);
  }
}
