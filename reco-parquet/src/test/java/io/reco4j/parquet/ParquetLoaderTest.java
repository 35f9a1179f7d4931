package io.reco4j.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetLoaderTest {
  @TempDir Path dir;

  /** Writes the result of a DuckDB query to a Parquet file. */
  static Path writeParquet(Path file, String query, String options) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("COPY (" + query + ") TO '" + file.toString().replace("'", "''")
          + "' (FORMAT PARQUET" + options + ")");
    }
    return file;
  }

  /** Seeded random ratings-shaped rows, with repeated (user, item) pairs. */
  record Rows(long[] users, long[] items, float[] ratings, long[] times) {
    static Rows random(long seed, int n, long idBase) {
      SplittableRandom rnd = new SplittableRandom(seed);
      Rows r = new Rows(new long[n], new long[n], new float[n], new long[n]);
      for (int k = 0; k < n; k++) {
        r.users[k] = idBase + rnd.nextInt(1 + n / 8);
        r.items[k] = idBase * 3 + rnd.nextInt(1 + n / 4);
        r.ratings[k] = (1 + rnd.nextInt(10)) / 2f;
        r.times[k] = 900_000_000L + rnd.nextInt(600_000_000);
      }
      return r;
    }

    /** The rows as a DuckDB VALUES list, in order. */
    String values(String idType, String ratingType) {
      StringBuilder sb = new StringBuilder("SELECT * FROM (VALUES ");
      for (int k = 0; k < users.length; k++) {
        sb.append(k == 0 ? "" : ", ").append('(').append(k).append(", ")
            .append(users[k]).append("::").append(idType).append(", ")
            .append(items[k]).append("::").append(idType).append(", ")
            .append(ratings[k]).append("::").append(ratingType).append(", ")
            .append(times[k]).append("::BIGINT)");
      }
      return sb.append(") t(k, userId, movieId, rating, \"timestamp\") ORDER BY k").toString();
    }
  }

  @Property(tries = 12)
  void loadedDatasetEqualsOneBuiltFromTheSameColumns(
      @ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll("seeds") long seed,
      @ForAll("idTypes") String idType,
      @ForAll("ratingTypes") String ratingType,
      @ForAll DuplicatePolicy policy,
      @ForAll @IntRange(min = 1, max = 2) int threads) throws Exception {
    Path dir = Files.createTempDirectory("reco-parquet");
    try {
      Rows r = Rows.random(seed, n, idType.equals("BIGINT") ? 5_000_000_000L : 1);
      // small row groups: duplicates span row groups that DuckDB may decode in parallel
      Path file = writeParquet(dir.resolve("r.parquet"),
          "SELECT userId, movieId, rating, \"timestamp\" FROM (" + r.values(idType, ratingType)
              + ")", ", ROW_GROUP_SIZE 256");
      DuplicatePolicy p = policy == DuplicatePolicy.ERROR ? DuplicatePolicy.MEAN : policy;
      Dataset loaded = ParquetLoader.load(file, ParquetColumns.defaults(), p, threads);
      Dataset direct = Datasets.fromNumericIds("r", r.users(), r.items(), r.ratings(), r.times(),
          p, threads);
      assertThat(loaded).isEqualTo(direct);
      assertThat(loaded.explicit()).isTrue();
      assertThat(loaded.matrix().hasTimestamps()).isTrue();
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Long> seeds() {
    return net.jqwik.api.Arbitraries.longs();
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> idTypes() {
    return net.jqwik.api.Arbitraries.of("INTEGER", "BIGINT");
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> ratingTypes() {
    return net.jqwik.api.Arbitraries.of("FLOAT", "DOUBLE");
  }

  @Test
  void stringIdsLoadAsStringIndices() throws Exception {
    Path file = writeParquet(dir.resolve("s.parquet"), "SELECT * FROM (VALUES"
        + " ('u2', 'b', 4.0::FLOAT), ('u1', 'a', 3.5::FLOAT), ('u2', 'a', 1.0::FLOAT))"
        + " t(user_id, item_id, rating)", "");
    Dataset d = ParquetLoader.load(file, 1);
    Dataset direct = Datasets.fromStringIds("s", new String[] {"u2", "u1", "u2"},
        new String[] {"b", "a", "a"}, new float[] {4f, 3.5f, 1f}, null, DuplicatePolicy.LAST, 1);
    assertThat(d).isEqualTo(direct);
    assertThat(d.users().isNumeric()).isFalse();
    assertThat(d.users().require("u1")).isEqualTo(0);
  }

  @Test
  void aStringUserAndAnIntegerItemBothBecomeStringIds() throws Exception {
    Path file = writeParquet(dir.resolve("m.parquet"),
        "SELECT * FROM (VALUES ('alice', 10), ('bob', 2)) t(user, item)", "");
    Dataset d = ParquetLoader.load(file, 1);
    assertThat(d.items().isNumeric()).isFalse();
    assertThat(d).isEqualTo(Datasets.fromStringIds("m", new String[] {"alice", "bob"},
        new String[] {"10", "2"}, null, null, DuplicatePolicy.LAST, 1));
  }

  @Test
  void aFileWithoutRatingsLoadsAsImplicitData() throws Exception {
    Path file = writeParquet(dir.resolve("clicks.parquet"),
        "SELECT * FROM (VALUES (1, 7, 100), (1, 7, 200), (2, 8, 300)) t(user, item, ts)", "");
    Dataset d = ParquetLoader.load(file, ParquetColumns.defaults(), DuplicatePolicy.SUM, 1);
    assertThat(d.explicit()).isFalse();
    assertThat(d.name()).isEqualTo("clicks");
    assertThat(d).isEqualTo(Datasets.fromNumericIds("clicks", new long[] {1, 1, 2},
        new long[] {7, 7, 8}, null, new long[] {100, 200, 300}, DuplicatePolicy.SUM, 1));
    assertThat(d.matrix().get(0, 0)).isEqualTo(2f);
  }

  @Test
  void withoutRatingIgnoresTheRatingColumn() throws Exception {
    Path file = writeParquet(dir.resolve("r.parquet"),
        "SELECT * FROM (VALUES (1, 7, 5.0), (2, 8, 1.0)) t(userId, movieId, rating)", "");
    Dataset d = ParquetLoader.load(file, ParquetColumns.defaults().withoutRating(),
        DuplicatePolicy.LAST, 1);
    assertThat(d.explicit()).isFalse();
    assertThat(d.matrix().values()).containsExactly(1f, 1f);
  }

  @Test
  void explicitColumnNamesAndCaseInsensitiveMatching() throws Exception {
    Path file = writeParquet(dir.resolve("c.parquet"), "SELECT * FROM (VALUES"
        + " (3::UTINYINT, 4::SMALLINT, 2::INTEGER, 50::INTEGER, 'x'))"
        + " t(\"Customer\", product, stars, \"when\", other)", "");
    Dataset d = ParquetLoader.load(file,
        ParquetColumns.of("customer", "product", "stars", "when"), DuplicatePolicy.LAST, 1);
    assertThat(d).isEqualTo(Datasets.fromNumericIds("c", new long[] {3}, new long[] {4},
        new float[] {2f}, new long[] {50}, DuplicatePolicy.LAST, 1));
  }

  @Test
  void decimalRatingsAndTimestampColumnsAreConverted() throws Exception {
    Path file = writeParquet(dir.resolve("t.parquet"), "SELECT * FROM (VALUES"
        + " (1, 2, 3.5::DECIMAL(3,1), TIMESTAMP '2001-09-09 01:46:40.750'),"
        + " (1, 3, 4.0::DECIMAL(3,1), TIMESTAMP '1970-01-01 00:00:10'))"
        + " t(userId, movieId, rating, \"timestamp\")", "");
    Dataset d = ParquetLoader.load(file, 1);
    assertThat(d).isEqualTo(Datasets.fromNumericIds("t", new long[] {1, 1}, new long[] {2, 3},
        new float[] {3.5f, 4f}, new long[] {1_000_000_000L, 10L}, DuplicatePolicy.LAST, 1));
  }

  @Test
  void aMissingColumnErrorNamesTheAvailableColumns() throws Exception {
    Path file = writeParquet(dir.resolve("x.parquet"),
        "SELECT * FROM (VALUES (1, 2)) t(customer, movieId)", "");
    assertThatThrownBy(() -> ParquetLoader.load(file, 1))
        .isInstanceOf(ParquetInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no user column")
        .hasMessageContaining("userId, user_id, user")
        .hasMessageContaining("customer INTEGER, movieId INTEGER");
    assertThatThrownBy(() -> ParquetLoader.load(file,
        ParquetColumns.of("customer", "movieId", "rating", null), DuplicatePolicy.LAST, 1))
        .isInstanceOf(ParquetInputException.class)
        .hasMessageContaining("no rating column (looked for rating)");
  }

  @Test
  void aNullValueErrorNamesFileRowAndColumn() throws Exception {
    Path file = writeParquet(dir.resolve("n.parquet"), "SELECT * FROM (VALUES"
        + " (0, 1, 2, 4.0), (1, 1, 3, 3.0), (2, 2, NULL, 5.0)) t(k, userId, movieId, rating)"
        + " ORDER BY k", "");
    assertThatThrownBy(() -> ParquetLoader.load(file, 1))
        .isInstanceOf(ParquetInputException.class)
        .hasMessage("null item in column 'movieId' at row 2 (counting from 0, in file order)"
            + " of Parquet file " + file);
  }

  @Test
  void aNullRatingIsAnErrorToo() throws Exception {
    Path file = writeParquet(dir.resolve("n.parquet"),
        "SELECT * FROM (VALUES (1, 2, NULL::FLOAT)) t(userId, movieId, rating)", "");
    assertThatThrownBy(() -> ParquetLoader.load(file, 1))
        .hasMessageContaining("null rating in column 'rating' at row 0");
  }

  @Test
  void anUnsupportedTypeIsNamed() throws Exception {
    Path file = writeParquet(dir.resolve("d.parquet"),
        "SELECT * FROM (VALUES (1.5::DOUBLE, 2)) t(userId, movieId)", "");
    assertThatThrownBy(() -> ParquetLoader.load(file, 1))
        .isInstanceOf(ParquetInputException.class)
        .hasMessageContaining("column 'userId' (user)")
        .hasMessageContaining("has type DOUBLE; expected an integer or string column");
  }

  @Test
  void aFileThatIsNotParquetGivesAClearError() throws Exception {
    Path file = dir.resolve("ratings.parquet");
    Files.writeString(file, "userId,movieId,rating\n1,2,3.5\n", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> ParquetLoader.load(file, 1))
        .isInstanceOf(ParquetInputException.class)
        .hasMessageStartingWith("cannot read Parquet file " + file + ": ")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("\tat ");
  }

  @Test
  void aTruncatedFileGivesAClearError() throws Exception {
    Path file = writeParquet(dir.resolve("t.parquet"),
        "SELECT i AS userId, i % 7 AS movieId FROM range(10000) r(i)", "");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }
    assertThatThrownBy(() -> ParquetLoader.load(file, 1))
        .isInstanceOf(ParquetInputException.class)
        .hasMessageStartingWith("cannot read Parquet file " + file + ": ");
  }

  @Test
  void aCorruptDataPageIsAnErrorNotASilentlyShortDataset() throws Exception {
    Path file = writeParquet(dir.resolve("p.parquet"),
        "SELECT i AS userId, (i * 7919) % 1000 AS movieId FROM range(200000) r(i)",
        ", ROW_GROUP_SIZE 50000, COMPRESSION snappy");
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      // overwrite bytes in the middle of the data, well away from the footer
      byte[] junk = new byte[4096];
      new SplittableRandom(7).nextBytes(junk);
      raf.seek(size / 2);
      raf.write(junk);
    }
    assertThatThrownBy(() -> ParquetLoader.load(file, 2))
        .isInstanceOf(ParquetInputException.class)
        .hasMessageStartingWith("cannot read Parquet file " + file + ": ");
  }

  @Test
  void aFileNameWithGlobCharactersReadsOnlyThatFile() throws Exception {
    Path file = writeParquet(dir.resolve("r*[1].parquet"),
        "SELECT 1 AS userId, 2 AS movieId", "");
    writeParquet(dir.resolve("rX1.parquet"), "SELECT 3 AS userId, 4 AS movieId", "");
    Dataset d = ParquetLoader.load(file, 1);
    assertThat(d.size()).isEqualTo(1);
    assertThat(d.users().numericIds()).containsExactly(1L);
    try (var left = Files.list(file.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("r*[1].parquet", "rX1.parquet");
    }
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    Path file = dir.resolve("absent.parquet");
    assertThatThrownBy(() -> ParquetLoader.load(file, 1))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("absent.parquet");
  }

  @Test
  void columnSpecificationsAreValidated() {
    assertThatThrownBy(() -> new ParquetColumns(ParquetColumns.Column.none(),
        ParquetColumns.Column.named("item"), ParquetColumns.Column.none(),
        ParquetColumns.Column.none()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParquetColumns.Column.named(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
