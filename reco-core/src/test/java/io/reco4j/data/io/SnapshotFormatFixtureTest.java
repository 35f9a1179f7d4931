package io.reco4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.ItemMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A snapshot written by format version 1 is kept in the repository and must keep loading, with
 * the same content, for as long as version 1 is supported. Regenerate (only when adding a new
 * version's fixture) with {@code -Dreco4j.writeFixtures=true}.
 */
class SnapshotFormatFixtureTest {
  private static final Path FIXTURE = Path.of(System.getProperty("reco4j.root", "."),
      "reco-core", "src", "test", "resources", "formats", "snapshot-v1.r4js");

  static Dataset expected() {
    String[] users = {"u1", "u1", "u2", "u3", "u3", "u3"};
    String[] items = {"tt0114709", "tt0113497", "tt0114709", "tt0113228", "tt0114709", "tt0113497"};
    float[] ratings = {4f, 3.5f, 5f, 2f, 1.5f, 4f};
    long[] times = {964982703L, 964981247L, 847434962L, 1106635946L, 1510577970L, 1305696483L};
    Dataset d = Datasets.fromStringIds("tiny", users, items, ratings, times, DuplicatePolicy.LAST, 1);
    ItemMetadata meta = ItemMetadata.empty(d.itemCount());
    meta.titles()[d.items().require("tt0114709")] = "Toy Story (1995)";
    meta.genres()[d.items().require("tt0114709")] = new String[] {"Animation", "Comedy"};
    meta.tags()[d.items().require("tt0113497")] = new String[] {"board game"};
    return new Dataset("tiny", d.users(), d.items(), d.matrix(), true, meta);
  }

  @Test
  void theVersionOneSnapshotFixtureStillLoadsWithItsContent() throws Exception {
    Dataset want = expected();
    if (Boolean.getBoolean("reco4j.writeFixtures")) {
      Snapshots.write(want, new Snapshots.SourceKey("/fixtures/tiny.csv", 123, 456, 789, "v1"),
          FIXTURE);
    }
    assertThat(FIXTURE).exists();
    Dataset got = Snapshots.read(FIXTURE);
    assertThat(Snapshots.readKey(FIXTURE).source()).isEqualTo("/fixtures/tiny.csv");
    assertThat(got.users()).isEqualTo(want.users());
    assertThat(got.items()).isEqualTo(want.items());
    assertThat(got.matrix()).isEqualTo(want.matrix());
    assertThat(got.fingerprint()).isEqualTo(want.fingerprint());
    int toy = got.items().require("tt0114709");
    assertThat(got.metadata().title(toy)).isEqualTo("Toy Story (1995)");
    assertThat(got.metadata().genresOf(toy)).containsExactly("Animation", "Comedy");
    assertThat(got.metadata().tagsOf(got.items().require("tt0113497"))).containsExactly("board game");
    assertThat(Files.size(FIXTURE)).isLessThan(4096);
  }
}
