package io.reco4j.split;

import io.reco4j.data.Dataset;
import java.util.List;

/**
 * Global random holdout ({@code random:F}): exactly {@code round(F·nnz)} entries, chosen
 * uniformly at random among all entries, form the test part; the rest is train.
 *
 * @param testFraction the fraction {@code F} of entries held out, in {@code (0, 1)}
 */
public record RandomHoldoutSplit(double testFraction) implements Splitter {
  private static final long SALT = 0x52414E444F4DL; // "RANDOM"

  /** Validates the fraction. */
  public RandomHoldoutSplit {
    Splits.checkFraction(testFraction, "random");
  }

  @Override
  public List<Split> split(Dataset data, long seed) {
    int nnz = data.size();
    int k = SplitKernels.roundFraction(testFraction, nnz);
    boolean[] test = SplitKernels.sampleMask(nnz, k, SplitKernels.stream(seed, SALT));
    return List.of(SplitKernels.holdout(spec(), 0, seed, data, test));
  }

  @Override
  public String spec() {
    return "random:" + testFraction;
  }
}
