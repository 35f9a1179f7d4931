package io.reco4j.algorithms.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.data.Dataset;
import io.reco4j.model.Model;
import io.reco4j.model.ModelFiles;
import io.reco4j.model.RatingPredictor;
import io.reco4j.testkit.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Model files of payload version 1 of {@code svd} and {@code svdpp} are kept in the repository
 * and must keep loading, predicting what a fresh training predicts (to rounding, so that kernel
 * changes that only reorder float operations do not invalidate the fixtures). Regenerate only
 * when adding a new version's fixture, with {@code -Dreco4j.writeFixtures=true}.
 */
class MfFormatFixtureTest {
  private static final Path DIR = Path.of(System.getProperty("reco4j.root", "."),
      "reco-algorithms", "src", "test", "resources", "formats");

  private static Model fresh(String algorithm) {
    Dataset data = TestData.ratings(3);
    return algorithm.equals("svd")
        ? new SvdTrainer(new SvdConfig(4, 5, 0.01f, 0.02f, 0.1f, 4, 9L, 1)).train(data)
        : new SvdppTrainer(new SvdppConfig(4, 5, 0.01f, 0.02f, 0.1f, 9L)).train(data);
  }

  private static Model load(String algorithm) throws Exception {
    Path file = DIR.resolve(algorithm + "-v1.reco");
    if (Boolean.getBoolean("reco4j.writeFixtures")) {
      ModelFiles.save(fresh(algorithm), file);
    }
    return ModelFiles.load(file);
  }

  @Test
  void theVersionOneSvdFixtureStillPredictsTheSame() throws Exception {
    check("svd", SvdModel.class);
  }

  @Test
  void theVersionOneSvdppFixtureStillPredictsTheSame() throws Exception {
    check("svdpp", SvdppModel.class);
  }

  private static void check(String algorithm, Class<?> type) throws Exception {
    RatingPredictor now = (RatingPredictor) fresh(algorithm);
    Model old = load(algorithm);
    assertThat(old).isInstanceOf(type);
    assertThat(old.config()).isEqualTo(now.config());
    assertThat(old.users()).isEqualTo(now.users());
    RatingPredictor p = (RatingPredictor) old;
    for (int u = 0; u < now.users().size(); u++) {
      for (int i = 0; i < now.items().size(); i++) {
        assertThat(p.predict(u, i)).isCloseTo(now.predict(u, i), within(1e-4f));
      }
    }
  }
}
