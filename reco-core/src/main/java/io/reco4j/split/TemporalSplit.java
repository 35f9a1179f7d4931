package io.reco4j.split;

import io.reco4j.data.Dataset;
import io.reco4j.data.Timestamps;
import java.util.List;

/**
 * Global time cut ({@code temporal:F}): the latest {@code round(F·nnz)} entries in the order
 * (timestamp, user index, item index) form the test part, so no train entry is later than a test
 * entry. Deterministic: the seed is only recorded.
 *
 * <p>Linear time: the cut timestamp is found by quickselect, not by sorting.
 *
 * @param testFraction the fraction {@code F} of entries held out, in {@code (0, 1)}
 */
public record TemporalSplit(double testFraction) implements Splitter {

  /** Validates the fraction. */
  public TemporalSplit {
    Splits.checkFraction(testFraction, "temporal");
  }

  @Override
  public List<Split> split(Dataset data, long seed) {
    Timestamps ts = SplitKernels.requireTimestamps(data, spec());
    int nnz = data.size();
    int k = SplitKernels.roundFraction(testFraction, nnz);
    boolean[] test = new boolean[nnz];
    SplitKernels.markLatest(ts, 0, nnz, k, test, new long[nnz]);
    return List.of(SplitKernels.holdout(spec(), 0, seed, data, test));
  }

  @Override
  public String spec() {
    return "temporal:" + testFraction;
  }
}
