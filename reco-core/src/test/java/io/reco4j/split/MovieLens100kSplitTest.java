package io.reco4j.split;

import static io.reco4j.split.SplitFixtures.assertPartition;
import static io.reco4j.split.SplitFixtures.entrySet;
import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.split.SplitFixtures.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Splits of the real MovieLens-100K ratings (943 users, 1,682 items, 100,000 ratings). */
class MovieLens100kSplitTest {
  private static Dataset ml100k;

  @BeforeAll
  static void load() throws IOException {
    Path file = Path.of(System.getProperty("reco4j.root"), "..", "shared", "data", "ml-100k",
        "u.data");
    List<String> lines = Files.readAllLines(file);
    int n = lines.size();
    long[] users = new long[n];
    long[] items = new long[n];
    float[] ratings = new float[n];
    long[] times = new long[n];
    for (int k = 0; k < n; k++) {
      String[] f = lines.get(k).split("\t");
      users[k] = Long.parseLong(f[0]);
      items[k] = Long.parseLong(f[1]);
      ratings[k] = Float.parseFloat(f[2]);
      times[k] = Long.parseLong(f[3]);
    }
    ml100k = Datasets.fromNumericIds("ml-100k", users, items, ratings, times,
        DuplicatePolicy.ERROR, 1);
  }

  @Test
  void fiveFoldCrossValidationTestsEveryRatingExactlyOnce() {
    assertThat(ml100k.size()).isEqualTo(100_000);
    List<Split> folds = Splits.parse("kfold:5").split(ml100k, 2018);
    assertThat(folds).hasSize(5);
    Set<Entry> tested = new HashSet<>();
    for (Split s : folds) {
      assertThat(s.test().size()).isEqualTo(20_000);
      assertThat(s.train().size()).isEqualTo(80_000);
      assertThat(tested.addAll(entrySet(s.test()))).isTrue();
    }
    assertThat(tested).hasSize(100_000).isEqualTo(entrySet(ml100k));
  }

