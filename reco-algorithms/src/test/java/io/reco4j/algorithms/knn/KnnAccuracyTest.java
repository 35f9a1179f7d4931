package io.reco4j.algorithms.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.EvaluationReport;
import io.reco4j.eval.EvaluationRunner;
import io.reco4j.model.Trainer;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import io.reco4j.testkit.SharedData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of the neighbourhood models on MovieLens-100K next to published figures. Rating
 * prediction: 5-fold ({@code kfold:5}, seed 42) RMSE; Surprise reports 0.9176 for item-based
 * {@code KNNBaseline} (pearson_baseline, k = 40, shrinkage 100) on ML-100K and 0.8525 on
 * ml-latest-small, and about 0.93 for user-based {@code KNNBaseline} on ML-100K (measured here:
 * item 0.9144, user 0.9216, item on ml-latest-small 0.8508). Ranking: the implicit view of every
 * rating, {@code user:0.2} seed 42, full ranking without training items; implicit's most-popular
 * gives NDCG@10 0.224 and Recall@20 0.170 on this protocol (measured here: cosine k = 50 0.341 /
 * 0.276, BM25 0.365 / 0.306).
 */
@Tag("accuracy")
class KnnAccuracyTest {

  static Dataset ml100k() throws Exception {
    return MovieLens.load(SharedData.dir("ml-100k"), LoadOptions.defaults()).dataset();
  }

  static Map<String, Double> evaluate(Dataset data, String split, String metrics,
      Map<String, Supplier<Trainer<?>>> algorithms) {
    List<Split> folds = Splits.parse(split).split(data, 42);
    EvaluationReport report = new EvaluationRunner(EvalOptions.of(metrics))
        .run(data, folds, algorithms);
    Map<String, Double> out = new LinkedHashMap<>();
    report.algorithms().forEach(r -> r.summary().forEach((m, s) -> {
      out.put(r.name() + " " + m, s.mean());
      System.out.printf(Locale.ROOT, "%s %s %s %s = %.4f%n", data.name(), split, r.name(), m,
          s.mean());
    }));
    return out;
  }

  @Test
  void itemKnnBaselinePearsonRmseOnMl100kMatchesSurprise() throws Exception {
    Map<String, Supplier<Trainer<?>>> algos = new LinkedHashMap<>();
    algos.put("itemknn", () -> new ItemKnnTrainer(ItemKnnConfig.defaults()));
    double rmse = evaluate(ml100k(), "kfold:5", "rmse", algos).get("itemknn rmse");
    assertThat(rmse).isBetween(0.905, 0.925);
  }

  @Test
  void userKnnBaselinePearsonRmseOnMl100kIsNearSurprise() throws Exception {
    Map<String, Supplier<Trainer<?>>> algos = new LinkedHashMap<>();
    algos.put("userknn", () -> new UserKnnTrainer(UserKnnConfig.defaults()));
    double rmse = evaluate(ml100k(), "kfold:5", "rmse", algos).get("userknn rmse");
    assertThat(rmse).isBetween(0.91, 0.94);
  }

  @Test
  void implicitItemKnnRanksWellAbovePopularityOnMl100k() throws Exception {
    Dataset data = ml100k().implicit(Float.NaN);
    Map<String, Supplier<Trainer<?>>> algos = new LinkedHashMap<>();
    algos.put("popular", () -> new io.reco4j.algorithms.baseline.PopularTrainer());
    algos.put("cosine", () -> new ItemKnnTrainer(
        ItemKnnConfig.implicit(Similarity.COSINE, 50, Weighting.NONE)));
    algos.put("bm25", () -> new ItemKnnTrainer(
        ItemKnnConfig.implicit(Similarity.COSINE, 50, Weighting.BM25)));
    Map<String, Double> m = evaluate(data, "user:0.2", "ndcg@10,recall@20", algos);
    double popNdcg = m.get("popular ndcg@10");
    double popRecall = m.get("popular recall@20");
    assertThat(popNdcg).isBetween(0.20, 0.25);
    assertThat(m.get("cosine ndcg@10")).isBetween(0.32, 0.37).isGreaterThan(1.4 * popNdcg);
    assertThat(m.get("cosine recall@20")).isBetween(0.25, 0.30).isGreaterThan(1.4 * popRecall);
    assertThat(m.get("bm25 ndcg@10")).isBetween(0.34, 0.39).isGreaterThan(1.5 * popNdcg);
    assertThat(m.get("bm25 recall@20")).isBetween(0.28, 0.33).isGreaterThan(1.6 * popRecall);
  }

  @Test
  @Tag("slow")
  void itemKnnBaselinePearsonRmseOnMlLatestSmallMatchesSurprise() throws Exception {
    Dataset data = MovieLens.load(SharedData.dir("ml-latest-small"), LoadOptions.defaults())
        .dataset();
    Map<String, Supplier<Trainer<?>>> algos = new LinkedHashMap<>();
    algos.put("itemknn", () -> new ItemKnnTrainer(ItemKnnConfig.defaults()));
    double rmse = evaluate(data, "kfold:5", "rmse", algos).get("itemknn rmse");
    assertThat(rmse).isBetween(0.840, 0.860);
  }
}
