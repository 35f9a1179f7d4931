package io.reco4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reco4j.data.Dataset;
import io.reco4j.data.DuplicatePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loading facade: snapshots are reused while source and options are unchanged. */
class DataLoaderTest {
  @TempDir
  Path tmp;

  private Path cache;
  private Path source;
  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void writeSource() throws IOException {
    cache = tmp.resolve("cache");
    source = tmp.resolve("ratings.csv");
    Files.writeString(source, "userId,movieId,rating,timestamp\n1,10,4.0,100\n1,11,3.5,200\n"
        + "2,10,5.0,300\n1,10,2.0,400\n");
  }

  private DataLoader loader() {
    return new DataLoader(cache, true, warnings::add);
  }

  @Test
  void theSecondLoadComesFromTheSnapshotWithTheSameData() throws IOException {
    DelimitedLoader.LoadResult first = loader().load(source, LoadOptions.defaults());
    DelimitedLoader.LoadResult second = loader().load(source, LoadOptions.defaults().withThreads(3));
    assertThat(first.stats().fromSnapshot()).isFalse();
    assertThat(second.stats().fromSnapshot()).isTrue();
    assertThat(second.dataset().fingerprint()).isEqualTo(first.dataset().fingerprint());
    assertThat(Fixtures.entries(second.dataset()))
        .containsExactly("1,10,2.0,400", "1,11,3.5,200", "2,10,5.0,300");
    assertThat(warnings).isEmpty();
  }

  @Test
  void aTouchedSourceIsParsedAgain() throws IOException {
    loader().load(source, LoadOptions.defaults());
    Files.setLastModifiedTime(source,
        FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() + 5_000));
    assertThat(loader().load(source, LoadOptions.defaults()).stats().fromSnapshot()).isFalse();
    assertThat(loader().load(source, LoadOptions.defaults()).stats().fromSnapshot()).isTrue();
  }

  @Test
  void anAppendedLineIsSeenOnTheNextLoad() throws IOException {
    loader().load(source, LoadOptions.defaults());
    FileTime before = Files.getLastModifiedTime(source);
    Files.writeString(source, "3,12,1.0,500\n", StandardOpenOption.APPEND);
    Files.setLastModifiedTime(source, before); // even with the old modification time
    DelimitedLoader.LoadResult r = loader().load(source, LoadOptions.defaults());
    assertThat(r.stats().fromSnapshot()).isFalse();
    assertThat(Fixtures.entries(r.dataset())).contains("3,12,1.0,500").hasSize(4);
  }

  @Test
  void otherOptionsAreParsedAgainAndKeepTheirOwnSnapshot() throws IOException {
    LoadOptions last = LoadOptions.defaults();
    LoadOptions first = LoadOptions.defaults().withDuplicates(DuplicatePolicy.FIRST);
    loader().load(source, last);
    DelimitedLoader.LoadResult r = loader().load(source, first);
    assertThat(r.stats().fromSnapshot()).isFalse();
    assertThat(Fixtures.entries(r.dataset())).startsWith("1,10,4.0,100");
    DelimitedLoader.LoadResult again = loader().load(source, last);
    assertThat(again.stats().fromSnapshot()).isTrue();
    assertThat(Fixtures.entries(again.dataset())).startsWith("1,10,2.0,400");
    assertThat(loader().load(source, first).stats().fromSnapshot()).isTrue();
  }

  @Test
  void anUnwritableCacheOnlyWarns() throws IOException {
    Path notADir = tmp.resolve("cache-is-a-file");
    Files.writeString(notADir, "x");
    DataLoader l = new DataLoader(notADir, true, warnings::add);
    DelimitedLoader.LoadResult r = l.load(source, LoadOptions.defaults());
    assertThat(r.dataset().size()).isEqualTo(3);
    assertThat(warnings).singleElement().asString().contains("could not write snapshot");
    assertThat(l.load(source, LoadOptions.defaults()).stats().fromSnapshot()).isFalse();
  }

  @Test
  void aCorruptSnapshotIsIgnoredWithAWarningAndReplaced() throws IOException {
    loader().load(source, LoadOptions.defaults());
    Path snap;
    try (Stream<Path> s = Files.list(cache)) {
      snap = s.filter(p -> p.toString().endsWith(".r4js")).findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(snap);
    for (long pos : new long[] {b.length - 20, 30, 16}) { // an array byte, header bytes
      b = Files.readAllBytes(snap);
      b[(int) pos] ^= 0x41;
      Files.write(snap, b);
      warnings.clear();
      DelimitedLoader.LoadResult r = loader().load(source, LoadOptions.defaults());
      assertThat(r.stats().fromSnapshot()).isFalse();
      assertThat(r.dataset().size()).isEqualTo(3);
      if (pos == 16) {
        assertThat(warnings).singleElement().asString().contains("corrupt snapshot header");
      } else if (pos != 30) { // byte 30 lies in the stored source path: a mismatch, no warning
        assertThat(warnings).singleElement().asString().contains("checksum");
      }
      assertThat(loader().load(source, LoadOptions.defaults()).stats().fromSnapshot()).isTrue();
    }
  }

  @Test
  void aLoadWithSkippedLinesWritesNoSnapshot() throws IOException {
    Files.writeString(source, "2,11,bad,500\n", StandardOpenOption.APPEND);
    LoadOptions skip = LoadOptions.defaults().withOnError(OnError.SKIP);
    assertThat(loader().load(source, skip).stats().skipped()).isEqualTo(1);
    DelimitedLoader.LoadResult again = loader().load(source, skip);
    assertThat(again.stats().fromSnapshot()).isFalse();
    assertThat(again.stats().skipped()).isEqualTo(1);
  }

  @Test
  void snapshotsCanBeTurnedOff() throws IOException {
    DataLoader l = new DataLoader(cache, false, warnings::add);
    l.load(source, LoadOptions.defaults());
    assertThat(l.load(source, LoadOptions.defaults()).stats().fromSnapshot()).isFalse();
    assertThat(Files.exists(cache)).isFalse();
  }

  @Test
  void aMissingPathOrAPlainFolderIsAnErrorNamingThePath() throws IOException {
    Path missing = tmp.resolve("nope.csv");
    DataFormatException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        DataFormatException.class, () -> loader().load(missing, LoadOptions.defaults()));
    assertThat(e).isNotNull();
    assertThat(e.file()).isEqualTo(missing);
    Path folder = tmp.resolve("plain-folder");
    Files.createDirectories(folder);
    DataFormatException dir = org.assertj.core.api.Assertions.catchThrowableOfType(
        DataFormatException.class, () -> loader().load(folder, LoadOptions.defaults()));
    assertThat(dir).isNotNull();
    assertThat(dir.reason()).contains("not a MovieLens release");
  }

  @Test
  void aMovieLensFolderKeepsItsTitlesThroughTheSnapshot() throws IOException {
    Path ml = Fixtures.sharedData().resolve("ml-100k");
    assumeTrue(Files.isDirectory(ml));
    Dataset parsed = loader().load(ml, LoadOptions.defaults()).dataset();
    DelimitedLoader.LoadResult r = loader().load(ml, LoadOptions.defaults());
    assertThat(r.stats().fromSnapshot()).isTrue();
    assertThat(r.dataset().fingerprint()).isEqualTo(parsed.fingerprint());
    int toyStory = r.dataset().items().require("1");
    assertThat(r.dataset().metadata().title(toyStory)).isEqualTo("Toy Story (1995)");
    assertThat(r.dataset().metadata().genresOf(toyStory))
        .containsExactly("Animation", "Children's", "Comedy");
  }
}
