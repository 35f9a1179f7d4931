package io.reco4j.algorithms.knn;

import java.util.Objects;

/**
 * The stored neighbour lists of a neighbourhood model, in CSR form: entity {@code e} (an item for
 * item-kNN, a user for user-kNN) has neighbours at positions {@code start(e) .. end(e)-1} of
 * {@link #indices()} and {@link #similarities()}, most similar first (ties by ascending index).
 * Only positive similarities are stored, and an entity is never its own neighbour.
 *
 * <p>Memory: 8 bytes per stored neighbour plus 4 per entity. Immutable and thread-safe; the
 * accessors return the backing arrays, which callers must not modify.
 */
public final class Neighbors {
  private final int[] ptr;
  private final int[] idx;
  private final float[] sim;

  /**
   * Wraps arrays satisfying the invariants above; they are owned by this object afterwards.
   *
   * @throws IllegalArgumentException when lengths or pointers are inconsistent
   */
  public Neighbors(int[] ptr, int[] idx, float[] sim) {
    this.ptr = Objects.requireNonNull(ptr, "ptr");
    this.idx = Objects.requireNonNull(idx, "idx");
    this.sim = Objects.requireNonNull(sim, "sim");
    if (ptr.length < 1 || ptr[0] != 0 || ptr[ptr.length - 1] != idx.length
        || sim.length != idx.length) {
      throw new IllegalArgumentException("inconsistent neighbour lists");
    }
    int n = ptr.length - 1;
    for (int e = 0; e < n; e++) {
      if (ptr[e + 1] < ptr[e]) {
        throw new IllegalArgumentException("neighbour pointers decrease at " + e);
      }
      for (int p = ptr[e]; p < ptr[e + 1]; p++) {
        if (idx[p] < 0 || idx[p] >= n || idx[p] == e) {
          throw new IllegalArgumentException("entity " + e + ": bad neighbour " + idx[p]);
        }
      }
    }
  }

  /** Number of entities. */
  public int size() {
    return ptr.length - 1;
  }

  /** Total number of stored neighbours. */
  public int nnz() {
    return idx.length;
  }

  /** First position of entity {@code e}'s list. */
  public int start(int e) {
    return ptr[e];
  }

  /** One past the last position of entity {@code e}'s list. */
  public int end(int e) {
    return ptr[e + 1];
  }

  /** List pointers, length {@code size()+1}; the backing array: read only. */
  public int[] pointers() {
    return ptr;
  }

  /** Neighbour index of each position; the backing array: read only. */
  public int[] indices() {
    return idx;
  }

  /** Similarity of each position; the backing array: read only. */
  public float[] similarities() {
    return sim;
  }

  /** Approximate heap bytes. */
  public long memoryBytes() {
    return 4L * ptr.length + 8L * idx.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Neighbors n && java.util.Arrays.equals(ptr, n.ptr)
        && java.util.Arrays.equals(idx, n.idx) && java.util.Arrays.equals(sim, n.sim);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(idx) * 31 + java.util.Arrays.hashCode(sim);
  }

  @Override
  public String toString() {
    return "Neighbors[" + size() + " entities, " + nnz() + " neighbours]";
  }
}
