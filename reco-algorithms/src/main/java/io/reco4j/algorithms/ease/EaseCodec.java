package io.reco4j.algorithms.ease;

import io.reco4j.data.CsrMatrix;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Model-file codec of {@link EaseModel}. Payload v1, big-endian: int n, then B as n² floats
 * (row-major); then the training history: int rows, int cols, int nnz, rowPtr (rows + 1 ints),
 * colIdx (nnz ints), values (nnz floats). Arrays are moved in 64 KiB chunks, not value by value.
 */
public final class EaseCodec implements ModelCodec<EaseModel> {
  private static final int VERSION = 1;
  private static final int CHUNK = 1 << 14; // values per chunk

  @Override
  public String algorithm() {
    return EaseModel.ALGORITHM;
  }

  @Override
  public Class<EaseModel> modelType() {
    return EaseModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(EaseModel model, DataOutputStream out) throws IOException {
    int n = model.items().size();
    out.writeInt(n);
    writeFloats(out, model.weights());
    CsrMatrix h = model.history();
    out.writeInt(h.rows());
    out.writeInt(h.cols());
    out.writeInt(h.nnz());
    writeInts(out, h.rowPtr());
    writeInts(out, h.colIdx());
    writeFloats(out, h.values());
  }

  @Override
  public EaseModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    if (payloadVersion < 1 || payloadVersion > VERSION) {
      throw new IOException("ease model payload version " + payloadVersion
          + " is not supported (reads 1.." + VERSION + ")");
    }
    EaseConfig config = Configs.fromJson(header.provenance().configJson(), EaseConfig.class);
    int n = in.readInt();
    if (n != header.items().size()) {
      throw new IOException("ease: B has order " + n + ", the item index " + header.items().size());
    }
    float[] b = readFloats(in, n * n);
    int rows = in.readInt();
    int cols = in.readInt();
    int nnz = in.readInt();
    if (rows != header.users().size() || cols != n || nnz < 0) {
      throw new IOException("ease: history is " + rows + " x " + cols + " (" + nnz
          + " entries), index spaces are " + header.users().size() + " x " + n);
    }
    int[] rowPtr = readInts(in, rows + 1);
    int[] colIdx = readInts(in, nnz);
    float[] values = readFloats(in, nnz);
    CsrMatrix history = new CsrMatrix(rows, cols, rowPtr, colIdx, values, null);
    return new EaseModel(config, header.provenance(), header.users(), header.items(), history, b);
  }

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(4 * CHUNK);
    for (int from = 0; from < a.length; from += CHUNK) {
      int len = Math.min(CHUNK, a.length - from);
      bb.clear();
      bb.asFloatBuffer().put(a, from, len);
      out.write(bb.array(), 0, 4 * len);
    }
  }

  private static void writeInts(DataOutputStream out, int[] a) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(4 * CHUNK);
    for (int from = 0; from < a.length; from += CHUNK) {
      int len = Math.min(CHUNK, a.length - from);
      bb.clear();
      bb.asIntBuffer().put(a, from, len);
      out.write(bb.array(), 0, 4 * len);
    }
  }

  private static float[] readFloats(DataInputStream in, int count) throws IOException {
    float[] a = new float[count];
    byte[] buf = new byte[4 * CHUNK];
    for (int from = 0; from < count; from += CHUNK) {
      int len = Math.min(CHUNK, count - from);
      in.readFully(buf, 0, 4 * len);
      ByteBuffer.wrap(buf, 0, 4 * len).asFloatBuffer().get(a, from, len);
    }
    return a;
  }

  private static int[] readInts(DataInputStream in, int count) throws IOException {
    int[] a = new int[count];
    byte[] buf = new byte[4 * CHUNK];
    for (int from = 0; from < count; from += CHUNK) {
      int len = Math.min(CHUNK, count - from);
      in.readFully(buf, 0, 4 * len);
      ByteBuffer.wrap(buf, 0, 4 * len).asIntBuffer().get(a, from, len);
    }
    return a;
  }
}
