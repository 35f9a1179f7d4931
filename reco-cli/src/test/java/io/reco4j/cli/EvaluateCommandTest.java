package io.reco4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.cli.RecoCliTest.Run;
import io.reco4j.testkit.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reco evaluate --candidates} under Liang et al.'s held-out-users protocol. */
class EvaluateCommandTest {
  private static final String SPLIT = "heldout-users:150:0.2:seen-items:floor";

  private static JsonNode evaluate(Path json, String... extra) throws Exception {
    String[] base = {"evaluate", "--data", SharedData.dir("ml-100k").toString(), "--implicit",
        "--min-rating", "4", "--split", SPLIT, "--algo", "popular", "--metrics", "ndcg@100,auc",
        "--threads", "2", "--no-snapshot", "--out", json.toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    Run r = RecoCliTest.reco(args);
    assertThat(r.code()).as(r.err()).isZero();
    return new ObjectMapper().readTree(json.toFile());
  }

  @Test
  void trainItemsCandidatesLeaveTheTopOfThePopularityListAndLowerItsAuc(@TempDir Path tmp)
      throws Exception {
    JsonNode all = evaluate(tmp.resolve("all.json"));
    JsonNode explicitAll = evaluate(tmp.resolve("explicit-all.json"), "--candidates", "all");
    JsonNode train = evaluate(tmp.resolve("train.json"), "--candidates", "train-items");
    assertThat(all.get("splitProtocol").asText()).isEqualTo(SPLIT);
    double ndcgAll = all.at("/algorithms/0/summary/ndcg@100/mean").asDouble();
    double aucAll = all.at("/algorithms/0/summary/auc/mean").asDouble();
    assertThat(explicitAll.at("/algorithms/0/summary/auc/mean").asDouble()).isEqualTo(aucAll);
    // popularity ranks the items no train user has last (count 0): the lists are unchanged, but
    // AUC no longer counts them as negatives that every positive beats
    assertThat(train.at("/algorithms/0/summary/ndcg@100/mean").asDouble()).isEqualTo(ndcgAll);
    assertThat(train.at("/algorithms/0/summary/auc/mean").asDouble()).isLessThan(aucAll);
  }

  @Test
  void anUnknownCandidatesValueIsAClearError() {
    Run r = RecoCliTest.reco("evaluate", "--data", SharedData.dir("ml-100k").toString(),
        "--candidates", "seen", "--algo", "popular", "--no-snapshot");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("--candidates: expected all or train-items, got 'seen'");
  }
}
