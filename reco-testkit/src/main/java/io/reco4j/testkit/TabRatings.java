package io.reco4j.testkit;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.split.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A simple, test-only reader for MovieLens-100K-style rating files ({@code u.data},
 * {@code u1.base}, …): one rating per line, {@code user item rating [timestamp]} separated by tabs
 * or spaces, numeric ids. Production code uses the real loaders; this exists so that algorithm
 * tests do not depend on them.
 */
public final class TabRatings {
  private TabRatings() {}

  /**
   * The columns of a rating file, in file order.
   *
   * @param users external user id per line
   * @param items external item id per line
   * @param ratings rating per line
   * @param times timestamp per line (0 where the line has none)
   */
  public record Columns(long[] users, long[] items, float[] ratings, long[] times) {
    /** Number of ratings. */
    public int size() {
      return users.length;
    }
  }

  /** Reads every line of {@code file}; blank lines are skipped, malformed ones are errors. */
  public static Columns read(Path file) {
    int cap = 1 << 12;
    long[] u = new long[cap];
    long[] i = new long[cap];
    float[] r = new float[cap];
    long[] t = new long[cap];
    int n = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.strip().split("[\t ]+");
        if (f.length < 3) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": expected user item rating"
              + " [timestamp], got '" + line + "'");
        }
        if (n == u.length) {
          cap *= 2;
          u = Arrays.copyOf(u, cap);
          i = Arrays.copyOf(i, cap);
          r = Arrays.copyOf(r, cap);
          t = Arrays.copyOf(t, cap);
        }
        try {
          u[n] = Long.parseLong(f[0]);
          i[n] = Long.parseLong(f[1]);
          r[n] = Float.parseFloat(f[2]);
          t[n] = f.length > 3 ? Long.parseLong(f[3]) : 0L;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
        }
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Columns(Arrays.copyOf(u, n), Arrays.copyOf(i, n), Arrays.copyOf(r, n),
        Arrays.copyOf(t, n));
  }

  /** A dataset of one rating file, named {@code name}; a repeated (user, item) is an error. */
  public static Dataset dataset(String name, Path file) {
    Columns c = read(file);
    return Datasets.fromNumericIds(name, c.users(), c.items(), c.ratings(), c.times(),
        DuplicatePolicy.ERROR, 1);
  }

  /**
   * A train/test split given by two files (e.g. {@code u1.base} and {@code u1.test}). Both parts
   * share one index space, the union of the ids of both files, so a test user or item absent from
   * the training file is a cold index of the training data. A (user, item) in both files is an
   * error.
   *
   * @param name dataset name; the parts are named {@code name + "-train"} and {@code "-test"}
   * @param fold recorded in the split
   */
  public static Split trainTest(String name, int fold, Path trainFile, Path testFile) {
    Columns a = read(trainFile);
    Columns b = read(testFile);
    Dataset all = Datasets.fromNumericIds(name, concat(a.users(), b.users()),
        concat(a.items(), b.items()), concat(a.ratings(), b.ratings()), concat(a.times(), b.times()),
        DuplicatePolicy.ERROR, 1);
    CsrMatrix m = all.matrix();
    boolean[] inTest = new boolean[m.nnz()];
    for (int k = 0; k < b.size(); k++) {
      int u = all.users().find(b.users()[k]).getAsInt();
      int i = all.items().find(b.items()[k]).getAsInt();
      int p = Arrays.binarySearch(m.colIdx(), m.rowStart(u), m.rowEnd(u), i);
      inTest[p] = true;
    }
    boolean[] inTrain = new boolean[inTest.length];
    for (int p = 0; p < inTest.length; p++) {
      inTrain[p] = !inTest[p];
    }
    Dataset train = all.withMatrix(name + "-train", m.select(inTrain));
    Dataset test = all.withMatrix(name + "-test", m.select(inTest));
    return new Split("files", fold, 0L, train, test, null);
  }

  private static long[] concat(long[] x, long[] y) {
    long[] z = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, z, x.length, y.length);
    return z;
  }

  private static float[] concat(float[] x, float[] y) {
    float[] z = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, z, x.length, y.length);
    return z;
  }
}
