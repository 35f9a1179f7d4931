package io.reco4j.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.algorithms.baseline.BiasModel;
import io.reco4j.algorithms.baseline.PopularModel;
import io.reco4j.data.Dataset;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import io.reco4j.model.ModelFiles;
import io.reco4j.testkit.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Model files written by model format 1 (payload version 1) are kept in the repository and must
 * keep loading with the same predictions. Regenerate only when adding a new version's fixture,
 * with {@code -Dreco4j.writeFixtures=true}.
 */
class ModelFormatFixtureTest {
  private static final Path DIR = Path.of(System.getProperty("reco4j.root", "."),
      "reco-algorithms", "src", "test", "resources", "formats");

  private static Model trainedFixture(String algorithm) {
    Dataset data = TestData.ratings(3);
    return Algorithms.trainer(algorithm).train(data);
  }

  private static Model load(String algorithm) throws Exception {
    Path file = DIR.resolve(algorithm + "-v1.reco");
    if (Boolean.getBoolean("reco4j.writeFixtures")) {
      ModelFiles.save(trainedFixture(algorithm), file);
    }
    return ModelFiles.load(file);
  }

  @Test
  void theVersionOneBiasModelFixtureStillPredictsTheSame() throws Exception {
    BiasModel now = (BiasModel) trainedFixture("bias");
    BiasModel old = (BiasModel) load("bias");
    assertThat(old.provenance().algorithm()).isEqualTo("bias");
    assertThat(old.users()).isEqualTo(now.users());
    for (int u = 0; u < now.users().size(); u++) {
      for (int i = 0; i < now.items().size(); i++) {
        assertThat(old.predict(u, i)).isEqualTo(now.predict(u, i));
      }
    }
  }

  @Test
  void theVersionOnePopularModelFixtureStillScoresTheSame() throws Exception {
    ItemScorer now = (ItemScorer) trainedFixture("popular");
    PopularModel old = (PopularModel) load("popular");
    float[] a = new float[now.items().size()];
    float[] b = new float[now.items().size()];
    now.scoreItems(0, a);
    old.scoreItems(0, b);
    assertThat(b).containsExactly(a);
  }
}
