package io.reco4j.split;

import static io.reco4j.split.SplitFixtures.assertPartition;
import static io.reco4j.split.SplitFixtures.entries;
import static io.reco4j.split.SplitFixtures.entrySet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.IdIndex;
import io.reco4j.split.SplitFixtures.Entry;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitterBehaviourTest {

  /** About 2,400 entries over 60 users and 80 items, timestamps with ties. */
  private static Dataset medium(boolean withTimes) {
    SplittableRandom r = new SplittableRandom(7);
    int n = 4000;
    long[] u = new long[n];
    long[] i = new long[n];
    float[] v = new float[n];
    long[] t = new long[n];
    for (int k = 0; k < n; k++) {
      u[k] = r.nextInt(60);
      i[k] = r.nextInt(80);
      v[k] = 1 + r.nextInt(5);
      t[k] = r.nextInt(500);
    }
    return Datasets.fromNumericIds("medium", u, i, v, withTimes ? t : null, DuplicatePolicy.LAST, 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"random:0.2", "user:0.2", "kfold:5", "heldout-users:5",
      "heldout-users:5:0.5"})
  void randomProtocolsRepeatForASeedAndChangeWithIt(String spec) {
    Dataset data = medium(true);
    Splitter s = Splits.parse(spec);
    List<Split> a = s.split(data, 42);
    assertThat(s.split(data, 42)).isEqualTo(a);
    List<Split> b = s.split(data, 43);
    assertThat(b).hasSameSizeAs(a);
    for (int f = 0; f < a.size(); f++) {
      assertThat(b.get(f).test().matrix()).isNotEqualTo(a.get(f).test().matrix());
      assertPartition(data, a.get(f));
      assertPartition(data, b.get(f));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"temporal:0.2", "user-temporal:2", "loo"})
  void temporalProtocolsDoNotDependOnTheSeed(String spec) {
    Dataset data = medium(true);
    Splitter s = Splits.parse(spec);
    Split a = s.split(data, 1).get(0);
    Split b = s.split(data, 2).get(0);
    assertThat(b.test()).isEqualTo(a.test());
    assertThat(b.train()).isEqualTo(a.train());
    assertThat(b.seed()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"temporal:0.2", "user-temporal:1", "loo"})
  void temporalProtocolsRejectDataWithoutTimestamps(String spec) {
    Dataset data = medium(false);
    assertThatThrownBy(() -> Splits.parse(spec).split(data, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + spec + "'")
        .hasMessageContaining("'medium' has no timestamps");
  }

  @ParameterizedTest
  @ValueSource(strings = {"random:0.2", "user:0.2", "kfold:3", "heldout-users:4"})
  void randomProtocolsWorkWithoutTimestamps(String spec) {
    Dataset data = medium(false);
    for (Split s : Splits.parse(spec).split(data, 5)) {
      assertPartition(data, s);
      assertThat(s.test().matrix().hasTimestamps()).isFalse();
    }
  }

  @Test
  void partsAreNamedAfterTheSourceAndFold() {
    Dataset data = medium(true);
    Split s = new HeldOutUsersSplit(3).split(data, 9).get(0);
    assertThat(s.train().name()).isEqualTo("medium/train[0]");
    assertThat(s.test().name()).isEqualTo("medium/test[0]");
    assertThat(s.testInput().name()).isEqualTo("medium/testInput[0]");
    assertThat(s.protocol()).isEqualTo("heldout-users:3:0.2");
    assertThat(new KFoldSplit(4).split(data, 9).get(3).test().name()).isEqualTo("medium/test[3]");
  }

  @Test
  void aUsersPerUserHoldoutDependsOnlyOnTheSeedAndThatUser() {
    // dropping other users' entries (same index spaces) leaves each remaining user's choice as is
    Dataset data = medium(true);
    CsrMatrix m = data.matrix();
    boolean[] keep = new boolean[m.nnz()];
    for (int p = m.rowStart(10); p < m.nnz(); p++) {
      keep[p] = true;
    }
    Dataset fewer = data.withMatrix("fewer", m.select(keep));
    Set<Entry> full = entrySet(new UserHoldoutSplit(0.3).split(data, 11).get(0).test());
    Set<Entry> part = entrySet(new UserHoldoutSplit(0.3).split(fewer, 11).get(0).test());
    Set<Entry> fullFromUser10 = full.stream().filter(e -> e.u() >= 10).collect(Collectors.toSet());
    assertThat(part).isNotEmpty().isEqualTo(fullFromUser10);
  }

  @Test
  void tiesAreBrokenByUserThenItem() {
    // user 0: items 0,1,2 at t=5,9,9; user 1: items 0,1 at t=9,9; user 2: item 3 at t=1
    Dataset data = Datasets.fromNumericIds("ties", new long[] {0, 0, 0, 1, 1, 2},
        new long[] {0, 1, 2, 0, 1, 3}, new float[] {1, 2, 3, 4, 5, 6},
        new long[] {5, 9, 9, 9, 9, 1}, DuplicatePolicy.ERROR, 1);
    Split loo = new LeaveOneOutSplit().split(data, 0).get(0);
    assertThat(entries(loo.test())).containsExactly(
        new Entry(0, 2, 3f, 9), new Entry(1, 1, 5f, 9));
    // the two latest of (ts, user, item): (9,1,1) and (9,1,0)
    Split temporal = new TemporalSplit(0.34).split(data, 0).get(0);
    assertThat(entries(temporal.test())).containsExactly(
        new Entry(1, 0, 4f, 9), new Entry(1, 1, 5f, 9));
    Split last2 = new UserTemporalSplit(2).split(data, 0).get(0);
    assertThat(entries(last2.test())).containsExactly(
        new Entry(0, 1, 2f, 9), new Entry(0, 2, 3f, 9));
  }

  @Test
  void usersWithoutEntriesAreHarmless() {
    // users 1 and 3 have no entries; user 4 has one
    IdIndex users = IdIndex.identity("user", 5);
    IdIndex items = IdIndex.identity("item", 4);
    Dataset data = Datasets.assemble("gaps", users, items, new int[] {0, 0, 0, 2, 2, 4},
        new int[] {0, 1, 3, 1, 2, 0}, new float[] {1, 2, 3, 4, 5, 6},
        new long[] {1, 2, 3, 4, 5, 6}, DuplicatePolicy.ERROR, 1);
    for (String spec : new String[] {"random:0.5", "user:0.5", "kfold:3", "temporal:0.5",
        "user-temporal:1", "loo", "heldout-users:2"}) {
      for (Split s : Splits.parse(spec).split(data, 3)) {
        assertPartition(data, s);
        assertThat(s.train().userCount()).isEqualTo(5);
      }
    }
    assertThat(new UserHoldoutSplit(0.5).split(data, 3).get(0).test().matrix().rowLength(4))
        .isZero();
    assertThatThrownBy(() -> new HeldOutUsersSplit(3).split(data, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only 2 users with at least 2 entries, fewer than 3");
  }

  @Test
  void kfoldNeedsAtLeastOneEntryPerFold() {
    Dataset data = Datasets.fromNumericIds("tiny", new long[] {1, 2}, new long[] {1, 1},
        null, null, DuplicatePolicy.ERROR, 1);
    assertThatThrownBy(() -> new KFoldSplit(3).split(data, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 entries, fewer than 3 folds");
    assertThat(new KFoldSplit(2).split(data, 1)).allSatisfy(s -> assertThat(s.test().size()).isOne());
  }

  @Test
  void quickselectFindsRankedValuesAmongDuplicates() {
    SplittableRandom r = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(50);
      long[] a = new long[n];
      for (int k = 0; k < n; k++) {
        a[k] = r.nextInt(1 + r.nextInt(10));
      }
      long[] sorted = a.clone();
      java.util.Arrays.sort(sorted);
      int rank = r.nextInt(n);
      assertThat(SplitKernels.select(a.clone(), n, rank)).isEqualTo(sorted[rank]);
    }
  }
}
