package io.reco4j.split;

import io.reco4j.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * K-fold cross-validation over entries ({@code kfold:K}), as Surprise's {@code KFold} with
 * shuffling: the entries are shuffled once (Fisher–Yates) and dealt into K consecutive folds of
 * {@code nnz / K} entries, the first {@code nnz mod K} folds taking one more. Split {@code f}
 * tests fold {@code f} and trains on the others, so every entry is in exactly one test part.
 *
 * @param folds the number of folds {@code K >= 2}
 */
public record KFoldSplit(int folds) implements Splitter {
  private static final long SALT = 0x4B464F4C44L; // "KFOLD"

  /** Validates the fold count. */
  public KFoldSplit {
    if (folds < 2) {
      throw new IllegalArgumentException(
          "kfold needs at least 2 folds, got " + folds + "; " + Splits.VALID_FORMS);
    }
  }

  @Override
  public List<Split> split(Dataset data, long seed) {
    int nnz = data.size();
    if (nnz < folds) {
      throw new IllegalArgumentException("split '" + spec() + "': dataset '" + data.name()
          + "' has " + nnz + " entries, fewer than " + folds + " folds");
    }
    int[] order = SplitKernels.identity(nnz);
    SplitKernels.shuffle(order, nnz, SplitKernels.stream(seed, SALT));
    List<Split> out = new ArrayList<>(folds);
    int base = nnz / folds;
    int extra = nnz % folds;
    int stop = 0;
    for (int f = 0; f < folds; f++) {
      int start = stop;
      stop = start + base + (f < extra ? 1 : 0);
      boolean[] test = new boolean[nnz];
      for (int j = start; j < stop; j++) {
        test[order[j]] = true;
      }
      out.add(SplitKernels.holdout(spec(), f, seed, data, test));
    }
    return List.copyOf(out);
  }

  @Override
  public String spec() {
    return "kfold:" + folds;
  }
}
