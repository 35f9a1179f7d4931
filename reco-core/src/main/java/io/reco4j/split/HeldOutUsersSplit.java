package io.reco4j.split;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Strong generalisation ({@code heldout-users:N[:F]}), as in Liang et al., "Variational
 * Autoencoders for Collaborative Filtering", WWW 2018: {@code N} users, chosen uniformly at random
 * among users with at least two entries, are removed from train entirely. For each of them, a
 * random {@code round(F·n)} of their {@code n} entries (clamped to {@code [1, n-1]}) is the
 * target ({@link Split#test()}) and the rest is the history given to the model at test time
 * ({@link Split#testInput()}). All other users' entries are train.
 *
 * <p>User choice uses a stream derived from the seed; each held-out user's entry choice uses its
 * own stream derived from (seed, user index).
 *
 * @param users the number {@code N >= 1} of held-out users
 * @param testFraction the fraction {@code F} of each held-out user's entries that is the target,
 *     in {@code (0, 1)}
 */
public record HeldOutUsersSplit(int users, double testFraction) implements Splitter {
  /** The target fraction when the spec gives none. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;

  private static final long SALT = 0x484F5553455253L; // "HOUSERS"

  /** Validates the parameters. */
  public HeldOutUsersSplit {
    if (users < 1) {
      throw new IllegalArgumentException(
          "heldout-users needs N >= 1, got " + users + "; " + Splits.VALID_FORMS);
    }
    Splits.checkFraction(testFraction, "heldout-users");
  }

  /** {@code N} held-out users with the default target fraction 0.2. */
  public HeldOutUsersSplit(int users) {
    this(users, DEFAULT_TEST_FRACTION);
  }

  @Override
  public List<Split> split(Dataset data, long seed) {
    CsrMatrix m = data.matrix();
    int rows = m.rows();
    int[] eligible = new int[rows];
    int count = 0;
    for (int u = 0; u < rows; u++) {
      if (m.rowLength(u) >= 2) {
        eligible[count++] = u;
      }
    }
    if (count < users) {
      throw new IllegalArgumentException("split '" + spec() + "': dataset '" + data.name()
          + "' has only " + count + " users with at least 2 entries, fewer than " + users);
    }
    SplitKernels.sampleInPlace(eligible, 0, count, users, SplitKernels.stream(seed, SALT));
    boolean[] heldOut = new boolean[rows];
    for (int j = 0; j < users; j++) {
      heldOut[eligible[j]] = true;
    }

    int nnz = m.nnz();
    boolean[] train = new boolean[nnz];
    boolean[] test = new boolean[nnz];
    boolean[] input = new boolean[nnz];
    int[] pool = new int[SplitKernels.maxRowLength(m)];
    for (int u = 0; u < rows; u++) {
      int start = m.rowStart(u);
      int end = m.rowEnd(u);
      if (!heldOut[u]) {
        for (int p = start; p < end; p++) {
          train[p] = true;
        }
        continue;
      }
      int n = end - start;
      int k = SplitKernels.perUserCount(testFraction, n);
      for (int j = 0; j < n; j++) {
        pool[j] = start + j;
      }
      SplittableRandom rng = SplitKernels.stream(seed, SALT, u);
      SplitKernels.sampleInPlace(pool, 0, n, k, rng);
      for (int j = 0; j < n; j++) {
        if (j < k) {
          test[pool[j]] = true;
        } else {
          input[pool[j]] = true;
        }
      }
    }
    return List.of(SplitKernels.parts(spec(), 0, seed, data, train, test, input));
  }

  @Override
  public String spec() {
    return "heldout-users:" + users + ":" + testFraction;
  }
}
