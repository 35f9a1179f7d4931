package io.reco4j.data;

/** A (row, column) pair occurs more than once where duplicates are not allowed. */
public final class DuplicateEntryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final int row;
  private final int col;

  public DuplicateEntryException(int row, int col) {
    super("duplicate entry for row " + row + ", column " + col);
    this.row = row;
    this.col = col;
  }

  /** Dense row index of the duplicate. */
  public int row() {
    return row;
  }

  /** Dense column index of the duplicate. */
  public int col() {
    return col;
  }
}
