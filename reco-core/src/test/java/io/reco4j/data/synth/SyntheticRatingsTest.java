package io.reco4j.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.model.Configs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticRatingsTest {
  private static final Pattern ROW = Pattern.compile("\\d+,\\d+,[0-5]\\.[05],\\d+");

  @TempDir
  Path dir;

  /** A parsed file: columns as primitive arrays. */
  record Parsed(int[] user, int[] movie, int[] halves, long[] ts) {
    int rows() {
      return user.length;
    }
  }

  static byte[] generate(SynthConfig c, int blockRows) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    SyntheticRatings.Summary s = SyntheticRatings.write(c, bos, blockRows);
    assertThat(s.bytes()).isEqualTo(bos.size());
    return bos.toByteArray();
  }

  /** Parses and checks the format of every line: header, row regex, \n ends, ranges. */
  static Parsed parseStrict(byte[] bytes, long expectedRows) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    assertThat(text).startsWith(SyntheticRatings.HEADER + "\n").endsWith("\n").doesNotContain("\r");
    String[] lines = text.split("\n");
    assertThat(lines.length - 1L).isEqualTo(expectedRows);
    int n = lines.length - 1;
    int[] user = new int[n];
    int[] movie = new int[n];
    int[] halves = new int[n];
    long[] ts = new long[n];
    for (int r = 0; r < n; r++) {
      String line = lines[r + 1];
      assertThat(ROW.matcher(line).matches()).as("line %d: %s", r + 2, line).isTrue();
      String[] f = line.split(",");
      user[r] = Integer.parseInt(f[0]);
      movie[r] = Integer.parseInt(f[1]);
      halves[r] = (int) Math.round(Double.parseDouble(f[2]) * 2);
      ts[r] = Long.parseLong(f[3]);
      assertThat(halves[r]).as("rating on line %d", r + 2).isBetween(1, 10);
      assertThat(ts[r]).isBetween(SyntheticRatings.MIN_TIMESTAMP, SyntheticRatings.MAX_TIMESTAMP);
    }
    return new Parsed(user, movie, halves, ts);
  }

  /** Sorted by (user, movie), no duplicate pair, users in 1..users, per-user minimum met. */
  static void checkStructure(Parsed p, SynthConfig c) {
    int[] perUser = new int[c.users() + 1];
    for (int r = 0; r < p.rows(); r++) {
      assertThat(p.user()[r]).isBetween(1, c.users());
      perUser[p.user()[r]]++;
      if (r > 0) {
        boolean ascending = p.user()[r - 1] < p.user()[r]
            || (p.user()[r - 1] == p.user()[r] && p.movie()[r - 1] < p.movie()[r]);
        assertThat(ascending).as("row %d follows row %d strictly", r, r - 1).isTrue();
      }
    }
    for (int u = 1; u <= c.users(); u++) {
      assertThat(perUser[u]).as("ratings of user %d", u)
          .isGreaterThanOrEqualTo(c.minRatingsPerUser())
          .isLessThanOrEqualTo(c.maxRatingsPerUser());
    }
  }

  static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** A default-shaped config with another minimum per user (built directly, validated once). */
  static SynthConfig withMin(int users, int items, long ratings, long seed, int min) {
    SynthConfig d = SynthConfig.defaults();
    return new SynthConfig(users, items, ratings, seed, min, d.maxRatingsPerUserFraction(),
        d.userActivitySigma(), d.itemPopularityExponent(), d.itemPopularityOffset(),
        d.latentMean(), d.userBiasSd(), d.itemBiasSd(), d.factors(), d.interactionSd(),
        d.noiseSd(), d.halfStarUserFraction(), d.movieIdSpread(), d.threads());
  }

  @Test
  void sameSeedGivesByteIdenticalFilesForOneTwoAndFourThreads() throws Exception {
    SynthConfig c = SynthConfig.of(3_000, 1_500, 300_000, 42);
    Path f1 = dir.resolve("t1.csv");
    Path f2 = dir.resolve("t2.csv");
    Path f4 = dir.resolve("t4.csv");
    SyntheticRatings.write(c.withThreads(1), f1);
    SyntheticRatings.write(c.withThreads(2), f2);
    SyntheticRatings.write(c.withThreads(4), f4);
    assertThat(sha256(f2)).isEqualTo(sha256(f1));
    assertThat(sha256(f4)).isEqualTo(sha256(f1));
  }

  @Test
  void outputDoesNotDependOnBlockSizeOrThreads() throws Exception {
    SynthConfig c = SynthConfig.of(400, 700, 40_000, 7);
    byte[] reference = generate(c.withThreads(1), 1 << 30); // one block
    assertThat(generate(c.withThreads(3), 997)).isEqualTo(reference);
    assertThat(generate(c.withThreads(4), 1)).isEqualTo(reference); // one user per block
  }

  @Test
  void differentSeedsGiveDifferentData() throws Exception {
    SynthConfig c = SynthConfig.of(300, 400, 20_000, 1);
    byte[] a = generate(c, SyntheticRatings.BLOCK_ROWS);
    byte[] b = generate(c.withSeed(2), SyntheticRatings.BLOCK_ROWS);
    assertThat(b).isNotEqualTo(a);
    Parsed pa = parseStrict(a, c.ratings());
    Parsed pb = parseStrict(b, c.ratings());
    assertThat(pb.movie()).isNotEqualTo(pa.movie());
    assertThat(pb.halves()).isNotEqualTo(pa.halves());
  }

  @Test
  void fileHasExactRowCountFormatOrderAndPerUserMinimumWithARemainder() throws Exception {
    // 50,001 is not a multiple of 997 users: the remainder must be distributed exactly
    SynthConfig c = SynthConfig.of(997, 313, 50_001, 3).withThreads(2);
    Path out = dir.resolve("sub/ratings.csv");
    SyntheticRatings.Summary s = SyntheticRatings.write(c, out);
    byte[] bytes = Files.readAllBytes(out);
    Parsed p = parseStrict(bytes, 50_001);
    checkStructure(p, c);
    assertThat(s.rows()).isEqualTo(50_001);
    assertThat(s.users()).isEqualTo(997);
    assertThat(s.bytes()).isEqualTo(bytes.length);
    assertThat(s.ratedMovies()).isEqualTo((int) Arrays.stream(p.movie()).distinct().count());
    assertThat(Arrays.stream(p.movie()).max().getAsInt()).isLessThanOrEqualTo(s.maxMovieId());
    try (var listing = Files.list(out.getParent())) {
      assertThat(listing).containsExactly(out); // no temporary file left behind
    }
  }

  @Test
  void movieIdsAreSparseIncreasingAndNotTheIdentity() throws Exception {
    SynthConfig c = SynthConfig.of(2_000, 1_000, 200_000, 5);
    SyntheticRatings.Summary s = SyntheticRatings.write(c, dir.resolve("r.csv"));
    // spread 4.86: the largest id is near 4,860, far above 1,000 items
    assertThat(s.maxMovieId()).isBetween(4_000, 6_000);
    ItemCatalog cat = new ItemCatalog(c);
    assertThat(cat.ids[0]).isEqualTo(1);
    for (int i = 1; i < cat.items; i++) {
      assertThat(cat.ids[i]).isGreaterThan(cat.ids[i - 1]);
    }
  }

  @Test
  void spreadOfOneGivesIdsOneToItemsAndEveryoneRatesEverythingWhenFull() throws Exception {
    SynthConfig base = SynthConfig.of(30, 40, 30 * 40, 9);
    SynthConfig c = new SynthConfig(30, 40, 1_200, 9, 20, 0.35, 1.38, 4.0, 0.08, 3.58, 0.35,
        0.35, 8, 0.5, 0.7, 0.5, 1.0, 2);
    assertThat(base.maxRatingsPerUser()).isEqualTo(40); // raised from 0.35 × 40 to fit the total
    Parsed p = parseStrict(generate(c, 100), 1_200);
    checkStructure(p, c);
    for (int r = 0; r < p.rows(); r++) {
      assertThat(p.movie()[r]).isEqualTo(r % 40 + 1);
    }
  }

  @Test
  void everyUserHasExactlyTheMinimumWhenTheTotalIsTheMinimum() throws Exception {
    SynthConfig c = SynthConfig.of(500, 300, 500 * 20, 11);
    Parsed p = parseStrict(generate(c, 1_000), 10_000);
    checkStructure(p, c);
    int[] perUser = new int[501];
    for (int u : p.user()) {
      perUser[u]++;
    }
    assertThat(Arrays.stream(perUser, 1, 501).distinct().toArray()).containsExactly(20);
  }

  @Test
  void wholeStarUsersOnlyGiveWholeStars() throws Exception {
    SynthConfig c = new SynthConfig(200, 300, 10_000, 4, 20, 0.35, 1.38, 4.0, 0.08, 3.58, 0.35,
        0.35, 8, 0.5, 0.7, 0.0, 4.86, 1);
    Parsed p = parseStrict(generate(c, 1_000), 10_000);
    assertThat(Arrays.stream(p.halves()).allMatch(h -> h % 2 == 0)).isTrue();
  }

  @Test
  void steepPopularityFallsBackToExactSamplingAndStillMeetsTheContract() throws Exception {
    // exponent 20 with no offset: the alias table almost never reaches tail movies, so the
    // rejection budget runs out for every user and the exact sampler takes over
    SynthConfig c = new SynthConfig(50, 2_000, 50 * 200, 8, 200, 0.35, 1.0, 20, 0, 3.58, 0.35,
        0.35, 4, 0.5, 0.7, 0.5, 2.0, 2);
    Parsed p = parseStrict(generate(c, 2_000), 10_000);
    checkStructure(p, c);
  }

  @Test
  void infeasibleSizesAreRejectedWithClearMessages() {
    assertThatThrownBy(() -> withMin(10, 5, 51, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratings (51) exceed users × items (10 × 5 = 50)");
    assertThatThrownBy(() -> SynthConfig.of(100, 50, 1_999, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratings (1999) are fewer than users × minRatingsPerUser")
        .hasMessageContaining("100 × 20 = 2000");
    assertThatThrownBy(() -> SynthConfig.of(10, 15, 150, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minRatingsPerUser (20) exceeds items (15)");
    assertThatThrownBy(() -> SynthConfig.of(0, 15, 150, 1))
        .hasMessageContaining("users must be >= 1");
    assertThatThrownBy(() -> SynthConfig.of(10, 100, 1_000, 1).withThreads(-1))
        .hasMessageContaining("threads must be >= 0");
    assertThatThrownBy(() -> new SynthConfig(10, 100, 1_000, 1, 20, 0.35, 1.38, Double.NaN, 0.08,
        3.58, 0.35, 0.35, 8, 0.5, 0.7, 0.5, 4.86, 0))
        .hasMessageContaining("itemPopularityExponent");
    assertThatThrownBy(() -> new SynthConfig(10, 100, 1_000, 1, 20, 0.35, 1.38, 4, 0.08,
        3.58, 0.35, 0.35, 8, 0.5, 0.7, 1.5, 4.86, 0))
        .hasMessageContaining("halfStarUserFraction must be in [0.0, 1.0], got 1.5");
  }

  @Test
  void configRoundTripsThroughJsonAndYaml() {
    SynthConfig c = SynthConfig.of(1_000, 500, 100_000, 77).withThreads(3);
    assertThat(Configs.fromJson(Configs.toJson(c), SynthConfig.class)).isEqualTo(c);
    assertThat(Configs.fromYaml(Configs.toYaml(c), SynthConfig.class)).isEqualTo(c);
    assertThat(SynthConfig.defaults().users()).isEqualTo(138_000);
    assertThat(SynthConfig.defaults().ratings()).isEqualTo(20_000_000L);
  }

  @Test
  void moderateSizeHasMovieLensLikeShapeAndLearnableEffects() throws Exception {
    SynthConfig c = SynthConfig.of(20_000, 5_000, 2_000_000, 1).withThreads(2);
    Path out = dir.resolve("moderate.csv");
    SyntheticRatings.write(c, out);
    int[] user = new int[2_000_000];
    int[] movie = new int[2_000_000];
    int[] halves = new int[2_000_000];
    int rows = parseFast(Files.readAllBytes(out), user, movie, halves);
    assertThat(rows).isEqualTo(2_000_000);

    // user activity: heavy tail (median well below mean), minimum 20
    int[] perUser = new int[c.users() + 1];
    for (int r = 0; r < rows; r++) {
      perUser[user[r]]++;
    }
    int[] sortedUsers = Arrays.copyOfRange(perUser, 1, perUser.length);
    Arrays.sort(sortedUsers);
    double meanPerUser = rows / (double) c.users();
    assertThat(sortedUsers[0]).isEqualTo(20);
    assertThat((double) sortedUsers[sortedUsers.length / 2]).isLessThan(0.7 * meanPerUser);
    assertThat(sortedUsers[sortedUsers.length - 1]).isGreaterThan(10 * (int) meanPerUser);

    // item popularity: the top 1% hold a plausible share; many movies have only a handful
    Map<Integer, Integer> perMovie = new HashMap<>();
    for (int r = 0; r < rows; r++) {
      perMovie.merge(movie[r], 1, Integer::sum);
    }
    int[] counts = perMovie.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    long top = 0;
    for (int k = 0; k < c.items() / 100; k++) {
      top += counts[counts.length - 1 - k];
    }
    assertThat(top / (double) rows).isBetween(0.15, 0.30);
    long handful = Arrays.stream(counts).filter(x -> x < 10).count();
    assertThat(handful).isGreaterThan(c.items() / 10);

    // rating values: ML-20M-like mean and order of the most common values
    long[] hist = new long[11];
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      hist[halves[r]]++;
      sum += halves[r] / 2.0;
    }
    assertThat(sum / rows).isBetween(3.3, 3.7);
    assertThat(hist[8]).isGreaterThan(hist[6]); // 4.0 > 3.0
    assertThat(hist[6]).isGreaterThan(hist[10]); // 3.0 > 5.0
    assertThat(hist[10]).isGreaterThan(hist[7]); // 5.0 > 3.5
    for (int h = 1; h <= 10; h++) {
      assertThat(hist[h]).as("count of %s stars", h / 2.0).isPositive();
    }

    // learnable effects: a movie's mean rating over odd users predicts its mean over even users,
    // and a user's mean over odd rows predicts it over even rows
    assertThat(splitHalfCorrelation(rows, movie, user, halves, 200_000)).isGreaterThan(0.5);
    assertThat(splitHalfCorrelation(rows, user, null, halves, c.users() + 1)).isGreaterThan(0.3);
  }

  /**
   * Correlation, over keys with at least 20 rows in each half, between the key's mean rating in
   * the two halves (by parity of {@code splitBy}, or of the row position when null).
   */
  private static double splitHalfCorrelation(int rows, int[] key, int[] splitBy, int[] halves,
      int keySpace) {
    double[][] sum = new double[2][keySpace];
    int[][] cnt = new int[2][keySpace];
    for (int r = 0; r < rows; r++) {
      int side = (splitBy == null ? r : splitBy[r]) & 1;
      sum[side][key[r]] += halves[r];
      cnt[side][key[r]]++;
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    int n = 0;
    for (int k = 0; k < keySpace; k++) {
      if (cnt[0][k] >= 20 && cnt[1][k] >= 20) {
        double x = sum[0][k] / cnt[0][k];
        double y = sum[1][k] / cnt[1][k];
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
        n++;
      }
    }
    assertThat(n).isGreaterThan(100);
    double cov = sxy / n - (sx / n) * (sy / n);
    double vx = sxx / n - (sx / n) * (sx / n);
    double vy = syy / n - (sy / n) * (sy / n);
    return cov / Math.sqrt(vx * vy);
  }

  /** A byte-level parser for the larger file (format is checked by the other tests). */
  private static int parseFast(byte[] b, int[] user, int[] movie, int[] halves) {
    int p = SyntheticRatings.HEADER.length() + 1;
    int r = 0;
    while (p < b.length) {
      int v = 0;
      while (b[p] != ',') {
        v = v * 10 + (b[p++] - '0');
      }
      user[r] = v;
      p++;
      v = 0;
      while (b[p] != ',') {
        v = v * 10 + (b[p++] - '0');
      }
      movie[r] = v;
      p++;
      halves[r] = 2 * (b[p] - '0') + (b[p + 2] == '5' ? 1 : 0);
      p += 4;
      while (b[p] != '\n') {
        p++;
      }
      p++;
      r++;
    }
    return r;
  }

  @Property(tries = 60)
  void smallRandomConfigsMeetTheContract(@ForAll("smallConfigs") SynthConfig c) throws Exception {
    Parsed p = parseStrict(generate(c, 37), c.ratings());
    checkStructure(p, c);
  }

  @Provide
  Arbitrary<SynthConfig> smallConfigs() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 40),
            Arbitraries.integers().between(1, 60),
            Arbitraries.integers().between(0, 60),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.longs(),
            Arbitraries.integers().between(1, 4))
        .as((users, items, minRaw, fill, seed, threads) -> {
          int min = Math.min(minRaw, items);
          long lo = Math.max(1, (long) users * min);
          long hi = (long) users * items;
          long ratings = lo + Math.round(fill * (hi - lo));
          return withMin(users, items, Math.max(1, ratings), seed, min).withThreads(threads);
        });
  }
}
