package io.reco4j.data;

import java.util.Objects;

/**
 * A loaded interaction dataset: user and item id indices, the user × item matrix in CSR form
 * (rows = dense user index, columns = dense item index), and optional item metadata.
 *
 * <p>Splits produce datasets that share the index spaces of their source and hold a subset of its
 * entries, so a dense index means the same user or item in train, test and the full data.
 * Immutable and thread-safe.
 *
 * @param name a short name for reports ("ml-100k", a file name)
 * @param users user ids ↔ row indices
 * @param items item ids ↔ column indices
 * @param matrix the interactions; values are ratings when {@code explicit}, else strengths (1 when
 *     the source has no values)
 * @param explicit whether values are ratings (the source had a rating column)
 * @param metadata item titles, genres and tags, or null when the source has none
 */
public record Dataset(String name, IdIndex users, IdIndex items, CsrMatrix matrix, boolean explicit,
    ItemMetadata metadata) {

  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(matrix, "matrix");
    if (matrix.rows() != users.size() || matrix.cols() != items.size()) {
      throw new IllegalArgumentException("matrix " + matrix.rows() + "x" + matrix.cols()
          + " does not match " + users.size() + " users x " + items.size() + " items");
    }
    if (metadata != null && metadata.size() != items.size()) {
      throw new IllegalArgumentException("metadata for " + metadata.size() + " items, expected "
          + items.size());
    }
  }

  /** Number of users (rows). */
  public int userCount() {
    return users.size();
  }

  /** Number of items (columns). */
  public int itemCount() {
    return items.size();
  }

  /** Number of interactions. */
  public int size() {
    return matrix.nnz();
  }

  /** Fraction of the user × item matrix that is filled. */
  public double density() {
    double cells = (double) users.size() * items.size();
    return cells == 0 ? 0 : matrix.nnz() / cells;
  }

  /** The same users, items and metadata with other interactions (a split part). */
  public Dataset withMatrix(String newName, CsrMatrix newMatrix) {
    return new Dataset(newName, users, items, newMatrix, explicit, metadata);
  }

  /**
   * The implicit view: entries with value {@code >= minRating} (all when NaN), every value 1.
   * Users and items keep their indices even when all their entries are dropped.
   */
  public Dataset implicit(float minRating) {
    CsrMatrix m = matrix;
    if (!Float.isNaN(minRating)) {
      float[] v = m.values();
      boolean[] keep = new boolean[v.length];
      for (int p = 0; p < v.length; p++) {
        keep[p] = v[p] >= minRating;
      }
      m = m.select(keep);
    }
    return new Dataset(name, users, items, m.withConstantValues(1f), false, metadata);
  }

  /** A content fingerprint of the interactions (see {@link DataFingerprint}). */
  public DataFingerprint fingerprint() {
    return DataFingerprint.of(this);
  }
}
