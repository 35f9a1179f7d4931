package io.reco4j.algorithms.ease;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.testkit.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GramKernelTest {

  /** A random sparse matrix with a few very long rows, so that rows of G differ in weight. */
  static CsrMatrix randomMatrix(long seed, int users, int items) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] rowPtr = new int[users + 1];
    java.util.List<Integer> cols = new java.util.ArrayList<>();
    java.util.List<Float> vals = new java.util.ArrayList<>();
    for (int u = 0; u < users; u++) {
      double density = u % 17 == 0 ? 0.6 : 0.08;
      for (int i = 0; i < items; i++) {
        if (rnd.nextDouble() < density) {
          cols.add(i);
          vals.add((float) (1 + rnd.nextInt(10)) / 2f);
        }
      }
      rowPtr[u + 1] = cols.size();
    }
    int[] c = cols.stream().mapToInt(Integer::intValue).toArray();
    float[] v = new float[vals.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = vals.get(k);
    }
    return new CsrMatrix(users, items, rowPtr, c, v, null);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void gramEqualsTheNaiveTripleLoop(boolean useValues) {
    for (long seed = 1; seed <= 3; seed++) {
      CsrMatrix x = randomMatrix(seed, 90, 70);
      double[] expected = EaseTest.naiveGram(x, useValues);
      double[] got = GramKernel.dense(x, useValues, 3);
      // binary counts are exact; values are sums of products of halves: exact in double too
      assertThat(got).as("seed %d", seed).containsExactly(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void gramIsIdenticalForEveryThreadCount(boolean useValues) {
    Dataset d = TestData.ratings();
    double[] one = GramKernel.dense(d.matrix(), useValues, 1);
    for (int t : new int[] {2, 3, 8}) {
      assertThat(GramKernel.dense(d.matrix(), useValues, t)).as("%d threads", t)
          .containsExactly(one);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void gramOfTheRatingsFixtureEqualsTheNaiveTripleLoop(boolean useValues) {
    CsrMatrix x = TestData.ratings().matrix();
    assertThat(GramKernel.dense(x, useValues, 2))
        .containsExactly(EaseTest.naiveGram(x, useValues));
  }
}
