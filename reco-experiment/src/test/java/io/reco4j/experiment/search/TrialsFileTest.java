package io.reco4j.experiment.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialsFileTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static List<Trial> someTrials() {
    SplittableRandom rnd = new SplittableRandom(5);
    List<Trial> out = new ArrayList<>();
    for (int t = 1; t <= 6; t++) {
      Map<String, JsonNode> p = new LinkedHashMap<>();
      p.put("factors", NODES.numberNode(8 + t));
      p.put("regularization", NODES.numberNode(rnd.nextDouble() * 100));
      p.put("solver", NODES.textNode(t % 2 == 0 ? "cg" : "cholesky"));
      List<Trial.Point> curve = new ArrayList<>();
      for (int i = 1; i <= t; i++) {
        curve.add(new Trial.Point(i, i == 2 ? Double.NaN : rnd.nextDouble(), rnd.nextDouble()));
      }
      boolean failed = t == 4;
      out.add(new Trial(t, p, failed ? Double.NaN : rnd.nextDouble(), t == 3 ? null : t,
          t == 5 ? 5 : null, t * 1.25, failed ? List.of() : curve,
          failed ? "ials: regularization must be > 0" : null));
    }
    return out;
  }

  @Test
  void trialsReadBackBitForBitIncludingFailedTrialsAndMissingLosses(@TempDir Path tmp)
      throws Exception {
    Path file = TrialsFile.of(tmp, "abc123");
    Files.createDirectories(file.getParent());
    List<Trial> trials = someTrials();
    TrialsFile.write(file, "abc123", trials);
    assertThat(TrialsFile.read(file, "abc123")).isEqualTo(trials);
    String text = Files.readString(file);
    assertThat(text).contains("\"format\" : \"reco4j-experiment-trials\"")
        .contains("\"loss\" : null").contains("\"error\" : \"ials: regularization must be > 0\"");
    assertThat(TrialsFile.read(tmp.resolve("absent.json"), "abc123")).isEmpty();
  }

  @Test
  void aFileOfAnotherRunOrFormatIsRefusedNamingTheFile(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("x.trials.json");
    TrialsFile.write(file, "run-a", someTrials());
    assertThatThrownBy(() -> TrialsFile.read(file, "run-b"))
        .hasMessage(file + ": holds the trials of run 'run-a', not 'run-b'");
    Files.writeString(file, "{\"format\": \"something-else\"}");
    assertThatThrownBy(() -> TrialsFile.read(file, "run-a"))
        .hasMessage(file + ": not a reco4j-experiment-trials file");
  }

  @Test
  void theBetterTrialFollowsTheDirectionAndPrefersTheEarlierOnTies() {
    List<Trial> t = someTrials();
    Trial a = t.get(0);
    Trial failed = t.get(3);
    assertThat(Trial.better(a, failed, true)).isSameAs(a);
    assertThat(Trial.better(failed, a, false)).isSameAs(a);
    Trial same = new Trial(9, a.params(), a.value(), null, null, 0, List.of(), null);
    assertThat(Trial.better(a, same, true)).isSameAs(a);
    Trial higher = new Trial(9, a.params(), a.value() + 1, null, null, 0, List.of(), null);
    assertThat(Trial.better(a, higher, true)).isSameAs(higher);
    assertThat(Trial.better(a, higher, false)).isSameAs(a);
  }
}
