package io.reco4j.algorithms.mf;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.EvaluationReport;
import io.reco4j.eval.EvaluationRunner;
import io.reco4j.model.Trainer;
import io.reco4j.split.Splits;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RMSE of {@code svd} and {@code svdpp} with default configs, 5-fold {@code kfold:5} seed 42,
 * next to Surprise 1.1.4 (SVD 0.9344 and SVD++ 0.9187 on ML-100K; 0.8727 and 0.8626 on
 * ml-latest-small). The lower bounds catch leakage of test ratings into training.
 */
@Tag("accuracy")
class MfAccuracyTest {

  @Test
  void svdOnMl100kIsAtSurpriseLevel() throws IOException {
    double rmse = rmse("ml-100k", "svd", SvdTrainer::new);
    assertThat(rmse).isBetween(0.90, 0.940);
  }

  @Test
  void svdppOnMl100kIsAtSurpriseLevel() throws IOException {
    double rmse = rmse("ml-100k", "svdpp", SvdppTrainer::new);
    assertThat(rmse).isBetween(0.89, 0.925);
  }

  @Test
  void svdOnMlLatestSmallIsAtSurpriseLevel() throws IOException {
    double rmse = rmse("ml-latest-small", "svd", SvdTrainer::new);
    assertThat(rmse).isBetween(0.84, 0.878);
  }

  @Test
  void svdppOnMlLatestSmallIsAtSurpriseLevel() throws IOException {
    double rmse = rmse("ml-latest-small", "svdpp", SvdppTrainer::new);
    assertThat(rmse).isBetween(0.83, 0.866);
  }

  @Test
  void trainingErrorFallsEveryEpochOnMl100k() throws IOException {
    Dataset d = MovieLens.load(SharedData.dir("ml-100k"), LoadOptions.defaults()).dataset();
    double[][] curves = {new SvdTrainer().train(d).trainingRmse(),
        new SvdppTrainer().train(d).trainingRmse()};
    for (double[] c : curves) {
      assertThat(c).hasSize(20);
      for (int e = 1; e < c.length; e++) {
        assertThat(c[e]).as("epoch %d", e + 1).isLessThan(c[e - 1]);
      }
      assertThat(c[19]).isLessThan(0.9 * c[0]);
    }
  }

  private static double rmse(String dataset, String name,
      Supplier<? extends Trainer<?>> trainer) throws IOException {
    Dataset d = MovieLens.load(SharedData.dir(dataset), LoadOptions.defaults()).dataset();
    Map<String, Supplier<? extends Trainer<?>>> algos = new LinkedHashMap<>();
    algos.put(name, trainer);
    EvaluationReport r = new EvaluationRunner(EvalOptions.of("rmse"))
        .run(d, Splits.parse("kfold:5").split(d, 42), algos);
    double rmse = r.algorithm(name).summary().get("rmse").mean();
    System.out.printf(java.util.Locale.ROOT, "%s %s kfold:5 seed 42 RMSE %.4f, train %.3f s/fold%n",
        name, dataset, rmse, r.algorithm(name).trainSeconds().mean());
    return rmse;
  }
}
