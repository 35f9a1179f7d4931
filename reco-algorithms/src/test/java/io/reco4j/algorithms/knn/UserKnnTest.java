package io.reco4j.algorithms.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import org.junit.jupiter.api.Test;

class UserKnnTest extends ModelContractTest<UserKnnModel> {
  private static final float EPS = 1e-5f;

  @Override
  protected Trainer<UserKnnModel> trainer(int threads, long seed) {
    return new UserKnnTrainer(UserKnnConfig.defaults().withThreads(threads));
  }

  /**
   * The data of {@link ItemKnnTest#tiny()}; user vectors over (x, y, z): A = (5,3,4), B =
   * (4,2,0), C = (1,0,2), so cos(A,B) = 26/√1000, cos(A,C) = 13/√250 (equal: the tie goes to the
   * smaller index), cos(B,C) = 4/10; b_ui = μ = 3.
   */
  @Test
  void predictionsMatchTheHandComputedBaselineNeighbourhoodEstimate() {
    UserKnnConfig c = new UserKnnConfig(Similarity.COSINE, 40, 1, 0f, 1, 0, Weighting.NONE, 1.2f,
        0.75f, 1, 1e9f, 1e9f, 1);
    UserKnnModel m = new UserKnnTrainer(c).train(ItemKnnTest.tiny());
    double ab = 26 / Math.sqrt(1000);
    double bc = 0.4;
    int[] users = new int[2];
    float[] sims = new float[2];
    assertThat(m.similarUsers(0, 2, users, sims)).isEqualTo(2);
    assertThat(users).containsExactly(1, 2);
    assertThat(sims[0]).isCloseTo((float) ab, within(EPS));
    // B on z: neighbours A (rated 4) and C (rated 2): 3 + (s_AB (4-3) + s_BC (2-3)) / (s_AB + s_BC)
    assertThat(m.predict(1, 2)).isCloseTo((float) (3 + (ab - bc) / (ab + bc)), within(EPS));
    // ranking: B's score of z = s_AB · 4 + s_BC · 2
    float[] s = new float[3];
    m.scoreItems(1, s);
    assertThat(s[2]).isCloseTo((float) (4 * ab + 2 * bc), within(EPS));
  }
}
