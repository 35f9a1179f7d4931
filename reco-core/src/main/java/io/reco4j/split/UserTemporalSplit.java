package io.reco4j.split;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.Timestamps;
import java.util.List;

/**
 * Per-user time cut ({@code user-temporal:N}): for every user with more than {@code N} entries,
 * the last {@code N} in the order (timestamp, item index) are test; users with at most {@code N}
 * entries keep everything in train. Deterministic: the seed is only recorded.
 *
 * @param lastN entries per user held out, {@code >= 1}
 */
public record UserTemporalSplit(int lastN) implements Splitter {

  /** Validates the count. */
  public UserTemporalSplit {
    if (lastN < 1) {
      throw new IllegalArgumentException(
          "user-temporal needs N >= 1, got " + lastN + "; " + Splits.VALID_FORMS);
    }
  }

  @Override
  public List<Split> split(Dataset data, long seed) {
    return List.of(SplitKernels.holdout(spec(), 0, seed, data,
        latestPerUser(data, lastN, spec())));
  }

  @Override
  public String spec() {
    return "user-temporal:" + lastN;
  }

  /** Marks the last {@code n} entries of each user with more than {@code n} entries. */
  static boolean[] latestPerUser(Dataset data, int n, String spec) {
    Timestamps ts = SplitKernels.requireTimestamps(data, spec);
    CsrMatrix m = data.matrix();
    boolean[] test = new boolean[m.nnz()];
    long[] scratch = new long[SplitKernels.maxRowLength(m)];
    for (int u = 0, rows = m.rows(); u < rows; u++) {
      if (m.rowLength(u) > n) {
        SplitKernels.markLatest(ts, m.rowStart(u), m.rowEnd(u), n, test, scratch);
      }
    }
    return test;
  }
}
