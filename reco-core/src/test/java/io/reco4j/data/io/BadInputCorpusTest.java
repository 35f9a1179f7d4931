package io.reco4j.data.io;

import static io.reco4j.data.io.Fixtures.badInput;
import static io.reco4j.data.io.Fixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reco4j.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code bad-input} corpus (see its README.md): every malformed file fails with the exact
 * file, line and field, loads its good lines under {@link OnError#SKIP}, and the well-formed
 * oddities (BOM, CRLF, quotes, string ids …) load exactly the expected entries.
 */
class BadInputCorpusTest {
  private static final List<String> GOOD_LINES_OF_FOUR = List.of(
      "1,10,4.0,100", "1,11,3.5,200", "2,10,5.0,300", "2,12,1.0,400");

  /** A malformed line: where the error is, and what loads when such lines are skipped. */
  record BadLine(String file, long line, String field, String reasonPart, List<Long> skippedLines,
      List<String> loaded) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<BadLine> badLines() {
    return Stream.of(
        new BadLine("too-few-fields.csv", 3, "'timestamp' (column 4)", "found 3",
            List.of(3L), without("1,11,3.5,200")),
        new BadLine("too-many-fields.csv", 4, "(column 5)", "found more",
            List.of(4L), without("2,10,5.0,300")),
        new BadLine("non-numeric-rating.csv", 3, "'rating' (column 3)", "'good' is not a number",
            List.of(3L), without("1,11,3.5,200")),
        new BadLine("nan-rating.csv", 4, "'rating' (column 3)", "'NaN' is not a number",
            List.of(4L), without("2,10,5.0,300")),
        new BadLine("infinite-rating.csv", 3, "'rating' (column 3)", "'inf'",
            List.of(3L, 5L, 6L), List.of("1,10,4.0,100", "2,10,5.0,300", "3,12,2.5,600")),
        new BadLine("float-overflow-rating.csv", 4, "'rating' (column 3)", "overflows a 32-bit float",
            List.of(4L), without("2,10,5.0,300")),
        new BadLine("user-id-overflow.csv", 2, "'user' (column 1)", "overflows a 64-bit integer",
            List.of(2L), without("1,10,4.0,100")),
        new BadLine("timestamp-overflow.csv", 4, "'timestamp' (column 4)",
            "overflows a 64-bit integer", List.of(4L), without("2,10,5.0,300")),
        new BadLine("non-integer-timestamp.csv", 3, "'timestamp' (column 4)", "is not an integer",
            List.of(3L), without("1,11,3.5,200")),
        new BadLine("unterminated-quote.csv", 4, "'item' (column 2)", "unterminated quote",
            List.of(4L), without("2,10,5.0,300")));
  }

  private static List<String> without(String bad) {
    return GOOD_LINES_OF_FOUR.stream().filter(l -> !l.equals(bad)).toList();
  }

  private static LoadOptions fail() {
    return LoadOptions.defaults().withThreads(2);
  }

  private static LoadOptions skip() {
    return fail().withOnError(OnError.SKIP);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLines")
  @DisplayName("a malformed line fails the load naming the file, its line and its field")
  void malformedLineFailsNamingFileLineAndField(BadLine c) {
    Path file = badInput(c.file());
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> DelimitedLoader.load(file, fail()));
    assertThat(e).as("exception for %s", c.file()).isNotNull();
    assertThat(e.file()).isEqualTo(file);
    assertThat(e.line()).isEqualTo(c.line());
    assertThat(e.field()).isEqualTo(c.field());
    assertThat(e.reason()).contains(c.reasonPart());
    assertThat(e.getMessage())
        .startsWith(file.toString())
        .contains("line " + c.line())
        .contains("field " + c.field());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLines")
  @DisplayName("a malformed line is skipped and counted under SKIP, and the good lines load exactly")
  void malformedLineIsSkippedAndCounted(BadLine c) throws IOException {
    DelimitedLoader.LoadResult r = DelimitedLoader.load(badInput(c.file()), skip());
    assertThat(r.stats().skipped()).isEqualTo(c.skippedLines().size());
    assertThat(r.stats().skippedExamples()).hasSize(c.skippedLines().size());
    for (int k = 0; k < c.skippedLines().size(); k++) {
      assertThat(r.stats().skippedExamples().get(k))
          .startsWith("line " + c.skippedLines().get(k) + ", field ");
    }
    assertThat(r.stats().rows()).isEqualTo(c.loaded().size());
    assertThat(r.stats().dataLines()).isEqualTo(c.loaded().size() + c.skippedLines().size());
    assertThat(r.dataset().users().isNumeric()).isTrue();
    assertThat(entries(r.dataset())).containsExactlyElementsOf(c.loaded());
  }

  @Test
  void aTabFileReadWithACommaDelimiterFailsOnLineOneWithAHint() {
    Path file = badInput("wrong-delimiter.tsv");
    for (OnError policy : OnError.values()) {
      DataFormatException e = catchThrowableOfType(DataFormatException.class,
          () -> DelimitedLoader.load(file, fail().withDelimiter(",").withOnError(policy)));
      assertThat(e).isNotNull();
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.field()).isNull();
      assertThat(e.reason()).contains("found 1").contains("--delimiter '\\t'");
      assertThat(e.getMessage()).startsWith(file.toString());
    }
  }

  @Test
  void theSameTabFileLoadsWhenTheDelimiterIsDetected() throws IOException {
    Dataset d = DelimitedLoader.load(badInput("wrong-delimiter.tsv"), fail()).dataset();
    assertThat(entries(d)).containsExactly("1,10,4.0,100", "1,11,3.5,200", "2,10,5.0,300");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"empty.csv:empty", "header-only.csv:no data rows after the header",
      "blank-only.csv:only blank lines"})
  void aFileWithoutDataFailsAsAWholeUnderEitherPolicy(String spec) {
    String name = spec.substring(0, spec.indexOf(':'));
    String reason = spec.substring(spec.indexOf(':') + 1);
    Path file = badInput(name);
    for (OnError policy : OnError.values()) {
      DataFormatException e = catchThrowableOfType(DataFormatException.class,
          () -> DelimitedLoader.load(file, fail().withOnError(policy)));
      assertThat(e).as("%s under %s", name, policy).isNotNull();
      assertThat(e.line()).isZero();
      assertThat(e.field()).isNull();
      assertThat(e.reason()).contains(reason);
      assertThat(e.getMessage()).startsWith(file.toString());
    }
  }

  @Test
  void columnsChosenByNameOnAFileWithoutHeaderFailOnLineOne() {
    Path file = badInput("missing-header.csv");
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> DelimitedLoader.load(file,
            fail().withColumns(ColumnMapping.parse("user=userId,item=movieId,rating=rating"))));
    assertThat(e).isNotNull();
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.reason()).contains("missing header");
  }

  @Test
  void theSameFileLoadsWithPositionalColumns() throws IOException {
    Dataset d = DelimitedLoader.load(badInput("missing-header.csv"),
        fail().withColumns(ColumnMapping.parse("user,item,rating,timestamp"))).dataset();
    assertThat(entries(d)).containsExactly("1,10,4.0,100", "1,11,3.5,200", "2,10,5.0,300");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"utf8-bom-header.csv", "crlf.csv", "no-trailing-newline.csv",
      "blank-lines-middle.csv", "quoted-ids.csv"})
  void aWellFormedOddityLoadsExactlyItsEntries(String name) throws IOException {
    for (int threads : new int[] {1, 3}) {
      DelimitedLoader.LoadResult r =
          DelimitedLoader.load(badInput(name), fail().withThreads(threads));
      Dataset d = r.dataset();
      assertThat(entries(d)).containsExactly("1,10,4.0,100", "1,11,3.5,200", "2,10,5.0,300");
      assertThat(d.users().isNumeric()).isTrue();
      assertThat(d.items().isNumeric()).isTrue();
      assertThat(d.explicit()).isTrue();
      assertThat(r.stats().skipped()).isZero();
      assertThat(r.stats().dataLines()).isEqualTo(3);
    }
  }

  @Test
  void stringIdsLikeImdbIdsLoadAsStringsInSortedOrder() throws IOException {
    Dataset d = DelimitedLoader.load(badInput("string-ids.csv"), fail()).dataset();
    assertThat(d.users().isNumeric()).isFalse();
    assertThat(d.items().isNumeric()).isFalse();
    assertThat(d.users().stringIds()).containsExactly("u1", "u2");
    assertThat(d.items().stringIds()).containsExactly("tt0113497", "tt0114709");
    assertThat(d.matrix().hasTimestamps()).isFalse();
    assertThat(entries(d)).containsExactly(
        "u1,tt0113497,3.5", "u1,tt0114709,4.0", "u2,tt0114709,5.0");
  }

  @Test
  void implicitDataWithOnlyUserAndItemLoadsWithValueOne() throws IOException {
    Dataset d = DelimitedLoader.load(badInput("implicit.csv"), fail()).dataset();
    assertThat(d.explicit()).isFalse();
    assertThat(d.matrix().hasTimestamps()).isFalse();
    assertThat(entries(d)).containsExactly("1,10,1.0", "1,11,1.0", "2,10,1.0", "3,12,1.0");
  }

  @Test
  void theReadmeDescribesEveryFileOfTheCorpus() throws IOException {
    Path dir = badInput("README.md").getParent();
    String readme = java.nio.file.Files.readString(dir.resolve("README.md"));
    try (Stream<Path> files = java.nio.file.Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("README.md") && !n.startsWith(".")).toList();
      assertThat(names).hasSizeGreaterThanOrEqualTo(23);
      for (String n : names) {
        assertThat(readme).as("README mentions %s", n).contains("`" + n + "`");
      }
    }
  }

  @Test
  void manyLeadingBlankLinesBeforeTheHeaderAreSkipped(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("leading-blanks.csv");
    java.nio.file.Files.writeString(file, "\n".repeat(10) + "userId,movieId,rating\n1,10,4.0\n");
    assertThat(entries(DelimitedLoader.load(file, fail()).dataset())).containsExactly("1,10,4.0");
  }

  @Test
  void anEmptyStringIdIsAMalformedLineNamingItsField(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("empty-string-id.csv");
    java.nio.file.Files.writeString(file, "userId,movieId,rating\nu1,tt1,4.0\nu2,,3.0\nu3,tt2,1.0\n");
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> DelimitedLoader.load(file, fail()));
    assertThat(e).isNotNull();
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("'item' (column 2)");
    assertThat(e.reason()).contains("empty id");
    assertThat(entries(DelimitedLoader.load(file, skip()).dataset()))
        .containsExactly("u1,tt1,4.0", "u3,tt2,1.0");
  }

  @Test
  void anEmptyDelimiterIsRejectedByTheOptions() {
    assertThatThrownBy(() -> LoadOptions.defaults().withDelimiter(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
