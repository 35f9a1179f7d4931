package io.reco4j.algorithms.als;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.algorithms.als.IalsConfig.Solver;
import io.reco4j.data.Dataset;
import io.reco4j.linalg.PaddedRows;
import io.reco4j.testkit.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The small-f path (rank-1 normal equations) on a fixed side large enough to be padded
 * ({@link PaddedRows#MIN_ROWS} users): the same model for 1 and 3 threads, for {@code ials} with
 * both solvers and for {@code als}.
 */
class SmallFactorsTest {
  private static Dataset data() {
    SplittableRandom rnd = new SplittableRandom(5);
    int users = PaddedRows.MIN_ROWS + 2_000;
    int perUser = 4;
    long[] u = new long[users * perUser];
    long[] i = new long[u.length];
    float[] r = new float[u.length];
    for (int k = 0; k < u.length; k++) {
      u[k] = k / perUser;
      i[k] = (k % perUser) * 75 + rnd.nextInt(75); // distinct items per user
      r[k] = 1 + rnd.nextInt(5);
    }
    return TestData.ratings("small-f", u, i, r);
  }

  @Test
  void ialsAndAlsAtTenFactorsAreThreadCountInvariantOnAPaddedFixedSide() {
    Dataset d = data();
    System.out.println("padded rows enabled: " + PaddedRows.enabled());
    for (Solver s : Solver.values()) {
      IalsConfig c = IalsConfig.defaults();
      c = new IalsConfig(10, 2, c.regularization(), 2f, c.confidence(), c.epsilon(), s,
          c.cgSteps(), c.regScaling(), c.regExponent(), c.initStd(), 7, 1);
      IalsModel one = new IalsTrainer(c).train(d);
      IalsModel three = new IalsTrainer(c.withThreads(3)).train(d);
      assertThat(three.userFactors()).as("ials %s", s).isEqualTo(one.userFactors());
      assertThat(three.itemFactors()).as("ials %s", s).isEqualTo(one.itemFactors());
      assertThat(one.itemFactors()).as("ials %s trained", s).isNotEqualTo(new float[300 * 10]);
    }
    AlsModel one = new AlsTrainer(new AlsConfig(10, 0.1f, 2, true, 0.1f, 7, 1)).train(d);
    AlsModel three = new AlsTrainer(new AlsConfig(10, 0.1f, 2, true, 0.1f, 7, 3)).train(d);
    assertThat(three.userFactors()).isEqualTo(one.userFactors());
    assertThat(three.itemFactors()).isEqualTo(one.itemFactors());
  }
}
