package io.reco4j.algorithms.ease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the thread count does to the LAPACK inverse above {@link SpdInverse#OPENBLAS_SERIAL_BELOW},
 * where OpenBLAS runs in parallel: its parallel Cholesky blocks differently from its serial one, so
 * 1 thread and 2 threads round differently, but only in the last bits. (Observed with OpenBLAS
 * 0.3.31: spotrf/spotri gave identical bits for 2, 3 and 4 threads at n = 3000; dpotrf/dpotri
 * differed in a few hundred of 9 million entries.)
 */
class SpdInverseThreadsTest {
  static double[] inverse(String backend, int n, int threads) {
    return inverse(backend, n, threads, Integer.MAX_VALUE);
  }

  static double[] inverse(String backend, int n, int threads, long maxViewBytes) {
    SplittableRandom rnd = new SplittableRandom(7);
    double[] row = new double[n];
    double[] out = new double[n * n];
    try (SpdInverse inv = SpdInverse.of(backend, n, maxViewBytes)) {
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          row[j] = rnd.nextDouble();
        }
        inv.putUpperRow(i, row, n); // diagonally dominant: SPD
      }
      inv.invert(threads);
      for (int i = 0; i < n; i++) {
        inv.upperRow(i, row);
        System.arraycopy(row, i, out, i * n + i, n - i);
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"openblas", "openblas-double"})
  void aboveTheSerialThresholdThreadCountsDifferOnlyInTheLastBits(String backend) {
    int n = SpdInverse.OPENBLAS_SERIAL_BELOW + 64;
    double[] one = inverse(backend, n, 1);
    double[] two = inverse(backend, n, 2);
    double max = 0;
    double worst = 0;
    for (int k = 0; k < one.length; k++) {
      max = Math.max(max, Math.abs(one[k]));
      worst = Math.max(worst, Math.abs(one[k] - two[k]));
    }
    double eps = "openblas".equals(backend) ? 0x1p-23 : 0x1p-52;
    assertThat(worst).as("largest |1 thread - 2 threads|").isLessThan(64 * eps * max);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openblas", "openblas-double", "java"})
  void belowTheSerialThresholdEveryThreadCountGivesTheSameBits(String backend) {
    int n = 300;
    assertThat(inverse(backend, n, 4)).containsExactly(inverse(backend, n, 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openblas", "openblas-double"})
  void theOffHeapMatrixReadThroughManyNioViewsGivesTheSameInverse(String backend) {
    // large matrices (more than 2^31 bytes) are read through several views; force 7 rows a view
    int n = 200;
    long sevenRows = 7L * n * ("openblas".equals(backend) ? Float.BYTES : Double.BYTES);
    assertThat(inverse(backend, n, 1, sevenRows)).containsExactly(inverse(backend, n, 1));
    assertThat(SpdInverse.rowsPerView(20_000, Double.BYTES, Integer.MAX_VALUE)).isEqualTo(13_421);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openblas", "openblas-double", "java"})
  void theInverseTimesTheMatrixIsTheIdentity(String backend) {
    int n = 150;
    SplittableRandom rnd = new SplittableRandom(7);
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        a[i * n + j] = rnd.nextDouble() + (i == j ? n : 0);
        a[j * n + i] = a[i * n + j];
      }
    }
    double[] p = inverse(backend, n, 1);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          double pkj = k <= j ? p[k * n + j] : p[j * n + k];
          s += a[i * n + k] * pkj;
        }
        assertThat(s).as("(A P)[%d][%d]", i, j).isCloseTo(i == j ? 1 : 0,
            org.assertj.core.data.Offset.offset("openblas".equals(backend) ? 1e-5 : 1e-12));
      }
    }
  }
}
