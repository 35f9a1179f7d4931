package io.reco4j.data.io;

import static io.reco4j.data.io.Fixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reco4j.data.Dataset;
import io.reco4j.data.DuplicatePolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random delimited files loaded with 1, 2 and 4 threads against a naive reference loader
 * (BufferedReader, split, TreeMap): same ids, entries, values and timestamps, and the same
 * fingerprint for every thread count. Every fourth seed writes a file of a few MB, which the
 * loader cuts into many chunks.
 */
class DelimitedLoaderReferenceTest {
  private static final String[] DELIMITERS = {",", "\t", "::"};
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  @TempDir
  Path tmp;

  enum IdKind { COMPACT, SPARSE, STRING, MIXED }

  /** What a generated file looks like. */
  record Shape(long seed, int rows, String delimiter, boolean header, boolean explicitDelimiter,
      IdKind userKind, IdKind itemKind, boolean hasRating, boolean hasTime, boolean wideTime,
      boolean extraColumn, boolean quoted, boolean crlf, boolean blankLines,
      boolean trailingNewline, DuplicatePolicy policy, List<String> columns) {}

  static Stream<Long> seeds() {
    return IntStream.range(0, 24).mapToObj(i -> 1000L + i);
  }

  private static Shape shape(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int rows = seed % 4 == 0 ? 130_000 + r.nextInt(40_000) : 50 + r.nextInt(6_000);
    IdKind[] kinds = IdKind.values();
    boolean hasRating = r.nextInt(5) != 0;
    boolean hasTime = r.nextBoolean();
    boolean header = r.nextBoolean();
    List<String> cols = new ArrayList<>(List.of("userId", "movieId"));
    if (hasRating) {
      cols.add("rating");
    }
    if (hasTime) {
      cols.add("timestamp");
    }
    boolean extra = r.nextInt(4) == 0;
    if (extra) {
      cols.add("note");
    }
    shuffle(cols, r);
    DuplicatePolicy[] policies = {DuplicatePolicy.LAST, DuplicatePolicy.FIRST, DuplicatePolicy.SUM,
        DuplicatePolicy.MEAN};
    IdKind userKind = kinds[r.nextInt(4)];
    if (seed % 4 == 0) {
      userKind = kinds[(int) (seed / 4 % 4)]; // every id kind among the big files
    }
    return new Shape(seed, rows, DELIMITERS[r.nextInt(3)], header, r.nextBoolean(),
        userKind, kinds[r.nextInt(4)], hasRating, hasTime, r.nextInt(3) == 0, extra,
        r.nextInt(4) == 0, r.nextInt(3) == 0, r.nextInt(3) == 0, r.nextBoolean(),
        policies[r.nextInt(4)], List.copyOf(cols));
  }

  private static <T> void shuffle(List<T> list, SplittableRandom r) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static String id(IdKind kind, SplittableRandom r, boolean user, int n) {
    return switch (kind) {
      case COMPACT -> Integer.toString(1 + r.nextInt(n));
      case SPARSE -> Long.toString((r.nextBoolean() ? 1 : -1) * (1L + r.nextLong(n))
          * 1_000_000_007L * 1_000L + r.nextInt(1000));
      case STRING -> user ? "u" + Long.toString(r.nextInt(n), 36) : String.format("tt%07d", r.nextInt(n));
      case MIXED -> Integer.toString(1 + r.nextInt(n)); // a string id is planted near the end
    };
  }

