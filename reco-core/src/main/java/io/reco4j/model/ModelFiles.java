package io.reco4j.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.reco4j.data.IdIndex;
import io.reco4j.io.AtomicFiles;
import io.reco4j.io.BinaryIds;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The versioned model file format, common to every algorithm.
 *
 * <pre>
 *   magic        8 bytes  "R4JMODEL"
 *   format       int      {@value #FORMAT_VERSION}
 *   algorithm    UTF      registered name
 *   payload ver  int      the codec's payload version
 *   provenance   int length + UTF-8 JSON (includes the config)
 *   users        id index (see BinaryIds)
 *   items        id index
 *   payload      written by the algorithm's {@link ModelCodec}
 *   checksum     int      CRC32C of every byte above
 * </pre>
 *
 * <p>Files are written atomically (temp file, fsync, rename), so a crash leaves the previous file
 * intact. Reading verifies the checksum before anything is parsed. Never Java serialisation.
 */
public final class ModelFiles {
  /** The current format version. */
  public static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = "R4JMODEL".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .build();
  private static final Map<String, ModelCodec<?>> CODECS = discover();

  private ModelFiles() {}

  private static Map<String, ModelCodec<?>> discover() {
    Map<String, ModelCodec<?>> m = new HashMap<>();
    for (ModelCodec<?> c : ServiceLoader.load(ModelCodec.class)) {
      m.put(c.algorithm(), c);
    }
    return m;
  }

  /** Writes {@code model} to {@code file} atomically. */
  @SuppressWarnings("unchecked")
  public static <M extends Model> void save(M model, Path file) throws IOException {
    ModelCodec<M> codec = (ModelCodec<M>) CODECS.get(model.algorithm());
    if (codec == null) {
      throw new IllegalArgumentException("no model codec registered for '" + model.algorithm() + "'");
    }
    AtomicFiles.write(file, raw -> {
      CRC32C crc = new CRC32C();
      DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
      out.write(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(model.algorithm());
      out.writeInt(codec.payloadVersion());
      byte[] prov = JSON.writeValueAsBytes(model.provenance());
      out.writeInt(prov.length);
      out.write(prov);
      BinaryIds.write(model.users(), out);
      BinaryIds.write(model.items(), out);
      codec.writePayload(model, out);
      out.flush();
      new DataOutputStream(raw).writeInt((int) crc.getValue());
    });
  }

  /** Reads only the common part (algorithm, provenance, id indices) of a model file. */
  public static ModelHeader readHeader(Path file) throws IOException {
    verifyChecksum(file);
    try (DataInputStream in = open(file)) {
      return header(file, in);
    }
  }

  /** Reads a model file, checking magic, format version and checksum first. */
  public static Model load(Path file) throws IOException {
    verifyChecksum(file);
    try (DataInputStream in = open(file)) {
      ModelHeader h = header(file, in);
      ModelCodec<?> codec = CODECS.get(h.algorithm());
      if (codec == null) {
        throw new ModelFileException(file, "no codec for algorithm '" + h.algorithm()
            + "' (known: " + CODECS.keySet() + ")");
      }
      return codec.readPayload(h, h.payloadVersion(), in);
    } catch (EOFException e) {
      throw new ModelFileException(file, "truncated", e);
    }
  }

  /** Reads a model file and checks that it holds a model of {@code type}. */
  public static <M extends Model> M load(Path file, Class<M> type) throws IOException {
    Model m = load(file);
    if (!type.isInstance(m)) {
      throw new ModelFileException(file, "holds a " + m.algorithm() + " model, not "
          + type.getSimpleName());
    }
    return type.cast(m);
  }

  private static DataInputStream open(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  private static ModelHeader header(Path file, DataInputStream in) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new ModelFileException(file, "not a reco4j model file (bad magic)");
    }
    int format = in.readInt();
    if (format < 1 || format > FORMAT_VERSION) {
      throw new ModelFileException(file, "model format version " + format
          + " is not supported by this reco4j (reads 1.." + FORMAT_VERSION + ")");
    }
    String algorithm = in.readUTF();
    int payloadVersion = in.readInt();
    int len = in.readInt();
    byte[] prov = new byte[len];
    in.readFully(prov);
    Provenance provenance = JSON.readValue(prov, Provenance.class);
    IdIndex users = BinaryIds.read(in);
    IdIndex items = BinaryIds.read(in);
    return new ModelHeader(algorithm, payloadVersion, provenance, users, items);
  }

  private static void verifyChecksum(Path file) throws IOException {
    long size = Files.size(file);
    if (size < MAGIC.length + 8) {
      throw new ModelFileException(file, "truncated (" + size + " bytes)");
    }
    CRC32C crc = new CRC32C();
    byte[] buf = new byte[1 << 16];
    long remaining = size - 4;
    int stored;
    try (InputStream in = Files.newInputStream(file)) {
      while (remaining > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
        if (n < 0) {
          throw new ModelFileException(file, "truncated");
        }
        crc.update(buf, 0, n);
        remaining -= n;
      }
      stored = new DataInputStream(in).readInt();
    }
    if (stored != (int) crc.getValue()) {
      throw new ModelFileException(file, "checksum mismatch: the file is corrupt or truncated");
    }
  }
}
