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
}
