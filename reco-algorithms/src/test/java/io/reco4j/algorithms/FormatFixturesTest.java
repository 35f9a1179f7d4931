package io.reco4j.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.data.Dataset;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import io.reco4j.model.ModelFiles;
import io.reco4j.testkit.TestData;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model file of payload version 1 is kept in the repository for every algorithm, next to the
 * scores that model gave every (user, item) when it was written. The file must keep loading, as
 * the same algorithm and index spaces, and score as it did (to 1e-4: kernels that only reorder
 * float operations must not invalidate the fixtures). Regenerate only when adding a new version's
 * fixture, with {@code -Dreco4j.writeFixtures=true}.
 */
class FormatFixturesTest {
  private static final Path DIR = Path.of(System.getProperty("reco4j.root", "."),
      "reco-algorithms", "src", "test", "resources", "formats");

  /** A small, quick configuration: 4 factors and 3 iterations where the algorithm has them. */
  private static Model train(String algorithm) {
    Map<String, String> small = new LinkedHashMap<>();
    List<String> fields = Arrays.stream(Algorithms.configClass(algorithm).getRecordComponents())
        .map(RecordComponent::getName).toList();
    if (fields.contains("factors")) {
      small.put("factors", "4");
    }
    if (fields.contains("iterations")) {
      small.put("iterations", "3");
    }
    if (fields.contains("threads")) {
      small.put("threads", "1");
    }
    Dataset data = TestData.ratings(3);
    return Algorithms.trainer(algorithm, small).train(data);
  }

  /** Scores of the first 20 users (warm and cold ones among them) for every item. */
  private static float[] scoresOf(ItemScorer m) {
    int n = m.items().size();
    int users = Math.min(20, m.users().size());
    float[] all = new float[users * n];
    float[] row = new float[n];
    for (int u = 0; u < users; u++) {
      m.scoreItems(u, row);
      System.arraycopy(row, 0, all, u * n, n);
    }
    return all;
  }

  @ParameterizedTest
  @ValueSource(strings = {"als", "ials", "bpr", "ease", "itemknn", "userknn"})
  void theVersionOneModelFileStillLoadsAndScoresAsWritten(String algorithm) throws Exception {
    Path file = DIR.resolve(algorithm + "-v1.reco");
    Path scores = DIR.resolve(algorithm + "-v1.scores");
    if (Boolean.getBoolean("reco4j.writeFixtures")) {
      Model m = train(algorithm);
      ModelFiles.save(m, file);
      float[] s = scoresOf((ItemScorer) m);
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(scores))) {
        out.writeInt(s.length);
        for (float v : s) {
          out.writeFloat(v);
        }
      }
    }
    Model old = ModelFiles.load(file);
    assertThat(old.algorithm()).isEqualTo(algorithm);
    assertThat(old.users().size()).isEqualTo(TestData.ratings(3).userCount());
    float[] want;
    try (DataInputStream in = new DataInputStream(Files.newInputStream(scores))) {
      want = new float[in.readInt()];
      for (int k = 0; k < want.length; k++) {
        want[k] = in.readFloat();
      }
    }
    float[] got = scoresOf((ItemScorer) old);
    assertThat(got).hasSameSizeAs(want);
    for (int k = 0; k < got.length; k++) {
      assertThat(got[k]).as("score %d", k).isCloseTo(want[k], within(1e-4f * (1 + Math.abs(want[k]))));
    }
  }
}
