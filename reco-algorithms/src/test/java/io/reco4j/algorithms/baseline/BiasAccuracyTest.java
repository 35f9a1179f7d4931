package io.reco4j.algorithms.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.RatingPredictor;
import io.reco4j.split.Split;
import io.reco4j.testkit.SharedData;
import io.reco4j.testkit.TabRatings;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of the baselines on MovieLens-100K's official five folds (u1..u5 .base/.test), next
 * to published numbers. Surprise (Hug, "Surprise: a Python library for recommender systems", JOSS
 * 2020; its README's benchmark table) reports RMSE 0.944 for {@code BaselineOnly} (ALS, the same
 * defaults) on 5-fold ML-100K; the band allows for its folds being random rather than u1..u5.
 */
@Tag("accuracy")
class BiasAccuracyTest {

  @Test
  void biasBaselineRmseOnTheFiveMl100kFoldsIsNearSurprise() {
    double rmse = meanRmse(new BiasTrainer(), "bias");
    assertThat(rmse).isBetween(0.935, 0.955);
  }

  @Test
  void globalMeanRmseIsWorseThanTheBiasBaseline() {
    // predicting μ ≈ 3.53 everywhere gives RMSE ≈ 1.15 on ML-100K (Surprise-style folds ~1.13-1.16)
    double rmse = meanRmse(new GlobalMeanTrainer(), "global-mean");
    assertThat(rmse).isBetween(1.10, 1.20);
  }

  private static double meanRmse(io.reco4j.model.Trainer<? extends RatingPredictor> trainer,
      String what) {
    Path dir = SharedData.dir("ml-100k");
    double sum = 0;
    StringBuilder perFold = new StringBuilder();
    for (int k = 1; k <= 5; k++) {
      Split s = TabRatings.trainTest("ml-100k-u" + k, k, dir.resolve("u" + k + ".base"),
          dir.resolve("u" + k + ".test"));
      RatingPredictor model = trainer.train(s.train());
      double rmse = rmse(model, s.test());
      perFold.append(String.format(java.util.Locale.ROOT, " u%d=%.4f", k, rmse));
      sum += rmse;
    }
    double mean = sum / 5;
    System.out.printf(java.util.Locale.ROOT, "%s ml-100k RMSE mean %.4f:%s%n", what, mean,
        perFold);
    return mean;
  }

  private static double rmse(RatingPredictor model, Dataset test) {
    CsrMatrix m = test.matrix();
    double se = 0;
    for (int u = 0; u < m.rows(); u++) {
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        double e = m.values()[p] - model.predict(u, m.colIdx()[p]);
        se += e * e;
      }
    }
    return Math.sqrt(se / m.nnz());
  }
}
