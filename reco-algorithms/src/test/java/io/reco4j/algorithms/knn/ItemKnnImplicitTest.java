package io.reco4j.algorithms.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import org.junit.jupiter.api.Test;

/** The contract for item-kNN on implicit data: BM25-weighted cosine, 10 neighbours. */
class ItemKnnImplicitTest extends ModelContractTest<ItemKnnModel> {

  @Override
  protected Dataset trainingData() {
    return TestData.ratings().implicit(Float.NaN);
  }

  @Override
  protected Trainer<ItemKnnModel> trainer(int threads, long seed) {
    return new ItemKnnTrainer(ItemKnnConfig.implicit(Similarity.COSINE, 10, Weighting.BM25)
        .withThreads(threads));
  }

  @Test
  void everyWeightingAndJaccardGiveAtMostKNeighboursAndDifferentLists() {
    Dataset d = trainingData();
    Neighbors none = new ItemKnnTrainer(ItemKnnConfig.implicit(Similarity.COSINE, 10,
        Weighting.NONE)).train(d).neighbors();
    Neighbors tfidf = new ItemKnnTrainer(ItemKnnConfig.implicit(Similarity.COSINE, 10,
        Weighting.TFIDF)).train(d).neighbors();
    Neighbors bm25 = new ItemKnnTrainer(ItemKnnConfig.implicit(Similarity.COSINE, 10,
        Weighting.BM25)).train(d).neighbors();
    Neighbors jaccard = new ItemKnnTrainer(ItemKnnConfig.implicit(Similarity.JACCARD, 10,
        Weighting.NONE)).train(d).neighbors();
    for (Neighbors n : new Neighbors[] {none, tfidf, bm25, jaccard}) {
      for (int i = 0; i < n.size(); i++) {
        assertThat(n.end(i) - n.start(i)).isLessThanOrEqualTo(10);
      }
    }
    assertThat(tfidf).isNotEqualTo(none);
    assertThat(bm25).isNotEqualTo(none);
    assertThat(jaccard).isNotEqualTo(none);
  }
}
