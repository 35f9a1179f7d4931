package io.reco4j.split;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Strong generalisation ({@code heldout-users:N[:F][:seen-items][:floor]}), as in Liang et al.,
 * "Variational Autoencoders for Collaborative Filtering", WWW 2018: {@code N} users, chosen
 * uniformly at random among users with at least two entries, are removed from train entirely. For
 * each of them, a random {@code round(F·n)} of their {@code n} entries (clamped to
 * {@code [1, n-1]}) is the target ({@link Split#test()}) and the rest is the history given to the
 * model at test time ({@link Split#testInput()}). All other users' entries are train.
 *
 * <p><b>Seen items only</b> ({@code seenItemsOnly}, spec suffix {@code :seen-items}). Liang et
 * al.'s preprocessing code (also used by Steck 2019 and Rendle et al. 2022) keeps, for the
 * held-out users, only the entries on items that some train user has: the model has never seen
 * the other items. With this option, after the held-out users are drawn, every held-out user's
 * entry on an item with no train entry is dropped (it is in none of train, test and test input),
 * and the target fraction is then drawn from the remaining {@code n'} entries, as Liang's code
 * filters before it splits. A held-out user with {@code n' < 2} remaining entries cannot have both
 * history and a target: all their entries are dropped, so they are not a test user (Liang's code
 * keeps a user for evaluation only while they have both). The split then has fewer than {@code N}
 * test users; {@code test().matrix()}'s non-empty rows are the test users that remain. Without
 * the option (the default) no entry is dropped and train, test and test input partition the data.
 * Dropped items stay in the index space (every part shares the source's), so a full ranking still
 * scores them; models trained without them give them the score of an item with no data
 * ({@code io.reco4j.eval.EvalOptions#trainItemsOnly()} ranks only items with a train entry, as
 * Liang's item space {@code unique_sid}).
 *
 * <p><b>Floor target count</b> ({@code floorTargets}, spec suffix {@code :floor}). Liang et al.'s
 * code takes {@code int(F·n)} targets, rounded down, and none at all from a user with fewer than
 * 5 entries; without the option this split takes {@code round(F·n)}, clamped to {@code [1, n-1]}.
 * With it, a held-out user with {@code n} (remaining) entries has exactly {@code floor(F·n)}
 * targets (computed in {@code double} as Python's {@code int(test_prop * n)}; never more than
 * {@code n-1} since {@code F < 1}). A user whose floor is 0 has no target and so is not a test
 * user: as in Liang's code their entries do not go back to train; here they are dropped (in none
 * of train, test and test input), like those of a user left with fewer than 2 entries. For
 * {@code F = 0.2}, floor 0 is exactly {@code n < 5}, Liang's rule. The full protocol of Liang's
 * code is {@code heldout-users:N:0.2:seen-items:floor}.
 *
 * <p>User choice uses a stream derived from the seed; each held-out user's entry choice uses its
 * own stream derived from (seed, user index). Without {@code seenItemsOnly}, and for a held-out
 * user with no dropped entry, the draw is the same as without the option.
 *
 * @param users the number {@code N >= 1} of held-out users
 * @param testFraction the fraction {@code F} of each held-out user's entries that is the target,
 *     in {@code (0, 1)}
 * @param seenItemsOnly whether held-out users' entries on items absent from train are dropped
 *     (Liang et al.'s preprocessing); false by default
 * @param floorTargets whether each held-out user has {@code floor(F·n)} targets and users with
 *     none are dropped (Liang et al.'s code), instead of {@code round(F·n)} clamped to
 *     {@code [1, n-1]}; false by default
 */
public record HeldOutUsersSplit(int users, double testFraction, boolean seenItemsOnly,
    boolean floorTargets) implements Splitter {
  /** The target fraction when the spec gives none. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;

  /** The spec suffix that sets {@link #seenItemsOnly()}. */
  public static final String SEEN_ITEMS = "seen-items";

  /** The spec suffix that sets {@link #floorTargets()}. */
  public static final String FLOOR = "floor";

  private static final long SALT = 0x484F5553455253L; // "HOUSERS"

  /** Validates the parameters. */
  public HeldOutUsersSplit {
    if (users < 1) {
      throw new IllegalArgumentException(
          "heldout-users needs N >= 1, got " + users + "; " + Splits.VALID_FORMS);
    }
    Splits.checkFraction(testFraction, "heldout-users");
  }

  /** {@code N} held-out users, target fraction {@code F}, {@code round(F·n)} targets. */
  public HeldOutUsersSplit(int users, double testFraction, boolean seenItemsOnly) {
    this(users, testFraction, seenItemsOnly, false);
  }

  /** {@code N} held-out users, target fraction {@code F}, no entry dropped. */
  public HeldOutUsersSplit(int users, double testFraction) {
    this(users, testFraction, false);
  }

  /** {@code N} held-out users with the default target fraction 0.2, no entry dropped. */
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
    int[] cols = m.colIdx();
    boolean[] train = new boolean[nnz];
    boolean[] test = new boolean[nnz];
    boolean[] input = new boolean[nnz];
    // seen[i]: item i has a train entry; all true when nothing is dropped
    boolean[] seen = new boolean[m.cols()];
    if (!seenItemsOnly) {
      Arrays.fill(seen, true);
    }
    for (int u = 0; u < rows; u++) {
      if (!heldOut[u]) {
        for (int p = m.rowStart(u), end = m.rowEnd(u); p < end; p++) {
          train[p] = true;
          seen[cols[p]] = true;
        }
      }
    }
    int[] pool = new int[SplitKernels.maxRowLength(m)];
    for (int u = 0; u < rows; u++) {
      if (!heldOut[u]) {
        continue;
      }
      // pool[0 .. n): the user's kept positions, ascending
      int n = 0;
      for (int p = m.rowStart(u), end = m.rowEnd(u); p < end; p++) {
        if (seen[cols[p]]) {
          pool[n++] = p;
        }
      }
      if (n < 2) {
        continue; // cannot have both history and a target: every entry dropped
      }
      int k = floorTargets
          ? (int) Math.floor(testFraction * n)
          : SplitKernels.perUserCount(testFraction, n);
      if (k == 0) {
        continue; // floor: no target, so not a test user; every entry dropped
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
    return "heldout-users:" + users + ":" + testFraction + (seenItemsOnly ? ":" + SEEN_ITEMS : "")
        + (floorTargets ? ":" + FLOOR : "");
  }
}
