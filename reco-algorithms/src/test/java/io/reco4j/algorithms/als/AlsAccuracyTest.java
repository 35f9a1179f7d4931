package io.reco4j.algorithms.als;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.Evaluator;
import io.reco4j.model.Model;
import io.reco4j.model.Trainer;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import io.reco4j.testkit.SharedData;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of {@code als} and {@code ials} with their shipped defaults on MovieLens, next to
 * published and measured reference numbers (see each test).
 */
@Tag("accuracy")
class AlsAccuracyTest {

  /**
   * 5-fold random CV (seed 42) on ML-100K. References: Surprise's SVD 0.934 (5-fold), Spark MLlib
   * explicit ALS (rank 10, reg 0.1, 10 iterations, 80/20 split) 0.924. Measured: 0.9126 (folds
   * 0.9030 0.9109 0.9168 0.9164 0.9160).
   */
  @Test
  void alsDefaultsRmseOnMl100kFiveFoldIsBelowTheBand() throws Exception {
    Dataset data = load("ml-100k");
    List<Split> folds = Splits.parse("kfold:5").split(data, 42);
    double rmse = mean(new AlsTrainer(AlsConfig.defaults().withThreads(2)), folds,
        EvalOptions.of("rmse"), "rmse", "als ml-100k kfold:5");
    assertThat(rmse).isLessThanOrEqualTo(0.92); // brief band 0.945; measured 0.9126
  }

  /**
   * user:0.2 (seed 42), full ranking without training items, binary NDCG. Reference: implicit
   * 0.7.3 ALS (64 factors, 15 iterations, its defaults otherwise) 0.360 / 0.311.
   */
  @Test
  void ialsDefaultsRankOnMl100kAboveImplicit() throws Exception {
    double[] m = ranking("ml-100k", 42);
    assertThat(m[0]).as("ndcg@10").isGreaterThanOrEqualTo(0.42);
    assertThat(m[1]).as("recall@20").isGreaterThanOrEqualTo(0.35);
  }

  /** As above on ml-latest-small. Reference: implicit 0.7.3 ALS 0.305 / 0.237. */
  @Test
  void ialsDefaultsRankOnMlLatestSmallAboveImplicit() throws Exception {
    double[] m = ranking("ml-latest-small", 42);
    assertThat(m[0]).as("ndcg@10").isGreaterThanOrEqualTo(0.33);
    assertThat(m[1]).as("recall@20").isGreaterThanOrEqualTo(0.24);
  }

  static double[] ranking(String name, long seed) throws Exception {
    Dataset data = load(name).implicit(Float.NaN);
    List<Split> folds = Splits.parse("user:0.2").split(data, seed);
    Split s = folds.get(0);
    Model m = new IalsTrainer(IalsConfig.defaults().withThreads(2)).train(s.train());
    var r = Evaluator.evaluate(m, s, EvalOptions.of("ndcg@10,recall@20").withThreads(2));
    double[] out = {r.require("ndcg@10"), r.require("recall@20")};
    System.out.printf(Locale.ROOT, "ials %s user:0.2 seed %d: ndcg@10 %.4f recall@20 %.4f%n",
        name, seed, out[0], out[1]);
    return out;
  }

  static Dataset load(String name) throws Exception {
    return MovieLens.load(SharedData.dir(name), LoadOptions.defaults()).dataset();
  }

  private static double mean(Trainer<?> trainer, List<Split> folds, EvalOptions opts,
      String metric, String what) {
    double sum = 0;
    StringBuilder per = new StringBuilder();
    for (Split s : folds) {
      Model m = trainer.train(s.train());
      double v = Evaluator.evaluate(m, s, opts).require(metric);
      per.append(String.format(Locale.ROOT, " %.4f", v));
      sum += v;
    }
    double mean = sum / folds.size();
    System.out.printf(Locale.ROOT, "%s %s mean %.4f:%s%n", what, metric, mean, per);
    return mean;
  }
}
