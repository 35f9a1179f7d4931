package io.reco4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.ItemMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binary snapshots: exact round trips, and every kind of damage is detected. */
class SnapshotsTest {
  @TempDir
  Path tmp;

  private static final Snapshots.SourceKey KEY =
      new Snapshots.SourceKey("/data/ratings.csv", 1234, 5678, 91011, "delimited|,|null");

  /** A random dataset with string or numeric ids, optional (compact or wide) times and metadata. */
  private static Dataset random(long seed, boolean stringIds, int timeKind, boolean metadata) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 5_000;
    float[] ratings = new float[n];
    long[] times = timeKind == 0 ? null : new long[n];
    long[] u = new long[n];
    long[] i = new long[n];
    for (int k = 0; k < n; k++) {
      u[k] = (1L << 40) + r.nextInt(300); // large ids
      i[k] = r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L) / 1_000_000 * 1_000_000
          + r.nextInt(2_000);
      ratings[k] = 0.5f * (1 + r.nextInt(10));
      if (times != null) {
        times[k] = timeKind == 1 ? 1_000_000_000L + r.nextInt(100_000_000)
            : r.nextLong(-(3L << 31), 3L << 31); // spans more than 2^31
      }
    }
    Dataset d;
    if (stringIds) {
      String[] us = new String[n];
      String[] is = new String[n];
      for (int k = 0; k < n; k++) {
        us[k] = "user-" + u[k] + "-é";
        is[k] = String.format("tt%07d", Math.floorMod(i[k], 10_000_000L));
      }
      d = Datasets.fromStringIds("random", us, is, ratings, times, DuplicatePolicy.LAST, 2);
    } else {
      d = Datasets.fromNumericIds("random", u, i, ratings, times, DuplicatePolicy.LAST, 2);
    }
    if (metadata) {
      ItemMetadata meta = ItemMetadata.empty(d.itemCount());
      for (int k = 0; k < d.itemCount(); k += 3) {
        meta.titles()[k] = "Title " + k + " — ünïcode";
        meta.genres()[k] = new String[] {"Drama", "Comedy"};
        meta.tags()[k] = k % 2 == 0 ? new String[] {"tag" + k} : new String[0];
      }
      d = new Dataset(d.name(), d.users(), d.items(), d.matrix(), d.explicit(), meta);
    }
    return d;
  }

  private static void assertSameDataset(Dataset actual, Dataset expected) {
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.users()).isEqualTo(expected.users());
    assertThat(actual.items()).isEqualTo(expected.items());
    assertThat(actual.explicit()).isEqualTo(expected.explicit());
    assertThat(actual.matrix()).isEqualTo(expected.matrix());
    assertThat(actual.fingerprint()).isEqualTo(expected.fingerprint());
    if (expected.matrix().hasTimestamps()) {
      assertThat(actual.matrix().timestamps().isCompact())
          .isEqualTo(expected.matrix().timestamps().isCompact());
    } else {
      assertThat(actual.matrix().hasTimestamps()).isFalse();
    }
    if (expected.metadata() == null) {
      assertThat(actual.metadata()).isNull();
    } else {
      assertThat(actual.metadata().titles()).containsExactly(expected.metadata().titles());
      assertThat(actual.metadata().genres()).isDeepEqualTo(expected.metadata().genres());
      assertThat(actual.metadata().tags()).isDeepEqualTo(expected.metadata().tags());
    }
  }

  @Test
  void aSnapshotReadsBackExactlyTheDatasetItWasWrittenFrom() throws IOException {
    int n = 0;
    for (boolean stringIds : new boolean[] {false, true}) {
      for (int timeKind = 0; timeKind < 3; timeKind++) {
        for (boolean meta : new boolean[] {false, true}) {
          Dataset d = random(n, stringIds, timeKind, meta);
          if (timeKind == 1) {
            assertThat(d.matrix().timestamps().isCompact()).isTrue();
          } else if (timeKind == 2) {
            assertThat(d.matrix().timestamps().isCompact()).as("timestamps span > 2^31").isFalse();
          }
          Path file = tmp.resolve("snap-" + n++ + ".r4js");
          Snapshots.write(d, KEY, file);
          assertSameDataset(Snapshots.read(file), d);
          assertThat(Snapshots.readKey(file)).isEqualTo(KEY);
        }
      }
    }
  }

  @Test
  void anImplicitDatasetAndAnEmptyRowRoundTrip() throws IOException {
    Dataset d = Datasets.fromNumericIds("implicit", new long[] {1, 1, 3}, new long[] {7, 8, 7},
        null, null, DuplicatePolicy.LAST, 1);
    Path file = tmp.resolve("implicit.r4js");
    Snapshots.write(d, KEY, file);
    assertSameDataset(Snapshots.read(file), d);
  }

  @Test
  void writingLeavesNoTemporaryFilesBehind() throws IOException {
    Path file = tmp.resolve("clean.r4js");
    Snapshots.write(random(1, false, 1, true), KEY, file);
    Snapshots.write(random(2, false, 1, true), KEY, file); // replaces the first
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("clean.r4js");
    }
    assertSameDataset(Snapshots.read(file), random(2, false, 1, true));
  }

  private Path written() throws IOException {
    Path file = tmp.resolve("victim.r4js");
    Snapshots.write(random(3, true, 2, true), KEY, file);
    return file;
  }

  private static void flipByte(Path file, long pos) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, pos);
      b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
      ch.write(b, pos);
    }
  }

  @Test
  void aCorruptByteInTheMiddleIsReportedAsAChecksumMismatch() throws IOException {
    Path file = written();
    flipByte(file, Files.size(file) / 2);
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> Snapshots.read(file));
    assertThat(e).isNotNull();
    assertThat(e.file()).isEqualTo(file);
    assertThat(e.reason()).contains("checksum");
  }

  @Test
  void aTruncatedSnapshotIsRejected() throws IOException {
    Path file = written();
    long size = Files.size(file);
    for (long keep : new long[] {size - 1, size - 8, size / 2, 20, 10, 0}) {
      Path cut = tmp.resolve("cut-" + keep + ".r4js");
      try (FileChannel in = FileChannel.open(file);
          FileChannel out = FileChannel.open(cut, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE)) {
        in.transferTo(0, keep, out);
      }
      DataFormatException e = catchThrowableOfType(DataFormatException.class,
          () -> Snapshots.read(cut));
      assertThat(e).as("truncated to %d of %d bytes", keep, size).isNotNull();
      assertThat(e.reason()).containsAnyOf("truncated", "checksum", "too short");
    }
  }

  @Test
  void aFileWithAnotherMagicIsNotTakenForASnapshot() throws IOException {
    Path file = written();
    flipByte(file, 0);
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> Snapshots.read(file));
    assertThat(e).isNotNull();
    assertThat(e.reason()).contains("bad magic");
    Path csv = Fixtures.badInput("crlf.csv");
    assertThat(catchThrowableOfType(DataFormatException.class, () -> Snapshots.read(csv)))
        .isNotNull();
  }

  @Test
  void aSnapshotOfAnotherFormatVersionIsRejectedNamingTheVersion() throws IOException {
    Path file = written();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, 99), 8);
    }
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> Snapshots.read(file));
    assertThat(e).isNotNull();
    assertThat(e.reason()).contains("version 99");
  }
}
