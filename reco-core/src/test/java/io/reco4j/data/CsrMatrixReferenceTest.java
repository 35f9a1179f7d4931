package io.reco4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link CsrMatrix} against naive references on seeded random coordinates. */
class CsrMatrixReferenceTest {

  /** Random coordinate entries, with repeats, optional and sometimes wide timestamps. */
  record Coords(int rows, int cols, int[] r, int[] c, float[] v, long[] t) {
    static Coords random(long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int rows = rnd.nextInt(0, 40);
      int cols = rnd.nextInt(0, 40);
      int n = rows == 0 || cols == 0 ? 0 : rnd.nextInt(0, 400);
      int[] r = new int[n];
      int[] c = new int[n];
      float[] v = new float[n];
      int timeKind = rnd.nextInt(3);
      long[] t = timeKind == 0 ? null : new long[n];
      for (int k = 0; k < n; k++) {
        r[k] = rnd.nextInt(rows);
        c[k] = rnd.nextInt(cols);
        v[k] = rnd.nextInt(4) == 0 ? 0.5f * rnd.nextInt(1, 11) : (float) rnd.nextDouble(-100, 100);
        if (t != null) {
          t[k] = timeKind == 1 ? 1_000_000_000L + rnd.nextInt(1 << 20)
              : rnd.nextLong(-(1L << 40), 1L << 40);
        }
      }
      return new Coords(rows, cols, r, c, v, t);
    }
  }

  /** (row, col) → {value, time} merged naively in input order. */
  private static TreeMap<Long, double[]> naive(Coords x, DuplicatePolicy p) {
    TreeMap<Long, double[]> m = new TreeMap<>();
    TreeMap<Long, float[]> sums = new TreeMap<>();
    TreeMap<Long, Integer> counts = new TreeMap<>();
    for (int k = 0; k < x.r().length; k++) {
      long key = (long) x.r()[k] * x.cols() + x.c()[k];
      long t = x.t() != null ? x.t()[k] : 0;
      double[] cell = m.get(key);
      counts.merge(key, 1, Integer::sum);
      if (cell == null) {
        m.put(key, new double[] {0, t});
        sums.put(key, new float[] {x.v()[k]});
      } else if (p == DuplicatePolicy.LAST) {
        sums.get(key)[0] = x.v()[k];
        cell[1] = t;
      } else if (p == DuplicatePolicy.SUM || p == DuplicatePolicy.MEAN) {
        sums.get(key)[0] += x.v()[k];
        cell[1] = Math.max((long) cell[1], t);
      }
    }
    for (var e : m.entrySet()) {
      float v = sums.get(e.getKey())[0];
      if (p == DuplicatePolicy.MEAN) {
        v /= counts.get(e.getKey());
      }
      e.getValue()[0] = v;
    }
    return m;
  }

