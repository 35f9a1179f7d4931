package io.reco4j.split;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Per-user random holdout ({@code user:F}): every user with {@code n >= 2} entries puts
 * {@code round(F·n)} of them, clamped to {@code [1, n-1]} and chosen uniformly at random, into
 * test; users with a single entry keep it in train. Every user with at least two entries is thus
 * both in train and in test.
 *
 * <p>Each user's choice uses its own stream derived from (seed, user index).
 *
 * @param testFraction the fraction {@code F} of each user's entries held out, in {@code (0, 1)}
 */
public record UserHoldoutSplit(double testFraction) implements Splitter {
  private static final long SALT = 0x55534552L; // "USER"

  /** Validates the fraction. */
  public UserHoldoutSplit {
    Splits.checkFraction(testFraction, "user");
  }

  @Override
  public List<Split> split(Dataset data, long seed) {
    CsrMatrix m = data.matrix();
    boolean[] test = new boolean[m.nnz()];
    int[] pool = new int[SplitKernels.maxRowLength(m)];
    for (int u = 0, rows = m.rows(); u < rows; u++) {
      int start = m.rowStart(u);
      int n = m.rowLength(u);
      if (n < 2) {
        continue;
      }
      int k = SplitKernels.perUserCount(testFraction, n);
      for (int j = 0; j < n; j++) {
        pool[j] = start + j;
      }
      SplittableRandom rng = SplitKernels.stream(seed, SALT, u);
      SplitKernels.sampleInPlace(pool, 0, n, k, rng);
      for (int j = 0; j < k; j++) {
        test[pool[j]] = true;
      }
    }
    return List.of(SplitKernels.holdout(spec(), 0, seed, data, test));
  }

  @Override
  public String spec() {
    return "user:" + testFraction;
  }
}
