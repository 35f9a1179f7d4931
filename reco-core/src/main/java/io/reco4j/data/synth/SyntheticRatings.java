package io.reco4j.data.synth;

import io.reco4j.io.AtomicFiles;
import io.reco4j.util.Parallel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded generator of synthetic explicit ratings shaped like MovieLens-20M, written in ML-20M's
 * {@code ratings.csv} format. Used to test at scale without the real data.
 *
 * <h2>Output</h2>
 * The header {@code userId,movieId,rating,timestamp}, then exactly {@link SynthConfig#ratings()}
 * rows sorted by userId, then movieId, ascending; {@code \n} line ends; each (user, movie) pair at
 * most once. Ratings are 0.5..5.0 in half stars, written {@code 3.5} or {@code 4.0}; timestamps
 * are integer seconds since the epoch in [1995-01-09 11:46:49, 2015-03-31 06:40:02] UTC (ML-20M's
 * range). User ids are {@code 1..users}; movie ids increase with the movie index but with random
 * gaps (about {@code movieIdSpread × items} at the top), like ML's ids.
 *
 * <h2>Model</h2>
 * <ol>
 *   <li><b>Activity.</b> User {@code u} rates {@code n_u = min + e_u} movies, where the extras
 *       {@code e_u} are proportional to a log-normal weight {@code exp(σ·Z_u)} (σ =
 *       {@code userActivitySigma}), capped at {@link SynthConfig#maxRatingsPerUser()}, and
 *       rounded so that they sum to exactly {@code ratings} (see {@code UserActivity}). With the
 *       defaults at ML-20M's size: min 20, median ≈ 68, mean ≈ 145, max ≈ 9,450.
 *   <li><b>Popularity.</b> Movies get a random popularity rank {@code k = 1..items} (unrelated to
 *       their ids) and weight {@code (k + q)^-s} (Zipf–Mandelbrot; s =
 *       {@code itemPopularityExponent}, q = {@code itemPopularityOffset × items}). Each user draws
 *       {@code n_u} distinct movies by successive sampling proportional to weight without
 *       replacement. For light users this is alias-method draws with rejection of repeats (a
 *       stamped array marks what the user already has); when {@code 8·n_u ≥ items}, or the
 *       rejections exceed a budget, the same distribution is drawn exactly in O(items) with
 *       Efraimidis–Spirakis keys {@code Exp(1)/w} (the {@code n_u} smallest keys win). Heavy users
 *       saturate the head, which flattens it. Measured with the defaults at 138,000 × 27,000 ×
 *       20M: the top 1% of movies hold 25% of the ratings, the median movie has 18 ratings,
 *       38% have fewer than 10, and about 26,170 of the 27,000 movies are rated at all (ML-20M:
 *       26,744 of 27,278).
 *   <li><b>Values.</b> A latent score {@code z = μ + b_u + b_i + p_u·q_i + ε}, with
 *       {@code b_u ~ N(0, userBiasSd²)}, {@code b_i ~ N(0, itemBiasSd²)}, {@code p_u, q_i} of
 *       length {@code factors} with i.i.d. normal entries scaled so that {@code p_u·q_i} has sd
 *       {@code interactionSd}, and {@code ε ~ N(0, noiseSd²)}. A fraction
 *       {@code halfStarUserFraction} of users round {@code z} to the nearest half star in
 *       [0.5, 5]; the others to the nearest whole star in [1, 5]. With the defaults the mean is
 *       about 3.54 and 4.0 is the most common value, then 3.0, 5.0 and 3.5, as in ML-20M; a
 *       bias baseline and a low-rank model both have signal to find.
 *   <li><b>Time.</b> Each user starts at a uniform instant of the range and is active for a
 *       log-normal span (median 3 days, σ = 2.5, cut at the end of the range); each rating's
 *       timestamp is uniform within the user's span.
 * </ol>
 *
 * <h2>Reproducibility and parallelism</h2>
 * Every random draw comes from a {@link SplittableRandom} whose seed is a function of
 * (seed, stream, index): one stream for the catalogue, one for the activity weights, one per user.
 * Users are cut into blocks of about {@value #BLOCK_ROWS} rows; blocks are generated and formatted
 * into byte buffers in parallel ({@link Parallel}) in windows, and written in block order. The
 * file is therefore byte-identical for any thread count. All transcendental functions use
 * {@link StrictMath}.
 *
 * <p>Thread-safety: the static methods are safe to call concurrently.
 */
public final class SyntheticRatings {
  /** The header line of ML-20M's {@code ratings.csv}, without the line end. */
  public static final String HEADER = "userId,movieId,rating,timestamp";
  /** ML-20M's first timestamp: 1995-01-09 11:46:49 UTC. */
  public static final long MIN_TIMESTAMP = 789_652_009L;
  /** ML-20M's last timestamp: 2015-03-31 06:40:02 UTC. */
  public static final long MAX_TIMESTAMP = 1_427_784_002L;

  static final int BLOCK_ROWS = 1 << 18;
  private static final double SPAN_MEDIAN_SECONDS = 3 * 86_400.0;
  private static final double SPAN_SIGMA = 2.5;

  private SyntheticRatings() {}

  /** What a run wrote. */
  public record Summary(long rows, int users, int ratedMovies, int maxMovieId, long bytes) {}

  /**
   * Writes the data set to {@code out} atomically (temporary file in the same directory, then
   * rename); parent directories are created.
   *
   * @return counts of what was written
   * @throws IOException if writing fails; the target is then left untouched
   */
  public static Summary write(SynthConfig config, Path out) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(out, "out");
    Summary[] result = new Summary[1];
    AtomicFiles.write(out, os -> result[0] = write(config, os));
    return result[0];
  }

  /**
   * Writes the data set to a stream (not closed). Useful for stdout or in-memory tests; prefer
   * {@link #write(SynthConfig, Path)} for files.
   */
  public static Summary write(SynthConfig config, OutputStream os) throws IOException {
    return write(config, os, BLOCK_ROWS);
  }

  /** As {@link #write(SynthConfig, OutputStream)} with a given block size (tests use small ones). */
  static Summary write(SynthConfig config, OutputStream os, int blockRows) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(os, "os");
    if (blockRows < 1) {
      throw new IllegalArgumentException("blockRows must be >= 1, got " + blockRows);
    }
    ItemCatalog catalog = new ItemCatalog(config);
    int[] counts = UserActivity.counts(config);
    int users = config.users();

    // blocks of whole users, about BLOCK_ROWS rows each: a function of the counts only
    int[] blockStart = new int[16];
    int blocks = 0;
    long acc = 0;
    for (int u = 0; u < users; u++) {
      if (u == 0 || acc >= blockRows) {
        if (blocks + 1 >= blockStart.length) {
          blockStart = Arrays.copyOf(blockStart, blockStart.length * 2);
        }
        blockStart[blocks++] = u;
        acc = 0;
      }
      acc += counts[u];
    }
    blockStart[blocks] = users;

    int rowBytes = digits(users) + 1 + digits(catalog.maxId()) + 1 + 3 + 1
        + digits(MAX_TIMESTAMP) + 1;
    byte[] header = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
    os.write(header);
    long bytes = header.length;
    long rows = 0;
    boolean[] rated = new boolean[config.items()];

    int threads = Parallel.resolve(config.threads());
    // blocks in flight: enough to keep every thread busy, bounded so memory stays ~256 MB
    int window = Math.min(32, Math.max(2, 3 * threads));
    byte[][] bufs = new byte[window][];
    int[] lens = new int[window];
    boolean[][] ratedBy = new boolean[window][];
    for (int w0 = 0; w0 < blocks; w0 += window) {
      int first = w0;
      int n = Math.min(window, blocks - w0);
      int[] starts = blockStart;
      Parallel.forEachBlock(threads, n, j -> {
        Block blk = new Block(config, catalog, counts, rowBytes);
        blk.run(starts[first + j], starts[first + j + 1]);
        bufs[j] = blk.buf;
        lens[j] = blk.pos;
        ratedBy[j] = blk.rated;
      });
      for (int j = 0; j < n; j++) {
        os.write(bufs[j], 0, lens[j]);
        bytes += lens[j];
        boolean[] r = ratedBy[j];
        for (int i = 0; i < r.length; i++) {
          rated[i] |= r[i];
        }
        bufs[j] = null;
        ratedBy[j] = null;
      }
    }
    for (int c : counts) {
      rows += c;
    }
    int ratedMovies = 0;
    for (boolean r : rated) {
      ratedMovies += r ? 1 : 0;
    }
    os.flush();
    return new Summary(rows, users, ratedMovies, catalog.maxId(), bytes);
  }

  static int digits(long v) {
    int d = 1;
    while (v >= 10) {
      v /= 10;
      d++;
    }
    return d;
  }

  /** Generates and formats one block of users into a byte buffer. Single-threaded. */
  private static final class Block {
    private final SynthConfig c;
    private final ItemCatalog cat;
    private final int[] counts;
    private final int rowBytes;
    private final int[] stamp;
    private int[] chosen = new int[0];
    private double[] keys;
    private double[] sortedKeys;
    final boolean[] rated;
    byte[] buf;
    int pos;

    Block(SynthConfig c, ItemCatalog cat, int[] counts, int rowBytes) {
      this.c = c;
      this.cat = cat;
      this.counts = counts;
      this.rowBytes = rowBytes;
      this.stamp = new int[cat.items];
      this.rated = new boolean[cat.items];
    }

    void run(int fromUser, int toUser) {
      long rows = 0;
      int maxN = 0;
      for (int u = fromUser; u < toUser; u++) {
        rows += counts[u];
        maxN = Math.max(maxN, counts[u]);
      }
      buf = new byte[Math.toIntExact(rows * rowBytes)];
      chosen = new int[maxN];
      int k = cat.k;
      double[] pu = new double[k];
      double factorSd = ItemCatalog.factorSd(c);
      byte[] userText = new byte[12];
      for (int u = fromUser; u < toUser; u++) {
        SplittableRandom rnd = Streams.of(c.seed(), Streams.USER, u);
        Streams.Normal normal = new Streams.Normal(rnd);
        double bu = c.userBiasSd() * normal.next();
        for (int f = 0; f < k; f++) {
          pu[f] = factorSd * normal.next();
        }
        boolean half = rnd.nextDouble() < c.halfStarUserFraction();
        long t0 = MIN_TIMESTAMP + rnd.nextLong(MAX_TIMESTAMP - MIN_TIMESTAMP + 1);
        double spanD = SPAN_MEDIAN_SECONDS * StrictMath.exp(SPAN_SIGMA * normal.next());
        long span = (long) Math.min((double) (MAX_TIMESTAMP - t0), Math.floor(spanD));

        int n = counts[u];
        select(u, n, rnd);

        int ul = writeDigits(userText, 0, u + 1L);
        double base = c.latentMean() + bu;
        for (int r = 0; r < n; r++) {
          int i = chosen[r];
          rated[i] = true;
          double z = base + cat.bias[i] + c.noiseSd() * normal.next();
          int off = i * k;
          for (int f = 0; f < k; f++) {
            z += pu[f] * cat.factors[off + f];
          }
          int halves; // rating in half stars, 1..10
          if (half) {
            halves = (int) Math.max(1, Math.min(10, Math.floor(2 * z + 0.5)));
          } else {
            halves = 2 * (int) Math.max(1, Math.min(5, Math.floor(z + 0.5)));
          }
          long ts = t0 + (span > 0 ? rnd.nextLong(span + 1) : 0);

          byte[] b = buf;
          int p = pos;
          System.arraycopy(userText, 0, b, p, ul);
          p += ul;
          b[p++] = ',';
          for (int q = cat.idOff[i], e = cat.idOff[i + 1]; q < e; q++) {
            b[p++] = cat.idText[q];
          }
          b[p++] = ',';
          b[p++] = (byte) ('0' + (halves >> 1));
          b[p++] = '.';
          b[p++] = (byte) ((halves & 1) != 0 ? '5' : '0');
          b[p++] = ',';
          p = writeDigits(b, p, ts);
          b[p++] = '\n';
          pos = p;
        }
      }
    }

    /** Fills {@code chosen[0..n)} with n distinct movie indices, ascending. */
    private void select(int u, int n, SplittableRandom rnd) {
      int items = cat.items;
      if (n == 0) {
        return;
      }
      if (n == items) {
        for (int i = 0; i < n; i++) {
          chosen[i] = i;
        }
        return;
      }
      if (8L * n < items) {
        int mark = u + 1; // unique per user within this block's fresh stamp array
        long budget = 16L * n + 256;
        int got = 0;
        for (long draws = 0; got < n && draws < budget; draws++) {
          int i = cat.alias.sample(rnd);
          if (stamp[i] != mark) {
            stamp[i] = mark;
            chosen[got++] = i;
          }
        }
        if (got == n) {
          Arrays.sort(chosen, 0, n);
          return;
        }
      }
      exactSample(n, rnd);
    }

    /** Efraimidis–Spirakis: the n smallest keys Exp(1)/w, collected in index order. */
    private void exactSample(int n, SplittableRandom rnd) {
      int items = cat.items;
      if (keys == null) {
        keys = new double[items];
        sortedKeys = new double[items];
      }
      double[] w = cat.weight;
      for (int i = 0; i < items; i++) {
        double e = -StrictMath.log(1 - rnd.nextDouble()); // Exp(1), finite
        keys[i] = w[i] > 0 ? e / w[i] : Double.POSITIVE_INFINITY;
      }
      System.arraycopy(keys, 0, sortedKeys, 0, items);
      Arrays.sort(sortedKeys);
      double threshold = sortedKeys[n - 1];
      int below = 0;
      for (int i = 0; i < n; i++) {
        if (sortedKeys[i] < threshold) {
          below++;
        }
      }
      int ties = n - below; // keys equal to the threshold still to take, in index order
      int got = 0;
      for (int i = 0; i < items && got < n; i++) {
        double key = keys[i];
        if (key < threshold) {
          chosen[got++] = i;
        } else if (key == threshold && ties > 0) {
          chosen[got++] = i;
          ties--;
        }
      }
    }
  }

  /** Writes the decimal digits of {@code v >= 0} at {@code p}; returns the end. */
  static int writeDigits(byte[] b, int p, long v) {
    int d = digits(v);
    int end = p + d;
    for (int q = end - 1; q >= p; q--) {
      b[q] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    return end;
  }
}
