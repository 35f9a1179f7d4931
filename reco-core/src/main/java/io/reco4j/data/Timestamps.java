package io.reco4j.data;

import java.util.Arrays;

/**
 * Per-entry timestamps (as given in the source, usually seconds since the epoch), stored
 * compactly: as 4-byte offsets from the smallest timestamp when the range fits an {@code int}
 * (68 years of seconds), else as plain 8-byte values. Immutable.
 */
public final class Timestamps {
  private final long base;
  private final int[] offsets; // when compact
  private final long[] wide; // otherwise

  private Timestamps(long base, int[] offsets, long[] wide) {
    this.base = base;
    this.offsets = offsets;
    this.wide = wide;
  }

  /** Compact storage when possible; the array is not retained. */
  public static Timestamps of(long[] values) {
    if (values.length == 0) {
      return new Timestamps(0, new int[0], null);
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (max - min >= 0 && max - min <= Integer.MAX_VALUE) {
      int[] off = new int[values.length];
      for (int i = 0; i < values.length; i++) {
        off[i] = (int) (values[i] - min);
      }
      return new Timestamps(min, off, null);
    }
    return new Timestamps(0, null, values.clone());
  }

  /** Wraps compact offsets from {@code base}; the array is owned afterwards. */
  public static Timestamps ofOffsets(long base, int[] offsets) {
    return new Timestamps(base, offsets, null);
  }

  /** Wraps wide values; the array is owned afterwards. */
  public static Timestamps ofWide(long[] values) {
    return new Timestamps(0, null, values);
  }

  /** Number of timestamps. */
  public int size() {
    return offsets != null ? offsets.length : wide.length;
  }

  /** The timestamp at position {@code p}. */
  public long get(int p) {
    return offsets != null ? base + offsets[p] : wide[p];
  }

  /** Whether storage is 4 bytes per entry. */
  public boolean isCompact() {
    return offsets != null;
  }

  /** The base of compact offsets (0 when wide). */
  public long base() {
    return base;
  }

  /** The compact offsets (backing array, read only), or null when wide. */
  public int[] offsets() {
    return offsets;
  }

  /** The wide values (backing array, read only), or null when compact. */
  public long[] wide() {
    return wide;
  }

  /** The timestamps at positions {@code perm[0]}, {@code perm[1]}, … in a new instance. */
  public Timestamps permute(int[] perm) {
    if (offsets != null) {
      int[] out = new int[perm.length];
      for (int i = 0; i < perm.length; i++) {
        out[i] = offsets[perm[i]];
      }
      return new Timestamps(base, out, null);
    }
    long[] out = new long[perm.length];
    for (int i = 0; i < perm.length; i++) {
      out[i] = wide[perm[i]];
    }
    return new Timestamps(0, null, out);
  }

  /** Approximate heap bytes. */
  public long memoryBytes() {
    return offsets != null ? 4L * offsets.length : 8L * wide.length;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Timestamps t) || t.size() != size()) {
      return false;
    }
    if (offsets != null && t.offsets != null && base == t.base) {
      return Arrays.equals(offsets, t.offsets);
    }
    for (int i = 0, n = size(); i < n; i++) {
      if (get(i) != t.get(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return size();
  }
}