  /** Entries of a matrix as "row,col,value[,time]" in row-major order. */
  private static List<String> entries(CsrMatrix m) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < m.rows(); r++) {
      for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
        out.add(r + "," + m.colIdx()[p] + "," + m.values()[p]
            + (m.hasTimestamps() ? "," + m.timestamps().get(p) : ""));
      }
    }
    return out;
  }

  private static List<String> entries(TreeMap<Long, double[]> m, int cols, boolean times) {
    List<String> out = new ArrayList<>();
    for (var e : m.entrySet()) {
      out.add(e.getKey() / cols + "," + e.getKey() % cols + "," + (float) e.getValue()[0]
          + (times ? "," + (long) e.getValue()[1] : ""));
    }
    return out;
  }

  @Property(tries = 300)
  void fromCoordinatesMatchesANaiveMergeUnderEveryDuplicatePolicy(@ForAll long seed) {
    Coords x = Coords.random(seed);
    for (DuplicatePolicy p : new DuplicatePolicy[] {DuplicatePolicy.LAST, DuplicatePolicy.FIRST,
        DuplicatePolicy.SUM, DuplicatePolicy.MEAN}) {
      List<String> expected = entries(naive(x, p), Math.max(1, x.cols()), x.t() != null);
      for (int threads : new int[] {1, 3}) {
        CsrMatrix m = CsrMatrix.fromCoordinates(x.rows(), x.cols(), x.r(), x.c(), x.v(), x.t(),
            p, threads);
        assertThat(m.rows()).isEqualTo(x.rows());
        assertThat(m.cols()).isEqualTo(x.cols());
        assertThat(entries(m)).as("%s, %d threads", p, threads).isEqualTo(expected);
      }
    }
  }

  @Property(tries = 200)
  void errorPolicyRejectsExactlyTheInputsWithARepeatedPair(@ForAll long seed) {
    Coords x = Coords.random(seed);
    TreeMap<Long, double[]> merged = naive(x, DuplicatePolicy.LAST);
    if (merged.size() < x.r().length) {
      assertThatThrownBy(() -> CsrMatrix.fromCoordinates(x.rows(), x.cols(), x.r(), x.c(), x.v(),
          x.t(), DuplicatePolicy.ERROR, 2)).isInstanceOf(DuplicateEntryException.class);
    } else {
      CsrMatrix m = CsrMatrix.fromCoordinates(x.rows(), x.cols(), x.r(), x.c(), x.v(), x.t(),
          DuplicatePolicy.ERROR, 2);
      assertThat(entries(m)).isEqualTo(entries(merged, Math.max(1, x.cols()), x.t() != null));
    }
  }

  private static CsrMatrix matrix(Coords x) {
    return CsrMatrix.fromCoordinates(x.rows(), x.cols(), x.r(), x.c(), x.v(), x.t(),
        DuplicatePolicy.LAST, 1);
  }

  @Property(tries = 300)
  void transposeMatchesANaiveTransposeAndIsItsOwnInverse(@ForAll long seed) {
    CsrMatrix m = matrix(Coords.random(seed));
    int[] countsBefore = m.colCounts();
    TreeMap<Long, String> swapped = new TreeMap<>();
    for (int r = 0; r < m.rows(); r++) {
      for (int p = m.rowStart(r); p < m.rowEnd(r); p++) {
        int c = m.colIdx()[p];
        swapped.put((long) c * Math.max(1, m.rows()) + r, c + "," + r + "," + m.values()[p]
            + (m.hasTimestamps() ? "," + m.timestamps().get(p) : ""));
      }
    }
    CsrMatrix t = m.transpose();
    assertThat(t.rows()).isEqualTo(m.cols());
    assertThat(t.cols()).isEqualTo(m.rows());
    assertThat(entries(t)).isEqualTo(new ArrayList<>(swapped.values()));
    assertThat(t.transpose()).isSameAs(m);
    assertThat(m.transpose()).isSameAs(t);
    assertThat(m.colCounts()).isEqualTo(countsBefore);
    for (int c = 0; c < m.cols(); c++) {
      assertThat(countsBefore[c]).isEqualTo(t.rowLength(c));
    }
    // the transpose satisfies the invariants the validating constructor checks
    assertThat(new CsrMatrix(t.rows(), t.cols(), t.rowPtr().clone(), t.colIdx().clone(),
        t.values().clone(), t.timestamps())).isEqualTo(t);
  }

  @Property(tries = 300)
  void selectKeepsExactlyTheMaskedEntriesInTheSameShape(@ForAll long seed) {
    CsrMatrix m = matrix(Coords.random(seed));
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    boolean[] keep = new boolean[m.nnz()];
    List<String> expected = new ArrayList<>();
    List<String> all = entries(m);
    for (int p = 0; p < keep.length; p++) {
      keep[p] = rnd.nextInt(3) != 0;
      if (keep[p]) {
        expected.add(all.get(p));
      }
    }
    CsrMatrix s = m.select(keep);
    assertThat(s.rows()).isEqualTo(m.rows());
    assertThat(s.cols()).isEqualTo(m.cols());
    assertThat(entries(s)).isEqualTo(expected);
    assertThat(s.hasTimestamps()).isEqualTo(m.hasTimestamps());
    assertThatThrownBy(() -> m.select(new boolean[m.nnz() + 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