  private static String rating(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0, 1, 2 -> Double.toString(0.5 * (1 + r.nextInt(10)));
      case 3 -> String.format(java.util.Locale.ROOT, "%." + (1 + r.nextInt(9)) + "f",
          r.nextDouble(-10, 1000));
      case 4 -> Integer.toString(r.nextInt(100));
      default -> Float.toString((float) (r.nextDouble() * Math.pow(10, r.nextInt(-8, 12))));
    };
  }

  /** Writes the file for a shape and returns it. */
  private Path write(Shape s) throws IOException {
    SplittableRandom r = new SplittableRandom(s.seed() * 31 + 7);
    int users = Math.max(2, s.rows() / (5 + r.nextInt(40)));
    int items = Math.max(2, s.rows() / (3 + r.nextInt(20)));
    List<String[]> lines = new ArrayList<>(s.rows());
    for (int k = 0; k < s.rows(); k++) {
      String[] f;
      if (k > 0 && r.nextInt(10) == 0) {
        // a repeated (user, item) pair with a new rating and time
        String[] old = lines.get(r.nextInt(lines.size()));
        f = old.clone();
      } else {
        f = new String[s.columns().size()];
        f[s.columns().indexOf("userId")] = id(s.userKind(), r, true, users);
        f[s.columns().indexOf("movieId")] = id(s.itemKind(), r, false, items);
      }
      for (int c = 0; c < f.length; c++) {
        switch (s.columns().get(c)) {
          case "rating" -> f[c] = rating(r);
          case "timestamp" -> f[c] = Long.toString(s.wideTime()
              ? r.nextLong(-5_000_000_000L, 9_000_000_000L) : 800_000_000L + r.nextInt(900_000_000));
          case "note" -> f[c] = "n" + r.nextInt(1000);
          default -> { }
        }
      }
      lines.add(f);
    }
    shuffle(lines, r);
    for (IdKind kind : new IdKind[] {s.userKind(), s.itemKind()}) {
      if (kind == IdKind.MIXED) {
        // a non-numeric id near the end of the file: the loader must re-parse in string mode
        String col = kind == s.userKind() && s.userKind() == IdKind.MIXED ? "userId" : "movieId";
        int at = lines.size() - 1 - r.nextInt(Math.min(20, lines.size()));
        lines.get(at)[s.columns().indexOf(col)] = "x" + r.nextInt(50);
        if (s.userKind() == IdKind.MIXED && s.itemKind() == IdKind.MIXED) {
          lines.get(at)[s.columns().indexOf("movieId")] = "y" + r.nextInt(50);
        }
      }
    }
    String eol = s.crlf() ? "\r\n" : "\n";
    Path file = tmp.resolve("random-" + s.seed() + ".txt");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (s.header()) {
        w.write(String.join(s.delimiter(), s.columns()));
        w.write(eol);
      }
      for (int k = 0; k < lines.size(); k++) {
        String[] f = lines.get(k).clone();
        if (s.quoted()) {
          f[s.columns().indexOf("userId")] = '"' + f[s.columns().indexOf("userId")] + '"';
          f[s.columns().indexOf("movieId")] = '"' + f[s.columns().indexOf("movieId")] + '"';
        }
        w.write(String.join(s.delimiter(), f));
        if (k + 1 < lines.size() || s.trailingNewline()) {
          w.write(eol);
        }
        if (s.blankLines() && k + 1 < lines.size() && r.nextInt(50) == 0) {
          w.write(r.nextBoolean() ? eol : "  " + eol);
        }
      }
    }
    return file;
  }

  private static LoadOptions options(Shape s, int threads) {
    LoadOptions o = LoadOptions.defaults().withHeader(s.header()).withDuplicates(s.policy())
        .withThreads(threads);
    if (s.explicitDelimiter()) {
      o = o.withDelimiter(s.delimiter());
    }
    if (!s.header()) {
      Role[] roles = s.columns().stream().map(c -> switch (c) {
        case "userId" -> Role.USER;
        case "movieId" -> Role.ITEM;
        case "rating" -> Role.RATING;
        case "timestamp" -> Role.TIMESTAMP;
        default -> Role.IGNORE;
      }).toArray(Role[]::new);
      o = o.withColumns(ColumnMapping.positional(roles));
    }
    return o;
  }

  // ---------------------------------------------------------------- the naive reference

  /** What the reference loader makes of a file. */
  record Reference(List<String> userIds, List<String> itemIds, List<String> entries) {}

  private static Reference reference(Path file, Shape s) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      boolean first = true;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (first && s.header()) {
          first = false;
          continue;
        }
        first = false;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(Pattern.quote(s.delimiter()), -1);
        for (int k = 0; k < f.length; k++) {
          if (f[k].length() >= 2 && f[k].startsWith("\"") && f[k].endsWith("\"")) {
            f[k] = f[k].substring(1, f[k].length() - 1);
          }
        }
        rows.add(f);
      }
    }
    int uc = s.columns().indexOf("userId");
    int ic = s.columns().indexOf("movieId");
    int rc = s.columns().indexOf("rating");
    int tc = s.columns().indexOf("timestamp");
    boolean numericUsers = rows.stream().allMatch(f -> INTEGER.matcher(f[uc]).matches());
    boolean numericItems = rows.stream().allMatch(f -> INTEGER.matcher(f[ic]).matches());
    Comparator<String> userOrder = numericUsers
        ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
    Comparator<String> itemOrder = numericItems
        ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
    // (user, item) -> [value, time, count], merged in file order
    TreeMap<String, TreeMap<String, double[]>> m = new TreeMap<>(userOrder);
    Map<String, Map<String, float[]>> sums = new HashMap<>();
    for (String[] f : rows) {
      String u = numericUsers ? Long.toString(Long.parseLong(f[uc])) : f[uc];
      String i = numericItems ? Long.toString(Long.parseLong(f[ic])) : f[ic];
      float v = rc >= 0 ? Float.parseFloat(f[rc]) : 1f;
      long t = tc >= 0 ? Long.parseLong(f[tc]) : 0;
      TreeMap<String, double[]> row = m.computeIfAbsent(u, k -> new TreeMap<>(itemOrder));
      double[] cell = row.get(i);
      float[] sum = sums.computeIfAbsent(u, k -> new HashMap<>()).get(i);
      if (cell == null) {
        row.put(i, new double[] {t, 1});
        sums.get(u).put(i, new float[] {v});
        continue;
      }
      cell[1]++;
      switch (s.policy()) {
        case LAST -> {
          sum[0] = v;
          cell[0] = t;
        }
        case FIRST -> { }
        case SUM, MEAN -> {
          sum[0] += v;
          cell[0] = Math.max((long) cell[0], t);
        }
        default -> throw new AssertionError();
      }
    }
    List<String> entries = new ArrayList<>();
    TreeSet<String> items = new TreeSet<>(itemOrder);
    for (var row : m.entrySet()) {
      for (var cell : row.getValue().entrySet()) {
        float v = sums.get(row.getKey()).get(cell.getKey())[0];
        if (s.policy() == DuplicatePolicy.MEAN) {
          v /= (int) cell.getValue()[1];
        }
        entries.add(Fixtures.entry(row.getKey(), cell.getKey(), v,
            tc >= 0 ? (long) cell.getValue()[0] : null));
        items.add(cell.getKey());
      }
    }
    return new Reference(new ArrayList<>(m.keySet()), new ArrayList<>(items), entries);
  }

  // ---------------------------------------------------------------- the tests

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aRandomFileLoadsLikeTheNaiveReferenceForOneTwoAndFourThreads(long seed) throws IOException {
    Shape s = shape(seed);
    Path file = write(s);
    if (s.rows() > 100_000) {
      assertThat(Files.size(file)).as("a file big enough to be cut into many chunks")
          .isGreaterThan(1L << 20);
    }
    Reference ref = reference(file, s);
    Dataset[] loaded = new Dataset[3];
    int[] threads = {1, 2, 4};
    for (int k = 0; k < 3; k++) {
      DelimitedLoader.LoadResult r = DelimitedLoader.load(file, options(s, threads[k]));
      Dataset d = r.dataset();
      assertThat(Arrays.asList(d.users().stringIds())).as("%s: user ids", s)
          .isEqualTo(ref.userIds());
      assertThat(Arrays.asList(d.items().stringIds())).as("%s: item ids", s)
          .isEqualTo(ref.itemIds());
      assertThat(d.users().isNumeric()).isEqualTo(s.userKind() == IdKind.COMPACT
          || s.userKind() == IdKind.SPARSE);
      assertThat(d.items().isNumeric()).isEqualTo(s.itemKind() == IdKind.COMPACT
          || s.itemKind() == IdKind.SPARSE);
      assertThat(d.explicit()).isEqualTo(s.hasRating());
      assertThat(d.matrix().hasTimestamps()).isEqualTo(s.hasTime());
      List<String> got = entries(d);
      assertThat(got.size()).as("%s: entry count", s).isEqualTo(ref.entries().size());
      for (int e = 0; e < got.size(); e++) {
        if (!got.get(e).equals(ref.entries().get(e))) {
          assertThat(got.get(e)).as("%s, %d threads: entry %d", s, threads[k], e)
              .isEqualTo(ref.entries().get(e));
        }
      }
      assertThat(r.stats().rows()).isEqualTo(s.rows());
      assertThat(r.stats().skipped()).isZero();
      assertThat(r.stats().duplicatesMerged()).isEqualTo(s.rows() - ref.entries().size());
      loaded[k] = d;
    }
    assertThat(loaded[1].fingerprint()).isEqualTo(loaded[0].fingerprint());
    assertThat(loaded[2].fingerprint()).isEqualTo(loaded[0].fingerprint());
    assertThat(loaded[1].matrix()).isEqualTo(loaded[0].matrix());
    assertThat(loaded[2].matrix()).isEqualTo(loaded[0].matrix());
    Files.delete(file);
  }

  /** A big file with malformed lines at known line numbers spread over many chunks. */
  private Path bigFileWithBadLines(List<Integer> badLines) throws IOException {
    SplittableRandom r = new SplittableRandom(42);
    Path file = tmp.resolve("big-bad.csv");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("userId,movieId,rating,timestamp\n");
      for (int line = 2; line <= 160_000; line++) {
        String rating = badLines.contains(line) ? "oops" : Double.toString(0.5 * (1 + r.nextInt(10)));
        w.write((1 + r.nextInt(5000)) + "," + (1 + r.nextInt(9000)) + "," + rating + ","
            + (900_000_000L + r.nextInt(100_000_000)) + "\n");
      }
    }
    return file;
  }

  @Test
  void theFirstBadLineOfABigFileIsReportedWithItsExactNumberWhateverTheThreads() throws IOException {
    List<Integer> bad = List.of(70_123, 91_000, 120_001, 150_500, 155_000, 159_999);
    Path file = bigFileWithBadLines(bad);
    for (int threads : new int[] {1, 4}) {
      DataFormatException e = catchThrowableOfType(DataFormatException.class,
          () -> DelimitedLoader.load(file, LoadOptions.defaults().withThreads(threads)));
      assertThat(e).isNotNull();
      assertThat(e.line()).isEqualTo(70_123);
      assertThat(e.field()).isEqualTo("'rating' (column 3)");
    }
    for (int threads : new int[] {1, 4}) {
      DelimitedLoader.LoadResult r = DelimitedLoader.load(file,
          LoadOptions.defaults().withThreads(threads).withOnError(OnError.SKIP));
      assertThat(r.stats().skipped()).isEqualTo(bad.size());
      assertThat(r.stats().rows()).isEqualTo(160_000 - 1 - bad.size());
      assertThat(r.stats().skippedExamples()).hasSize(5);
      for (int k = 0; k < 5; k++) {
        assertThat(r.stats().skippedExamples().get(k))
            .startsWith("line " + bad.get(k) + ", field 'rating' (column 3): ");
      }
    }
    Files.delete(file);
  }

  @Test
  void ratingsWithManyDigitsParseExactlyAsFloatParseFloat() throws IOException {
    SplittableRandom r = new SplittableRandom(7);
    Path file = tmp.resolve("digits.csv");
    List<String> ratings = new ArrayList<>();
    StringBuilder sb = new StringBuilder("user,item,rating\n");
    for (int k = 0; k < 20_000; k++) {
      String v = switch (k % 4) {
        case 0 -> Long.toString(r.nextLong(10_000_000L)) + "." + r.nextInt(10_000);
        case 1 -> "0." + String.format("%04d", r.nextInt(10_000));
        case 2 -> Double.toString(r.nextDouble() * 100);
        default -> (r.nextBoolean() ? "-" : "+") + r.nextInt(10_000_000) + "." + r.nextInt(100);
      };
      ratings.add(v);
      sb.append(k).append(",1,").append(v).append('\n');
    }
    Files.writeString(file, sb);
    Dataset d = DelimitedLoader.load(file, LoadOptions.defaults().withThreads(2)).dataset();
    for (int k = 0; k < ratings.size(); k++) {
      int u = d.users().require(Integer.toString(k));
      assertThat(d.matrix().get(u, 0)).as("rating %s", ratings.get(k))
          .isEqualTo(Float.parseFloat(ratings.get(k)));
    }
    Files.delete(file);
  }
}
