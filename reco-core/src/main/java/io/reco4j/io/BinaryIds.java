package io.reco4j.io;

import io.reco4j.data.IdIndex;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Binary form of an {@link IdIndex}: kind, a numeric flag, the count, then the ids. */
public final class BinaryIds {
  private BinaryIds() {}

  /** Writes an index. */
  public static void write(IdIndex ids, DataOutput out) throws IOException {
    out.writeUTF(ids.kind());
    out.writeBoolean(ids.isNumeric());
    out.writeInt(ids.size());
    if (ids.isNumeric()) {
      for (long v : ids.numericIds()) {
        out.writeLong(v);
      }
    } else {
      for (String s : ids.stringIds()) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      }
    }
  }

  /** Reads an index written by {@link #write}. */
  public static IdIndex read(DataInput in) throws IOException {
    String kind = in.readUTF();
    boolean numeric = in.readBoolean();
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative id count " + n);
    }
    if (numeric) {
      long[] ids = new long[n];
      for (int i = 0; i < n; i++) {
        ids[i] = in.readLong();
      }
      return IdIndex.ofNumeric(kind, ids);
    }
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      int len = in.readInt();
      if (len < 0 || len > (1 << 24)) {
        throw new IOException("bad id length " + len);
      }
      byte[] b = new byte[len];
      in.readFully(b);
      ids[i] = new String(b, StandardCharsets.UTF_8);
    }
    return IdIndex.ofStrings(kind, ids);
  }
}
