package io.reco4j.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A bijection between external ids (as they appear in the source data) and dense {@code int}
 * indices {@code 0 .. size()-1}.
 *
 * <p>Dense indices are assigned in ascending order of the external id: numerically when every id
 * is an integer, otherwise lexicographically (by UTF-16 code units, i.e. {@link String#compareTo}).
 * The order therefore does not depend on the file order or on how many threads parsed the file,
 * which keeps everything downstream reproducible.
 *
 * <p>External ids live only at the boundary (loading, printing, the service); kernels see dense
 * indices only. Looking up an unknown id is an explicit result ({@link #find}) or an
 * {@link UnknownIdException} naming the id ({@link #require}) — never {@code -1} in an array.
 *
 * <p>Immutable and thread-safe.
 */
public final class IdIndex {
  private final String kind;
  private final long[] numericIds; // sorted ascending, when numeric
  private final String[] stringIds; // sorted ascending, when not numeric

  private IdIndex(String kind, long[] numericIds, String[] stringIds) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.numericIds = numericIds;
    this.stringIds = stringIds;
  }

  /**
   * An index over integer ids.
   *
   * @param kind what the ids name ("user", "item"), used in error messages
   * @param sortedDistinctIds strictly ascending ids; the array is owned by the index afterwards
   */
  public static IdIndex ofNumeric(String kind, long[] sortedDistinctIds) {
    for (int i = 1; i < sortedDistinctIds.length; i++) {
      if (sortedDistinctIds[i - 1] >= sortedDistinctIds[i]) {
        throw new IllegalArgumentException(kind + " ids must be strictly ascending at position " + i);
      }
    }
    return new IdIndex(kind, sortedDistinctIds, null);
  }

  /**
   * An index over string ids.
   *
   * @param kind what the ids name ("user", "item"), used in error messages
   * @param sortedDistinctIds strictly ascending ids; the array is owned by the index afterwards
   */
  public static IdIndex ofStrings(String kind, String[] sortedDistinctIds) {
    for (int i = 1; i < sortedDistinctIds.length; i++) {
      if (sortedDistinctIds[i - 1].compareTo(sortedDistinctIds[i]) >= 0) {
        throw new IllegalArgumentException(kind + " ids must be strictly ascending at position " + i);
      }
    }
    return new IdIndex(kind, null, sortedDistinctIds);
  }

  /** Dense ids {@code 0..n-1} whose external id is the index itself (synthetic data, tests). */
  public static IdIndex identity(String kind, int n) {
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return new IdIndex(kind, ids, null);
  }

  /** What the ids name, e.g. "user" or "item". */
  public String kind() {
    return kind;
  }

  /** Number of distinct ids. */
  public int size() {
    return numericIds != null ? numericIds.length : stringIds.length;
  }

  /** Whether every external id is an integer. */
  public boolean isNumeric() {
    return numericIds != null;
  }

  /** The external id of a dense index, as text. */
  public String idOf(int index) {
    Objects.checkIndex(index, size());
    return numericIds != null ? Long.toString(numericIds[index]) : stringIds[index];
  }

  /** The external integer id of a dense index; only for numeric indices. */
  public long numericIdOf(int index) {
    if (numericIds == null) {
      throw new IllegalStateException(kind + " ids are not numeric");
    }
    return numericIds[index];
  }

  /** The dense index of an external id, or empty when the id is unknown. */
  public OptionalInt find(String externalId) {
    int i;
    if (numericIds != null) {
      long v;
      try {
        v = Long.parseLong(externalId.strip());
      } catch (NumberFormatException e) {
        return OptionalInt.empty();
      }
      i = Arrays.binarySearch(numericIds, v);
    } else {
      i = Arrays.binarySearch(stringIds, externalId);
    }
    return i >= 0 ? OptionalInt.of(i) : OptionalInt.empty();
  }

  /** The dense index of an external integer id, or empty when unknown or the ids are strings. */
  public OptionalInt find(long externalId) {
    if (numericIds == null) {
      return find(Long.toString(externalId));
    }
    int i = Arrays.binarySearch(numericIds, externalId);
    return i >= 0 ? OptionalInt.of(i) : OptionalInt.empty();
  }

  /**
   * The dense index of an external id.
   *
   * @throws UnknownIdException naming the id when it is not in the index
   */
  public int require(String externalId) {
    OptionalInt i = find(externalId);
    if (i.isEmpty()) {
      throw new UnknownIdException(kind, externalId);
    }
    return i.getAsInt();
  }

  /** The sorted numeric ids (a copy); only for numeric indices. */
  public long[] numericIds() {
    if (numericIds == null) {
      throw new IllegalStateException(kind + " ids are not numeric");
    }
    return numericIds.clone();
  }

  /** The sorted string form of every id (a copy). */
  public String[] stringIds() {
    if (stringIds != null) {
      return stringIds.clone();
    }
    String[] out = new String[numericIds.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Long.toString(numericIds[i]);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdIndex other
        && kind.equals(other.kind)
        && Arrays.equals(numericIds, other.numericIds)
        && Arrays.equals(stringIds, other.stringIds);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(numericIds) + Arrays.hashCode(stringIds);
  }

  @Override
  public String toString() {
    return "IdIndex[" + kind + ", " + size() + (isNumeric() ? " numeric" : " string") + " ids]";
  }
}
