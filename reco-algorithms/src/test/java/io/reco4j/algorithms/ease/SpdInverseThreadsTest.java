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
    SplittableRandom rnd = new SplittableRandom(7);
    double[] row = new double[n];
    double[] out = new double[n * n];
    try (SpdInverse inv = SpdInverse.of(backend, n)) {
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
}