  @Test
  void leaveOneOutHoldsOutOneRatingForEachOfThe943Users() {
    Split s = Splits.parse("loo").split(ml100k, 0).get(0);
    assertThat(s.test().size()).isEqualTo(943);
    assertThat(s.train().size()).isEqualTo(100_000 - 943);
    for (int u = 0; u < 943; u++) {
      assertThat(s.test().matrix().rowLength(u)).isOne();
    }
    assertPartition(ml100k, s);
    // each test rating is the user's latest: no train rating of that user is later
    var test = s.test().matrix();
    var train = s.train().matrix();
    for (int u = 0; u < 943; u++) {
      long last = test.timestamps().get(test.rowStart(u));
      for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
        assertThat(train.timestamps().get(p)).isLessThanOrEqualTo(last);
      }
    }
  }

  @Test
  void heldOutUsersFollowsTheStrongGeneralisationProtocol() {
    Split s = Splits.parse("heldout-users:100").split(ml100k, 1).get(0);
    assertPartition(ml100k, s);
    int heldOut = 0;
    for (int u = 0; u < 943; u++) {
      int n = ml100k.matrix().rowLength(u);
      int test = s.test().matrix().rowLength(u);
      if (test > 0) {
        heldOut++;
        assertThat(s.train().matrix().rowLength(u)).isZero();
        assertThat(test).isEqualTo(Math.round(0.2 * n));
        assertThat(s.testInput().matrix().rowLength(u)).isEqualTo(n - test);
      } else {
        assertThat(s.train().matrix().rowLength(u)).isEqualTo(n);
      }
    }
    assertThat(heldOut).isEqualTo(100);
  }

  @Test
  void heldOutUsersOnSeenItemsDropsEveryEntryOnAnItemNoTrainUserHasAsLiangsCodeDoes() {
    // Liang et al.'s preprocessing: ratings >= 4, then users with >= 5 of them (938 users)
    Dataset liang = Datasets.filterByCounts(ml100k.implicit(4f), 5, 0);
    assertThat(liang.userCount()).isEqualTo(938);
    Split plain = Splits.parse("heldout-users:150:0.2").split(liang, 42).get(0);
    Split s = Splits.parse("heldout-users:150:0.2:seen-items").split(liang, 42).get(0);
    assertThat(s.protocol()).isEqualTo("heldout-users:150:0.2:seen-items");

    var all = liang.matrix();
    var train = s.train().matrix();
    var test = s.test().matrix();
    var input = s.testInput().matrix();
    // train is unchanged: the same 150 users leave it
    assertThat(entrySet(s.train())).isEqualTo(entrySet(plain.train()));
    boolean[] seen = new boolean[liang.itemCount()];
    for (int i : java.util.Arrays.copyOf(train.colIdx(), train.nnz())) {
      seen[i] = true;
    }
    int unseenItems = 0;
    for (boolean b : seen) {
      unseenItems += b ? 0 : 1;
    }
    assertThat(unseenItems).as("this seed must leave some items to held-out users only")
        .isPositive();
    for (var part : List.of(test, input)) {
      for (int p = 0; p < part.nnz(); p++) {
        assertThat(seen[part.colIdx()[p]]).as("item %d of a test entry", part.colIdx()[p])
            .isTrue();
      }
    }
    // dropped = exactly the held-out users' entries on unseen items (no user fell below 2 here)
    int onUnseen = 0;
    int testUsers = 0;
    for (int u = 0; u < all.rows(); u++) {
      if (train.rowLength(u) > 0) {
        assertThat(test.rowLength(u) + input.rowLength(u)).isZero();
        continue;
      }
      int kept = 0;
      for (int p = all.rowStart(u); p < all.rowEnd(u); p++) {
        if (seen[all.colIdx()[p]]) {
          kept++;
        } else {
          onUnseen++;
        }
      }
      assertThat(kept).isGreaterThanOrEqualTo(2);
      testUsers++;
      assertThat(test.rowLength(u)).isEqualTo(Math.round(0.2 * kept));
      assertThat(input.rowLength(u)).isEqualTo(kept - test.rowLength(u));
    }
    assertThat(testUsers).isEqualTo(150);
    assertThat(onUnseen).isPositive();
    assertThat(train.nnz() + test.nnz() + input.nnz() + onUnseen).isEqualTo(all.nnz());
    assertThat(plain.test().size() + plain.testInput().size())
        .isEqualTo(s.test().size() + s.testInput().size() + onUnseen);
    assertThat(Splits.parse("heldout-users:150:0.2:seen-items").split(liang, 42)).containsExactly(s);
  }
  @Test
  void heldOutUsersWithFloorTakeFloorOfFTimesNTargetsAsLiangsCodeDoes() {
    Dataset liang = Datasets.filterByCounts(ml100k.implicit(4f), 5, 0);
    Split round = Splits.parse("heldout-users:150:0.2:seen-items").split(liang, 42).get(0);
    Split s = Splits.parse("heldout-users:150:0.2:seen-items:floor").split(liang, 42).get(0);
    assertThat(s.protocol()).isEqualTo("heldout-users:150:0.2:seen-items:floor");
    // the same users leave train, and the same entries are dropped: only the target count differs
    assertThat(entrySet(s.train())).isEqualTo(entrySet(round.train()));
    var test = s.test().matrix();
    var input = s.testInput().matrix();
    var roundTest = round.test().matrix();
    var roundInput = round.testInput().matrix();
    int testUsers = 0;
    int fewer = 0;
    for (int u = 0; u < test.rows(); u++) {
      int n = roundTest.rowLength(u) + roundInput.rowLength(u); // entries left after seen-items
      if (n == 0) {
        assertThat(test.rowLength(u) + input.rowLength(u)).isZero();
        continue;
      }
      assertThat(n).as("no test user falls below 5 here").isGreaterThanOrEqualTo(5);
      testUsers++;
      assertThat(test.rowLength(u)).as("targets of user %d with %d entries", u, n)
          .isEqualTo((int) Math.floor(0.2 * n)).isEqualTo(n / 5);
      assertThat(input.rowLength(u)).isEqualTo(n - n / 5);
      if (roundTest.rowLength(u) != test.rowLength(u)) {
        assertThat(n % 5).isIn(3, 4);
        assertThat(roundTest.rowLength(u)).isEqualTo(test.rowLength(u) + 1);
        fewer++;
      }
    }
    assertThat(testUsers).isEqualTo(150);
    assertThat(fewer).as("users with n mod 5 in {3, 4} get one target less than round()")
        .isEqualTo(56);
    assertThat(Splits.parse("heldout-users:150:0.2:seen-items:floor").split(liang, 42))
        .containsExactly(s);
  }

  @Test
  void heldOutUsersWithFloorDropUsersWhoseFloorIsZeroInsteadOfReturningThemToTrain() {
    Dataset liang = Datasets.filterByCounts(ml100k.implicit(4f), 5, 0);
    // F = 0.1: a user with fewer than 10 entries has floor(0.1 n) = 0 targets
    Split round = Splits.parse("heldout-users:300:0.1").split(liang, 7).get(0);
    Split s = Splits.parse("heldout-users:300:0.1:floor").split(liang, 7).get(0);
    assertThat(entrySet(s.train())).isEqualTo(entrySet(round.train()));
    var all = liang.matrix();
    var train = s.train().matrix();
    var test = s.test().matrix();
    var input = s.testInput().matrix();
    int heldOut = 0;
    int zero = 0;
    int testUsers = 0;
    for (int u = 0; u < all.rows(); u++) {
      if (train.rowLength(u) > 0) {
        continue;
      }
      heldOut++;
      int n = all.rowLength(u);
      if (n < 10) {
        zero++;
        assertThat(test.rowLength(u) + input.rowLength(u)).as("user %d, %d entries", u, n).isZero();
      } else {
        testUsers++;
        assertThat(test.rowLength(u)).isEqualTo((int) Math.floor(0.1 * n));
        assertThat(input.rowLength(u)).isEqualTo(n - test.rowLength(u));
      }
    }
    assertThat(heldOut).isEqualTo(300);
    assertThat(zero).as("this seed must draw users with fewer than 10 entries").isPositive();
    assertThat(testUsers).isEqualTo(300 - zero);
  }
}
