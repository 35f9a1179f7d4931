package io.reco4j.data.io;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.IdIndex;
import io.reco4j.data.ItemMetadata;
import io.reco4j.data.Timestamps;
import io.reco4j.io.BinaryIds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Binary snapshots of a loaded {@link Dataset}: written once after a parse, memory-mapped back in
 * a fraction of the parse time.
 *
 * <pre>
 *   magic      8 bytes  "R4JSNAP1"
 *   version    int      {@value #VERSION} (little-endian, as every number outside the header block)
 *   headerLen  int
 *   header     headerLen bytes: source key, name, flags, id indices, shape, metadata
 *   padding    to a multiple of 8
 *   rowPtr     int[rows+1]
 *   colIdx     int[nnz]
 *   values     float[nnz]
 *   times      int[nnz] (compact, base in the header) or long[nnz] (wide), when present
 *   checksum   long     CRC32C of every byte above
 * </pre>
 *
 * <p>Files are written to a temporary file, forced to disk and renamed into place, so a crash
 * never leaves a torn snapshot; a snapshot whose checksum, magic or version does not match is
 * rejected with a {@link DataFormatException}.
 */
public final class Snapshots {
  /** The current snapshot format version. */
  public static final int VERSION = 1;
  private static final byte[] MAGIC = "R4JSNAP1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAP_PIECE = 1 << 28; // bytes per mapped window

  private Snapshots() {}

  /**
   * What a snapshot was made from: the source file's identity and the options that shaped the
   * data. A snapshot is reused only when its key equals the current one.
   *
   * @param source absolute path of the source file
   * @param size source size in bytes
   * @param mtimeMillis source modification time
   * @param headHash CRC32C of the first and last 64 KiB of the source
   * @param options the load options that affect the result
   */
  public record SourceKey(String source, long size, long mtimeMillis, long headHash, String options) {

    /** The key of {@code file} as it is now, loaded with {@code options}. */
    public static SourceKey of(Path file, String options) throws IOException {
      long size = Files.size(file);
      CRC32C crc = new CRC32C();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(size, 1 << 16));
        ch.read(b, 0);
        b.flip();
        crc.update(b);
        if (size > (1 << 17)) {
          b.clear();
          ch.read(b, size - b.capacity());
          b.flip();
          crc.update(b);
        }
      }
      return new SourceKey(file.toAbsolutePath().normalize().toString(), size,
          Files.getLastModifiedTime(file).toMillis(), crc.getValue(), options);
    }
  }

  /** Writes {@code data} to {@code target} atomically. */
  public static void write(Dataset data, SourceKey key, Path target) throws IOException {
    CsrMatrix m = data.matrix();
    ByteArrayOutputStream hb = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(hb);
    writeKey(key, h);
    h.writeUTF(data.name());
    h.writeBoolean(data.explicit());
    BinaryIds.write(data.users(), h);
    BinaryIds.write(data.items(), h);
    h.writeInt(m.rows());
    h.writeInt(m.cols());
    h.writeInt(m.nnz());
    Timestamps ts = m.timestamps();
    h.writeByte(ts == null ? 0 : ts.isCompact() ? 1 : 2);
    h.writeLong(ts == null ? 0 : ts.base());
    writeMetadata(data.metadata(), h);
    h.flush();
    byte[] header = hb.toByteArray();

    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = io.reco4j.io.AtomicFiles.createTemp(abs);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        CRC32C crc = new CRC32C();
        ByteBuffer pre = le(16 + header.length + 8);
        pre.put(MAGIC).putInt(VERSION).putInt(header.length).put(header);
        while (pre.position() % 8 != 0) {
          pre.put((byte) 0);
        }
        pre.flip();
        write(ch, pre, crc);
        writeInts(ch, m.rowPtr(), crc);
        writeInts(ch, m.colIdx(), crc);
        writeFloats(ch, m.values(), crc);
        if (ts != null && ts.isCompact()) {
          writeInts(ch, ts.offsets(), crc);
        } else if (ts != null) {
          if (ch.position() % 8 != 0) {
            write(ch, le(4).putInt(0).flip(), crc);
          }
          writeLongs(ch, ts.wide(), crc);
        }
        ByteBuffer tail = le(8).putLong(crc.getValue()).flip();
        while (tail.hasRemaining()) {
          ch.write(tail);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The source key stored in a snapshot, checking only magic and version (cheap). */
  public static SourceKey readKey(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] header = readHeaderBytes(file, ch);
      try {
        return readKey(new DataInputStream(new ByteArrayInputStream(header)));
      } catch (IOException e) { // the checksum is not verified here: a damaged header
        throw new DataFormatException(file, 0, null, "corrupt snapshot header: " + e);
      }
    }
  }

  /** Reads a snapshot, verifying its checksum; the arrays are copied out of the mapping. */
  public static Dataset read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      // magic and version first, so that another file or format is named as such
      byte[] header = readHeaderBytes(file, ch);
      verifyChecksum(file, ch, size);
      DataInputStream h = new DataInputStream(new ByteArrayInputStream(header));
      readKey(h);
      String name = h.readUTF();
      boolean explicit = h.readBoolean();
      IdIndex users = BinaryIds.read(h);
      IdIndex items = BinaryIds.read(h);
      int rows = h.readInt();
      int cols = h.readInt();
      int nnz = h.readInt();
      int tsKind = h.readByte();
      long tsBase = h.readLong();
      ItemMetadata meta = readMetadata(h, items.size());
      long pos = align8(16L + header.length);
      int[] rowPtr = new int[rows + 1];
      pos = readInts(ch, pos, rowPtr);
      int[] colIdx = new int[nnz];
      pos = readInts(ch, pos, colIdx);
      float[] values = new float[nnz];
      pos = readFloats(ch, pos, values);
      Timestamps ts = null;
      if (tsKind == 1) {
        int[] off = new int[nnz];
        pos = readInts(ch, pos, off);
        ts = Timestamps.ofOffsets(tsBase, off);
      } else if (tsKind == 2) {
        pos = align8(pos);
        long[] wide = new long[nnz];
        pos = readLongs(ch, pos, wide);
        ts = Timestamps.ofWide(wide);
      }
      if (pos + 8 != size) {
        throw new DataFormatException(file, 0, null, "snapshot layout does not match its size");
      }
      CsrMatrix m = new CsrMatrix(rows, cols, rowPtr, colIdx, values, ts);
      return new Dataset(name, users, items, m, explicit, meta);
    } catch (java.io.EOFException | IllegalArgumentException e) {
      throw new DataFormatException(file, 0, null, "corrupt snapshot: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- helpers

  private static byte[] readHeaderBytes(Path file, FileChannel ch) throws IOException {
    ByteBuffer pre = le(16);
    if (ch.read(pre, 0) != 16) {
      throw new DataFormatException(file, 0, null, "not a reco4j snapshot (too short)");
    }
    pre.flip();
    byte[] magic = new byte[8];
    pre.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new DataFormatException(file, 0, null, "not a reco4j snapshot (bad magic)");
    }
    int version = pre.getInt();
    if (version != VERSION) {
      throw new DataFormatException(file, 0, null, "snapshot format version " + version
          + " is not supported (this reco4j reads " + VERSION + ")");
    }
    int len = pre.getInt();
    if (len < 0) {
      throw new DataFormatException(file, 0, null, "corrupt snapshot header length " + len);
    }
    if (16L + len > ch.size()) {
      throw new DataFormatException(file, 0, null, "truncated snapshot: a header of " + len
          + " bytes in a file of " + ch.size());
    }
    ByteBuffer hb = ByteBuffer.allocate(len);
    while (hb.hasRemaining()) {
      if (ch.read(hb, 16L + hb.position()) < 0) {
        throw new DataFormatException(file, 0, null, "truncated snapshot");
      }
    }
    return hb.array();
  }

  private static void verifyChecksum(Path file, FileChannel ch, long size) throws IOException {
    if (size < 24) {
      throw new DataFormatException(file, 0, null, "truncated snapshot");
    }
    CRC32C crc = new CRC32C();
    long end = size - 8;
    for (long p = 0; p < end; p += MAP_PIECE) {
      MappedByteBuffer mb = ch.map(FileChannel.MapMode.READ_ONLY, p, Math.min(MAP_PIECE, end - p));
      crc.update(mb);
    }
    ByteBuffer tail = le(8);
    ch.read(tail, end);
    tail.flip();
    if (tail.getLong() != crc.getValue()) {
      throw new DataFormatException(file, 0, null, "snapshot checksum mismatch (corrupt or truncated)");
    }
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static long align8(long p) {
    return (p + 7) & ~7L;
  }

  private static void write(FileChannel ch, ByteBuffer b, CRC32C crc) throws IOException {
    crc.update(b.duplicate());
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static final int CHUNK = 1 << 18; // elements per write buffer

  private static void writeInts(FileChannel ch, int[] a, CRC32C crc) throws IOException {
    ByteBuffer b = ByteBuffer.allocateDirect(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int off = 0; off < a.length; off += CHUNK) {
      int n = Math.min(CHUNK, a.length - off);
      b.clear();
      b.asIntBuffer().put(a, off, n);
      b.limit(n * 4);
      write(ch, b, crc);
    }
  }

  private static void writeFloats(FileChannel ch, float[] a, CRC32C crc) throws IOException {
    ByteBuffer b = ByteBuffer.allocateDirect(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int off = 0; off < a.length; off += CHUNK) {
      int n = Math.min(CHUNK, a.length - off);
      b.clear();
      b.asFloatBuffer().put(a, off, n);
      b.limit(n * 4);
      write(ch, b, crc);
    }
  }

  private static void writeLongs(FileChannel ch, long[] a, CRC32C crc) throws IOException {
    ByteBuffer b = ByteBuffer.allocateDirect(CHUNK * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int off = 0; off < a.length; off += CHUNK) {
      int n = Math.min(CHUNK, a.length - off);
      b.clear();
      b.asLongBuffer().put(a, off, n);
      b.limit(n * 8);
      write(ch, b, crc);
    }
  }

  private static MappedByteBuffer map(FileChannel ch, long pos, long bytes) throws IOException {
    if (pos + bytes > ch.size()) {
      throw new java.io.EOFException("snapshot truncated at byte " + pos);
    }
    return (MappedByteBuffer) ch.map(FileChannel.MapMode.READ_ONLY, pos, bytes)
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private static long readInts(FileChannel ch, long pos, int[] dst) throws IOException {
    int step = MAP_PIECE / 4;
    for (int off = 0; off < dst.length; off += step) {
      int n = Math.min(step, dst.length - off);
      map(ch, pos + 4L * off, 4L * n).asIntBuffer().get(dst, off, n);
    }
    return pos + 4L * dst.length;
  }

  private static long readFloats(FileChannel ch, long pos, float[] dst) throws IOException {
    int step = MAP_PIECE / 4;
    for (int off = 0; off < dst.length; off += step) {
      int n = Math.min(step, dst.length - off);
      map(ch, pos + 4L * off, 4L * n).asFloatBuffer().get(dst, off, n);
    }
    return pos + 4L * dst.length;
  }

  private static long readLongs(FileChannel ch, long pos, long[] dst) throws IOException {
    int step = MAP_PIECE / 8;
    for (int off = 0; off < dst.length; off += step) {
      int n = Math.min(step, dst.length - off);
      map(ch, pos + 8L * off, 8L * n).asLongBuffer().get(dst, off, n);
    }
    return pos + 8L * dst.length;
  }

  private static void writeKey(SourceKey k, DataOutputStream h) throws IOException {
    h.writeUTF(k.source());
    h.writeLong(k.size());
    h.writeLong(k.mtimeMillis());
    h.writeLong(k.headHash());
    h.writeUTF(k.options());
  }

  private static SourceKey readKey(DataInputStream h) throws IOException {
    return new SourceKey(h.readUTF(), h.readLong(), h.readLong(), h.readLong(), h.readUTF());
  }

  private static void writeMetadata(ItemMetadata meta, DataOutputStream h) throws IOException {
    h.writeBoolean(meta != null);
    if (meta == null) {
      return;
    }
    for (int i = 0; i < meta.size(); i++) {
      writeString(h, meta.titles()[i]);
      writeStrings(h, meta.genres()[i]);
      writeStrings(h, meta.tags()[i]);
    }
  }

  private static ItemMetadata readMetadata(DataInputStream h, int items) throws IOException {
    if (!h.readBoolean()) {
      return null;
    }
    String[] titles = new String[items];
    String[][] genres = new String[items][];
    String[][] tags = new String[items][];
    for (int i = 0; i < items; i++) {
      titles[i] = readString(h);
      genres[i] = readStrings(h);
      tags[i] = readStrings(h);
    }
    return new ItemMetadata(titles, genres, tags);
  }

  private static void writeString(DataOutputStream h, String s) throws IOException {
    if (s == null) {
      h.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    h.writeInt(b.length);
    h.write(b);
  }

  private static String readString(DataInputStream h) throws IOException {
    int n = h.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    h.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void writeStrings(DataOutputStream h, String[] a) throws IOException {
    h.writeInt(a == null ? 0 : a.length);
    if (a != null) {
      for (String s : a) {
        writeString(h, s);
      }
    }
  }

  private static String[] readStrings(DataInputStream h) throws IOException {
    int n = h.readInt();
    if (n < 0 || n > (1 << 24)) {
      throw new IOException("bad string count " + n);
    }
    String[] a = new String[n];
    for (int k = 0; k < n; k++) {
      a[k] = readString(h);
    }
    return a;
  }
}
