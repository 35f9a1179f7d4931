package io.reco4j.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) form, with float values and optional
 * per-entry timestamps, and its transpose (CSC of this matrix) computed once on demand and cached.
 *
 * <p>For a user-item interaction matrix, rows are dense user indices and columns dense item
 * indices (see {@link IdIndex}). Row {@code r} occupies positions {@code rowPtr[r] ..
 * rowPtr[r+1]-1} of {@link #colIdx()}, {@link #values()} and the timestamps; column indices are
 * strictly ascending within a row (no duplicate entries).
 *
 * <p>The accessors {@link #rowPtr()}, {@link #colIdx()} and {@link #values()} return the backing
 * arrays themselves, so kernels read them without copying: callers must never write to them.
 * Instances are thread-safe.
 *
 * <p>Memory: 8 bytes per entry (column + value), 4 more with timestamps, plus 4 bytes per row.
 * The transpose, once built, takes as much again.
 */
public final class CsrMatrix {
  private final int rows;
  private final int cols;
  private final int[] rowPtr;
  private final int[] colIdx;
  private final float[] values;
  private final Timestamps times; // null when the data has no timestamps
  private volatile CsrMatrix transpose;

  /**
   * Wraps arrays that already satisfy the CSR invariants; they are owned by the matrix afterwards.
   *
   * @param times per-entry timestamps aligned with {@code colIdx}, or null
   * @throws IllegalArgumentException when an invariant does not hold
   */
  public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values, Timestamps times) {
    this.rows = rows;
    this.cols = cols;
    this.rowPtr = Objects.requireNonNull(rowPtr, "rowPtr");
    this.colIdx = Objects.requireNonNull(colIdx, "colIdx");
    this.values = Objects.requireNonNull(values, "values");
    this.times = times;
    validate();
  }

  private void validate() {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    }
    if (rowPtr.length != rows + 1 || rowPtr[0] != 0) {
      throw new IllegalArgumentException("rowPtr must have rows+1 entries starting at 0");
    }
    int nnz = rowPtr[rows];
    if (colIdx.length != nnz || values.length != nnz) {
      throw new IllegalArgumentException(
          "colIdx/values length " + colIdx.length + "/" + values.length + " != nnz " + nnz);
    }
    if (times != null && times.size() != nnz) {
      throw new IllegalArgumentException("timestamps length " + times.size() + " != nnz " + nnz);
    }
    for (int r = 0; r < rows; r++) {
      int start = rowPtr[r];
      int end = rowPtr[r + 1];
      if (end < start) {
        throw new IllegalArgumentException("rowPtr decreases at row " + r);
      }
      int prev = -1;
      for (int p = start; p < end; p++) {
        int c = colIdx[p];
        if (c <= prev || c >= cols) {
          throw new IllegalArgumentException(
              "row " + r + ": column " + c + " out of order or out of range [0," + cols + ")");
        }
        prev = c;
      }
    }
  }

  /** An empty matrix of the given shape. */
  public static CsrMatrix empty(int rows, int cols) {
    return new CsrMatrix(rows, cols, new int[rows + 1], new int[0], new float[0], null);
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Number of columns. */
  public int cols() {
    return cols;
  }

  /** Number of stored entries. */
  public int nnz() {
    return rowPtr[rows];
  }

  /** Row pointers, length {@code rows()+1}; the backing array: read only. */
  public int[] rowPtr() {
    return rowPtr;
  }

  /** Column index of each entry, ascending within a row; the backing array: read only. */
  public int[] colIdx() {
    return colIdx;
  }

  /** Value of each entry; the backing array: read only. */
  public float[] values() {
    return values;
  }

  /** Whether entries carry timestamps. */
  public boolean hasTimestamps() {
    return times != null;
  }

  /** Per-entry timestamps, or null when the data has none. */
  public Timestamps timestamps() {
    return times;
  }

  /** First position of row {@code r}. */
  public int rowStart(int r) {
    return rowPtr[r];
  }

  /** One past the last position of row {@code r}. */
  public int rowEnd(int r) {
    return rowPtr[r + 1];
  }

  /** Number of entries in row {@code r}. */
  public int rowLength(int r) {
    return rowPtr[r + 1] - rowPtr[r];
  }

  /** The value at (r, c), or {@code Float.NaN} when the entry is not stored. */
  public float get(int r, int c) {
    int p = Arrays.binarySearch(colIdx, rowPtr[r], rowPtr[r + 1], c);
    return p >= 0 ? values[p] : Float.NaN;
  }

  /** Whether (r, c) is stored. */
  public boolean contains(int r, int c) {
    return Arrays.binarySearch(colIdx, rowPtr[r], rowPtr[r + 1], c) >= 0;
  }

  /** Number of entries per column (item popularity for a user-item matrix). */
  public int[] colCounts() {
    CsrMatrix t = transpose;
    if (t != null) {
      int[] counts = new int[cols];
      for (int c = 0; c < cols; c++) {
        counts[c] = t.rowLength(c);
      }
      return counts;
    }
    int[] counts = new int[cols];
    for (int p = 0, n = nnz(); p < n; p++) {
      counts[colIdx[p]]++;
    }
    return counts;
  }

  /**
   * The transpose (rows and columns swapped), built by a counting sort on first use and cached;
   * its transpose is this matrix. Entry order within each transposed row is ascending by the
   * original row, so the result satisfies the CSR invariants.
   */
  public CsrMatrix transpose() {
    CsrMatrix t = transpose;
    if (t == null) {
      synchronized (this) {
        t = transpose;
        if (t == null) {
          t = buildTranspose();
          t.transpose = this;
          transpose = t;
        }
      }
    }
    return t;
  }

  private CsrMatrix buildTranspose() {
    int nnz = nnz();
    int[] tPtr = new int[cols + 1];
    for (int p = 0; p < nnz; p++) {
      tPtr[colIdx[p] + 1]++;
    }
    for (int c = 0; c < cols; c++) {
      tPtr[c + 1] += tPtr[c];
    }
    int[] fill = Arrays.copyOf(tPtr, cols);
    int[] tCol = new int[nnz];
    float[] tVal = new float[nnz];
    int[] perm = times != null ? new int[nnz] : null;
    for (int r = 0; r < rows; r++) {
      for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
        int q = fill[colIdx[p]]++;
        tCol[q] = r;
        tVal[q] = values[p];
        if (perm != null) {
          perm[q] = p;
        }
      }
    }
    Timestamps tTimes = times != null ? times.permute(perm) : null;
    return new CsrMatrix(cols, rows, tPtr, tCol, tVal, tTimes, false);
  }

  // trusted constructor: skips validation for matrices built by this package
  CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values, Timestamps times,
      boolean validate) {
    this.rows = rows;
    this.cols = cols;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
    this.times = times;
    if (validate) {
      validate();
    }
  }

  /**
   * The entries whose position {@code p} has {@code keep[p]} set, in a matrix of the same shape
   * (same index spaces). Used by splits: train and test are selections of one matrix.
   */
  public CsrMatrix select(boolean[] keep) {
    if (keep.length != nnz()) {
      throw new IllegalArgumentException("mask length " + keep.length + " != nnz " + nnz());
    }
    int[] ptr = new int[rows + 1];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      for (int p = rowPtr[r], end = rowPtr[r + 1]; p < end; p++) {
        if (keep[p]) {
          n++;
        }
      }
      ptr[r + 1] = n;
    }
    int[] col = new int[n];
    float[] val = new float[n];
    int[] pos = times != null ? new int[n] : null;
    int q = 0;
    for (int p = 0, m = nnz(); p < m; p++) {
      if (keep[p]) {
        col[q] = colIdx[p];
        val[q] = values[p];
        if (pos != null) {
          pos[q] = p;
        }
        q++;
      }
    }
    return new CsrMatrix(rows, cols, ptr, col, val, times != null ? times.permute(pos) : null, false);
  }

  /** A matrix with the same entries and every value replaced by {@code value} (implicit data). */
  public CsrMatrix withConstantValues(float value) {
    float[] v = new float[nnz()];
    Arrays.fill(v, value);
    return new CsrMatrix(rows, cols, rowPtr, colIdx, v, times, false);
  }

  /** Approximate heap bytes held by this matrix, not counting a cached transpose. */
  public long memoryBytes() {
    long b = 4L * rowPtr.length + 4L * colIdx.length + 4L * values.length;
    if (times != null) {
      b += times.memoryBytes();
    }
    return b;
  }

  /**
   * Builds a matrix from entries in coordinate form, in input order.
   *
   * @param rowIndex row of each entry, in {@code [0, rows)}
   * @param colIndex column of each entry, in {@code [0, cols)}
   * @param values value of each entry
   * @param times timestamp of each entry, or null
   * @param duplicates what to do with repeated (row, column) pairs; "last"/"first" refer to the
   *     order of the input arrays
   * @param threads worker threads for the per-row sort ({@code <= 0}: all cores)
   * @throws DuplicateEntryException under {@link DuplicatePolicy#ERROR} when a pair repeats
   */
  public static CsrMatrix fromCoordinates(int rows, int cols, int[] rowIndex, int[] colIndex,
      float[] values, long[] times, DuplicatePolicy duplicates, int threads) {
    return CsrBuilder.build(rows, cols, rowIndex, colIndex, values, times, duplicates, threads);
  }

  /**
   * Builds a matrix from entries already grouped by row but not yet sorted by column within a
   * row (as a loader's counting-sort scatter leaves them): row {@code r} occupies
   * {@code rowPtr[r]..rowPtr[r+1]-1}, in input order. Rows are sorted by column in parallel (rows
   * already ascending are left alone) and duplicates resolved; the arrays may be reused.
   *
   * @param times per-entry timestamps aligned with {@code colIdx}, or null
   */
  public static CsrMatrix fromRowGrouped(int rows, int cols, int[] rowPtr, int[] colIdx,
      float[] values, long[] times, DuplicatePolicy duplicates, int threads) {
    return CsrBuilder.sortRows(rows, cols, rowPtr, colIdx, values, times, duplicates, threads);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsrMatrix m
        && rows == m.rows
        && cols == m.cols
        && Arrays.equals(rowPtr, m.rowPtr)
        && Arrays.equals(colIdx, m.colIdx)
        && Arrays.equals(values, m.values)
        && Objects.equals(times, m.times);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, cols, Arrays.hashCode(colIdx), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "CsrMatrix[" + rows + "x" + cols + ", nnz=" + nnz()
        + (times != null ? ", timestamps" : "") + "]";
  }

}
