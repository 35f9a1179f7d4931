package io.reco4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.split.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixturesTest {

  @Test
  void syntheticRatingsAreReproducibleForASeedAndDifferAcrossSeeds() {
    assertThat(TestData.ratings(5).fingerprint()).isEqualTo(TestData.ratings(5).fingerprint());
    assertThat(TestData.ratings(5).fingerprint()).isNotEqualTo(TestData.ratings(6).fingerprint());
    assertThat(TestData.ratings().name()).isEqualTo("synthetic-ratings-" + TestData.DEFAULT_SEED);
  }

  @Test
  void syntheticRatingsHaveTheDesignatedColdUsersAndItemsOnly() {
    Dataset d = TestData.ratings();
    assertThat(d.userCount()).isEqualTo(150);
    assertThat(d.itemCount()).isEqualTo(240);
    assertThat(TestData.coldUsers(d)).containsExactly(14, 29, 44, 59, 74, 89, 104, 119, 134, 149);
    assertThat(TestData.coldItems(d))
        .containsExactly(19, 39, 59, 79, 99, 119, 139, 159, 179, 199, 219, 239);
    assertThat(d.users().idOf(14)).isEqualTo("43");
    assertThat(d.items().idOf(19)).isEqualTo("233");
  }

  @Test
  void syntheticRatingsLookLikeRatings() {
    Dataset d = TestData.ratings();
    CsrMatrix m = d.matrix();
    assertThat(d.explicit()).isTrue();
    assertThat(m.hasTimestamps()).isTrue();
    assertThat(d.size()).isBetween(1_500, 4_000);
    for (float v : m.values()) {
      assertThat(v).isIn(1f, 2f, 3f, 4f, 5f);
    }
    // power-law popularity: the 24 most popular items (10%) hold over a third of the ratings
    int[] counts = m.colCounts();
    Arrays.sort(counts);
    int top = 0;
    for (int k = counts.length - 24; k < counts.length; k++) {
      top += counts[k];
    }
    assertThat(top).isGreaterThan(d.size() / 3);
  }

  @Test
  void withoutUserEmptiesOnlyThatRow() {
    Dataset d = TestData.ratings();
    Dataset w = TestData.withoutUser(d, 0);
    assertThat(w.matrix().rowLength(0)).isZero();
    assertThat(w.size()).isEqualTo(d.size() - d.matrix().rowLength(0));
    assertThat(w.users()).isSameAs(d.users());
  }

  @Test
  void tabRatingsReadsTabAndSpaceSeparatedLines(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("r.data");
    Files.writeString(f, "1\t10\t5\t100\n\n2 20 3.5 200\n1\t30\t1\t300\n");
    TabRatings.Columns c = TabRatings.read(f);
    assertThat(c.users()).containsExactly(1, 2, 1);
    assertThat(c.items()).containsExactly(10, 20, 30);
    assertThat(c.ratings()).containsExactly(5f, 3.5f, 1f);
    assertThat(c.times()).containsExactly(100, 200, 300);
    Files.writeString(f, "1\t10\n");
    assertThatThrownBy(() -> TabRatings.read(f)).hasMessageContaining(":1:");
  }

  @Test
  void trainTestSharesOneIndexSpaceAndPartitionsTheEntries(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("u.base");
    Path test = dir.resolve("u.test");
    Files.writeString(base, "1\t10\t5\t1\n1\t20\t3\t2\n2\t10\t4\t3\n");
    Files.writeString(test, "2\t20\t2\t4\n3\t30\t1\t5\n");
    Split s = TabRatings.trainTest("toy", 1, base, test);
    assertThat(s.train().users()).isSameAs(s.test().users());
    assertThat(s.train().userCount()).isEqualTo(3);
    assertThat(s.train().itemCount()).isEqualTo(3);
    assertThat(s.train().size()).isEqualTo(3);
    assertThat(s.test().size()).isEqualTo(2);
    // user 3 and item 30 appear only in the test file: cold in training
    assertThat(s.train().matrix().rowLength(2)).isZero();
    assertThat(s.test().matrix().get(1, 1)).isEqualTo(2f);
    assertThat(s.train().matrix().get(1, 1)).isNaN();
  }

  @Test
  void sharedDataLivesNextToTheRepository() {
    Path root = SharedData.root();
    assertThat(root.endsWith(Path.of("shared", "data"))).isTrue();
    if (Files.isDirectory(root.resolve("ml-100k"))) {
      assertThat(SharedData.file("ml-100k", "u.data")).isRegularFile();
    }
  }
}
