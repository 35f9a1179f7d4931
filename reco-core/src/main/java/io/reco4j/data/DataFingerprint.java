package io.reco4j.data;

/**
 * A content hash of a dataset's interactions with its counts, recorded in model provenance and
 * evaluation reports so that a number can be traced to the exact data it came from. Two datasets
 * with the same ids, entries, values and timestamps have the same fingerprint, however they were
 * loaded (file, snapshot, any thread count).
 *
 * @param hash 64-bit hash, printed as 16 hex digits
 * @param users number of users
 * @param items number of items
 * @param interactions number of stored entries
 */
public record DataFingerprint(long hash, int users, int items, int interactions) {

  /** Computes the fingerprint of a dataset. */
  public static DataFingerprint of(Dataset d) {
    CsrMatrix m = d.matrix();
    long h = 0x9E3779B97F4A7C15L;
    h = mix(h, d.userCount());
    h = mix(h, d.itemCount());
    h = mixIds(h, d.users());
    h = mixIds(h, d.items());
    int[] ptr = m.rowPtr();
    for (int v : ptr) {
      h = mix(h, v);
    }
    int[] col = m.colIdx();
    float[] val = m.values();
    for (int p = 0; p < col.length; p++) {
      h = mix(h, ((long) col[p] << 32) ^ Float.floatToIntBits(val[p]));
    }
    if (m.hasTimestamps()) {
      Timestamps t = m.timestamps();
      for (int p = 0, n = t.size(); p < n; p++) {
        h = mix(h, t.get(p));
      }
    }
    return new DataFingerprint(h, d.userCount(), d.itemCount(), m.nnz());
  }

  private static long mixIds(long h, IdIndex ids) {
    if (ids.isNumeric()) {
      for (long v : ids.numericIds()) {
        h = mix(h, v);
      }
    } else {
      for (String s : ids.stringIds()) {
        h = mix(h, s.hashCode());
      }
    }
    return h;
  }

  private static long mix(long h, long v) {
    long x = (h ^ v) * 0xBF58476D1CE4E5B9L;
    x ^= x >>> 31;
    return x * 0x94D049BB133111EBL + 0x632BE59BD9B4E019L;
  }

  /** The hash as 16 hex digits. */
  public String hashHex() {
    return String.format("%016x", hash);
  }

  @Override
  public String toString() {
    return hashHex() + " (" + users + " users, " + items + " items, " + interactions
        + " interactions)";
  }
}
