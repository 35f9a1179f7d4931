package io.reco4j.algorithms.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Configs;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemKnnTest extends ModelContractTest<ItemKnnModel> {
  private static final float EPS = 1e-5f;

  @Override
  protected Trainer<ItemKnnModel> trainer(int threads, long seed) {
    return new ItemKnnTrainer(ItemKnnConfig.defaults().withThreads(threads));
  }

  /**
   * Users A, B, C (ids 1..3), items x, y, z (ids 10, 20, 30). Ratings A: x 5, y 3, z 4; B: x 4,
   * y 2; C: x 1, z 2; μ = 21/7 = 3, and the baseline regularisation is so large that b_u = b_i ≈
   * 0, so b_ui = 3. Item vectors over (A, B, C): x = (5,4,1), y = (3,2,0), z = (4,0,2), so
   * cos(x,y) = 23/√546, cos(x,z) = 22/√840, cos(y,z) = 12/√260.
   */
  static Dataset tiny() {
    return TestData.ratings("tiny", new long[] {1, 1, 1, 2, 2, 3, 3},
        new long[] {10, 20, 30, 10, 20, 10, 30}, new float[] {5, 3, 4, 4, 2, 1, 2});
  }

  static final double XY = 23 / Math.sqrt(546);
  static final double XZ = 22 / Math.sqrt(840);
  static final double YZ = 12 / Math.sqrt(260);

  static ItemKnnConfig tinyConfig(int k, int minK) {
    return new ItemKnnConfig(Similarity.COSINE, k, minK, 0f, 1, 0, Weighting.NONE, 1.2f, 0.75f, 1,
        1e9f, 1e9f, 1);
  }

  @Test
  void predictionsMatchTheHandComputedBaselineNeighbourhoodEstimate() {
    ItemKnnModel m = new ItemKnnTrainer(tinyConfig(40, 1)).train(tiny());
    // neighbours of z, most similar first: x then y
    int[] items = new int[3];
    float[] sims = new float[3];
    assertThat(m.similarItems(2, 3, items, sims)).isEqualTo(2);
    assertThat(items[0]).isZero();
    assertThat(items[1]).isEqualTo(1);
    assertThat(sims[0]).isCloseTo((float) XZ, within(EPS));
    assertThat(sims[1]).isCloseTo((float) YZ, within(EPS));
    // B on z: 3 + (s_xz (4-3) + s_yz (2-3)) / (s_xz + s_yz)
    assertThat(m.predict(1, 2)).isCloseTo((float) (3 + (XZ - YZ) / (XZ + YZ)), within(EPS));
    // C on y: 3 + (s_xy (1-3) + s_yz (2-3)) / (s_xy + s_yz)
    assertThat(m.predict(2, 1)).isCloseTo((float) (3 + (-2 * XY - YZ) / (XY + YZ)), within(EPS));
    // k = 1: B on z uses x alone: 3 + (4 - 3) = 4
    ItemKnnModel k1 = new ItemKnnTrainer(tinyConfig(1, 1)).train(tiny());
    assertThat(k1.predict(1, 2)).isCloseTo(4f, within(EPS));
    // minK = 3 > the 2 neighbours B rated: the baseline alone
    ItemKnnModel minK3 = new ItemKnnTrainer(tinyConfig(3, 3)).train(tiny());
    assertThat(minK3.predict(1, 2)).isCloseTo(3f, within(EPS));
  }

  @Test
  void rankingScoresAreTheHistoryTimesTheItemItemMatrix() {
    ItemKnnModel m = new ItemKnnTrainer(tinyConfig(40, 1)).train(tiny());
    float[] s = new float[3];
    m.scoreItems(1, s); // B: x 4, y 2
    assertThat(s[0]).isCloseTo((float) (2 * XY), within(EPS));
    assertThat(s[1]).isCloseTo((float) (4 * XY), within(EPS));
    assertThat(s[2]).isCloseTo((float) (4 * XZ + 2 * YZ), within(EPS));
    // k = 1 keeps only each item's nearest neighbour: x→y, y→x, z→x
    ItemKnnModel k1 = new ItemKnnTrainer(tinyConfig(1, 1)).train(tiny());
    k1.scoreItems(1, s);
    assertThat(s[0]).isCloseTo((float) (2 * XY), within(EPS));
    assertThat(s[1]).isCloseTo((float) (4 * XY), within(EPS));
    assertThat(s[2]).isZero();
  }

  @Test
  void foldInOfATrainingRowGivesTheStoredUsersScores() {
    Dataset data = TestData.ratings();
    ItemKnnModel m = new ItemKnnTrainer(ItemKnnConfig.defaults().withThreads(1)).train(data);
    CsrMatrix r = data.matrix();
    float[] a = new float[data.itemCount()];
    float[] b = new float[data.itemCount()];
    for (int u = 0; u < data.userCount(); u++) {
      int[] items = Arrays.copyOfRange(r.colIdx(), r.rowStart(u), r.rowEnd(u));
      float[] values = Arrays.copyOfRange(r.values(), r.rowStart(u), r.rowEnd(u));
      m.scoreItems(u, a);
      m.scoreItemsForHistory(items, values, b);
      assertThat(b).as("user %d", u).isEqualTo(a);
    }
    assertThatThrownBy(() -> m.scoreItemsForHistory(new int[] {data.itemCount()}, new float[] {1},
        b)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
  }

  @Test
  void centredSimilaritiesOnImplicitDataAreRejectedNamingTheFix() {
    Dataset implicit = TestData.ratings().implicit(Float.NaN);
    assertThatThrownBy(() -> new ItemKnnTrainer(ItemKnnConfig.defaults()).train(implicit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pearson_baseline").hasMessageContaining("cosine");
  }

  @Test
  void configRejectsInvalidValuesNamingTheField() {
    ItemKnnConfig d = ItemKnnConfig.defaults();
    assertThatThrownBy(() -> d.withK(0)).hasMessageContaining("k must");
    assertThatThrownBy(() -> d.withShrinkage(-1f, 1)).hasMessageContaining("shrinkage");
    assertThatThrownBy(() -> d.withShrinkage(0f, 0)).hasMessageContaining("minSupport");
    assertThatThrownBy(() -> d.withMaxNeighbors(10)).hasMessageContaining("maxNeighbors");
    assertThatThrownBy(() -> new ItemKnnConfig(Similarity.PEARSON, 40, 1, 0f, 1, 0, Weighting.BM25,
        1.2f, 0.75f, 10, 15f, 10f, 0)).hasMessageContaining("weighting");
    assertThatThrownBy(() -> new ItemKnnConfig(Similarity.COSINE, 40, 1, 0f, 1, 0, Weighting.BM25,
        1.2f, 1.5f, 10, 15f, 10f, 0)).hasMessageContaining("bm25B");
    assertThatThrownBy(() -> d.withThreads(-1)).hasMessageContaining("threads");
  }

  @Test
  void registryParsesLowerCaseNamesAndDefaultsAreSurprisesKnnBaseline() {
    ItemKnnConfig c = (ItemKnnConfig) Algorithms.config("itemknn",
        Map.of("similarity", "cosine", "weighting", "bm25", "k", "50", "maxNeighbors", "50"));
    assertThat(c.similarity()).isEqualTo(Similarity.COSINE);
    assertThat(c.weighting()).isEqualTo(Weighting.BM25);
    assertThat(Configs.toJson(c)).contains("\"similarity\":\"cosine\"")
        .contains("\"weighting\":\"bm25\"");
    assertThatThrownBy(() -> Algorithms.config("itemknn", Map.of("similarity", "msd")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("msd");
    ItemKnnConfig d = ItemKnnConfig.defaults();
    assertThat(d.similarity()).isEqualTo(Similarity.PEARSON_BASELINE);
    assertThat(d.k()).isEqualTo(40);
    assertThat(d.minK()).isEqualTo(1);
    assertThat(d.shrinkage()).isEqualTo(100f);
    assertThat(Algorithms.trainer("itemknn")).isInstanceOf(ItemKnnTrainer.class);
  }
}
