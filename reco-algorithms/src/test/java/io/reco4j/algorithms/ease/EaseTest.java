package io.reco4j.algorithms.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EaseTest extends ModelContractTest<EaseModel> {

  @Override
  protected Trainer<EaseModel> trainer(int threads, long seed) {
    return new EaseTrainer(EaseConfig.defaults().withLambda(20f).withThreads(threads));
  }

  // ---- B against a naive double-precision computation ------------------------------------------

  /** G = XᵀX by a triple loop over (i, j, u) on the dense X. */
  static double[] naiveGram(CsrMatrix x, boolean useValues) {
    int m = x.rows();
    int n = x.cols();
    double[][] dense = new double[m][n];
    for (int u = 0; u < m; u++) {
      for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
        dense[u][x.colIdx()[p]] = useValues ? x.values()[p] : 1.0;
      }
    }
    double[] g = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int u = 0; u < m; u++) {
          s += dense[u][i] * dense[u][j];
        }
        g[i * n + j] = s;
      }
    }
    return g;
  }

  /** The inverse of a dense n × n matrix by Gauss–Jordan elimination with partial pivoting. */
  static double[] gaussJordanInverse(double[] a, int n) {
    double[][] w = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a, i * n, w[i], 0, n);
      w[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(w[r][c]) > Math.abs(w[piv][c])) {
          piv = r;
        }
      }
      double[] t = w[c];
      w[c] = w[piv];
      w[piv] = t;
      double d = w[c][c];
      for (int k = 0; k < 2 * n; k++) {
        w[c][k] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != c && w[r][c] != 0) {
          double f = w[r][c];
          for (int k = 0; k < 2 * n; k++) {
            w[r][k] -= f * w[c][k];
          }
        }
      }
    }
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(w[i], n, inv, i * n, n);
    }
    return inv;
  }

  /** B = I − P diag(1/diag P) from the naive Gram and inverse. */
  static double[] naiveB(CsrMatrix x, boolean useValues, double lambda) {
    int n = x.cols();
    double[] g = naiveGram(x, useValues);
    for (int i = 0; i < n; i++) {
      g[i * n + i] += lambda;
    }
    double[] p = gaussJordanInverse(g, n);
    double[] b = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i * n + j] = (i == j ? 1.0 : 0.0) - p[i * n + j] / p[j * n + j];
      }
    }
    return b;
  }

  private static void assertWeightsClose(EaseModel m, double[] expected, double relTol) {
    int n = m.items().size();
    double max = Arrays.stream(expected).map(Math::abs).max().orElse(0);
    assertThat(max).as("B is not trivially zero").isGreaterThan(1e-3);
    for (int i = 0; i < n; i++) {
      assertThat(m.weight(i, i)).as("B[%d][%d]", i, i).isZero();
      for (int j = 0; j < n; j++) {
        assertThat((double) m.weight(i, j)).as("B[%d][%d]", i, j)
            .isCloseTo(expected[i * n + j], org.assertj.core.data.Offset.offset(relTol * max));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openblas", "openblas-double", "java"})
  void weightsEqualTheNaiveInverseAndHaveAZeroDiagonal(String solver) {
    Dataset d = TestData.ratings();
    EaseConfig c = EaseConfig.defaults().withLambda(15f).withSolver(solver).withThreads(2);
    EaseModel m = new EaseTrainer(c).train(d);
    // single precision LAPACK: a few ulps times the condition number; double: storage rounding
    assertWeightsClose(m, naiveB(d.matrix(), false, 15.0),
        "openblas".equals(solver) ? 2e-4 : 1e-6);
  }

  @Test
  void weightsFromValuesEqualTheNaiveInverse() {
    Dataset d = TestData.ratings();
    EaseConfig c = EaseConfig.defaults().withLambda(50f).withUseValues(true)
        .withSolver("openblas-double");
    EaseModel m = new EaseTrainer(c).train(d);
    assertWeightsClose(m, naiveB(d.matrix(), true, 50.0), 1e-6);
  }

  @Test
  void scoresAreTheHistoryTimesB() {
    Dataset d = TestData.ratings();
    EaseModel m = new EaseTrainer(EaseConfig.defaults().withLambda(15f)).train(d);
    int n = d.itemCount();
    CsrMatrix x = d.matrix();
    float[] out = new float[n];
    for (int u : new int[] {0, 1, 7, 33}) {
      m.scoreItems(u, out);
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
          s += m.weight(x.colIdx()[p], j);
        }
        assertThat((double) out[j]).as("user %d item %d", u, j)
            .isCloseTo(s, org.assertj.core.data.Offset.offset(1e-5));
      }
    }
  }

  @Test
  void foldInOfATrainingHistoryGivesTheTrainingScoresExactly() {
    Dataset d = TestData.ratings();
    EaseModel m = new EaseTrainer(EaseConfig.defaults().withLambda(15f)).train(d);
    CsrMatrix x = d.matrix();
    int n = d.itemCount();
    for (int u = 0; u < d.userCount(); u += 5) {
      int[] items = Arrays.copyOfRange(x.colIdx(), x.rowStart(u), x.rowEnd(u));
      float[] vals = Arrays.copyOfRange(x.values(), x.rowStart(u), x.rowEnd(u));
      float[] a = new float[n];
      float[] b = new float[n];
      m.scoreItems(u, a);
      m.scoreItemsForHistory(items, vals, b);
      assertThat(b).as("user %d", u).containsExactly(a);
    }
  }

  @Test
  void coldUsersScoreZeroAndAnEmptyHistoryFoldsInToZero() {
    Dataset d = TestData.ratings();
    EaseModel m = new EaseTrainer().train(d);
    float[] out = new float[d.itemCount()];
    m.scoreItems(TestData.coldUsers(d)[0], out);
    assertThat(out).containsOnly(0f);
    Arrays.fill(out, 7f);
    m.scoreItemsForHistory(new int[0], new float[0], out);
    assertThat(out).containsOnly(0f);
  }

  @Test
  void similarItemsAreRowIOfBSortedItselfExcluded() {
    Dataset d = TestData.ratings();
    EaseModel m = new EaseTrainer(EaseConfig.defaults().withLambda(15f)).train(d);
    int n = d.itemCount();
    int item = 3;
    int k = 10;
    int[] got = new int[k];
    float[] scores = new float[k];
    assertThat(m.similarItems(item, k, got, scores)).isEqualTo(k);
    Integer[] expect = IntStream.range(0, n).filter(j -> j != item).boxed()
        .sorted(Comparator.<Integer>comparingDouble(j -> -m.weight(item, j))
            .thenComparingInt(j -> j))
        .limit(k).toArray(Integer[]::new);
    assertThat(got).containsExactly(Arrays.stream(expect).mapToInt(Integer::intValue).toArray());
    for (int r = 0; r < k; r++) {
      assertThat(scores[r]).isEqualTo(m.weight(item, got[r]));
    }
    assertThat(got).doesNotContain(item);
  }

  @Test
  void emptyTrainingDataGivesZeroWeights() {
    Dataset d = TestData.ratings();
    EaseModel m = new EaseTrainer().train(
        d.withMatrix("empty", CsrMatrix.empty(d.userCount(), d.itemCount())));
    float[] out = new float[d.itemCount()];
    m.scoreItemsForHistory(new int[] {0, 5}, new float[] {1, 1}, out);
    assertThat(out).containsOnly(0f);
  }

  @Test
  void theJavaAndOpenBlasSolversAgree() {
    Dataset d = TestData.ratings();
    EaseModel a = new EaseTrainer(EaseConfig.defaults().withLambda(15f).withSolver("java"))
        .train(d);
    EaseModel b = new EaseTrainer(EaseConfig.defaults().withLambda(15f)
        .withSolver("openblas-double")).train(d);
    int n = d.itemCount();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertThat(a.weight(i, j)).isCloseTo(b.weight(i, j),
            org.assertj.core.data.Offset.offset(1e-6f));
      }
    }
  }

  // ---- memory guard ------------------------------------------------------------------------------

  @Test
  void tooManyItemsAreRejectedWithTheMemoryNeeded() {
    Dataset d = TestData.ratings();
    assertThatThrownBy(() -> new EaseTrainer(EaseConfig.defaults().withMaxItems(100)).train(d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("240 items exceed maxItems = 100")
        .hasMessageContaining("dense 240 x 240 matrices")
        .hasMessageContaining("GiB");
  }

  @Test
  void aHeapTooSmallForBIsRejectedNamingXmx() {
    // 30,000 items: B alone is 3.35 GiB of heap; a 1 GiB heap cannot hold it
    assertThatThrownBy(() -> EaseTrainer.checkMemory(30_000, 40_000, "openblas",
        1L << 30, Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not enough heap for 30000 items")
        .hasMessageContaining("3.35 GiB of heap")
        .hasMessageContaining("-Xmx5g");
    assertThatThrownBy(() -> EaseTrainer.checkMemory(30_000, 40_000, "openblas-double",
        8L << 30, 1L << 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6.71 GiB off-heap")
        .hasMessageContaining("org.bytedeco.javacpp.maxBytes");
    EaseTrainer.checkMemory(30_000, 40_000, "openblas", 8L << 30, 8L << 30); // fits: no error
  }

  @Test
  void requiredBytesCountEveryDenseMatrix() {
    assertThat(EaseTrainer.requiredBytes(20_000, "openblas"))
        .containsExactly(1_600_000_000L, 1_600_000_000L);
    assertThat(EaseTrainer.requiredBytes(20_000, "openblas-double"))
        .containsExactly(1_600_000_000L, 3_200_000_000L);
    assertThat(EaseTrainer.requiredBytes(20_000, "java")).containsExactly(8_000_000_000L, 0L);
  }

  // ---- config ------------------------------------------------------------------------------------

  @Test
  void configRejectsBadValuesByName() {
    assertThatThrownBy(() -> EaseConfig.defaults().withLambda(0f))
        .hasMessageContaining("lambda");
    assertThatThrownBy(() -> EaseConfig.defaults().withSolver("cuda"))
        .hasMessageContaining("solver");
    assertThatThrownBy(() -> EaseConfig.defaults().withMaxItems(50_000))
        .hasMessageContaining("maxItems");
    assertThatThrownBy(() -> EaseConfig.defaults().withThreads(-1))
        .hasMessageContaining("threads");
  }

  @Test
  void theRegistryBuildsEaseFromCommandLineParameters() {
    EaseConfig c = (EaseConfig) Algorithms.config("ease",
        Map.of("lambda", "123", "solver", "JAVA", "useValues", "true"));
    assertThat(c).isEqualTo(new EaseConfig(123f, true, 0, 30_000, "java"));
    assertThat(Algorithms.trainer("ease")).isInstanceOf(EaseTrainer.class);
  }
}
