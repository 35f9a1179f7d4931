package io.reco4j.algorithms.knn;

import io.reco4j.data.CsrMatrix;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The payload layout both neighbourhood codecs share (see {@link ItemKnnCodec}). */
final class KnnCodecs {
  private KnnCodecs() {}

  record Payload(float mu, float min, float max, float[] userBias, float[] itemBias,
      CsrMatrix train, Neighbors neighbors) {}

  static void write(KnnModel<?> m, DataOutputStream out) throws IOException {
    out.writeFloat(m.mu);
    out.writeFloat(m.minRating);
    out.writeFloat(m.maxRating);
    writeFloats(out, m.userBias);
    writeFloats(out, m.itemBias);
    CsrMatrix t = m.train;
    out.writeInt(t.rows());
    out.writeInt(t.cols());
    writeInts(out, t.rowPtr());
    writeInts(out, t.colIdx());
    writeFloats(out, t.values());
    writeInts(out, m.neighbors.pointers());
    writeInts(out, m.neighbors.indices());
    writeFloats(out, m.neighbors.similarities());
  }

  static Payload read(ModelHeader h, DataInputStream in, int entities) throws IOException {
    float mu = in.readFloat();
    float min = in.readFloat();
    float max = in.readFloat();
    int users = h.users().size();
    int items = h.items().size();
    float[] bu = readFloats(in, users, "user biases");
    float[] bi = readFloats(in, items, "item biases");
    int rows = in.readInt();
    int cols = in.readInt();
    if (rows != users || cols != items) {
      throw new IOException("training matrix " + rows + "x" + cols + " does not match " + users
          + " users x " + items + " items");
    }
    int[] rowPtr = readInts(in, rows + 1, "row pointers");
    int nnz = rowPtr[rows];
    int[] colIdx = readInts(in, nnz, "column indices");
    float[] values = readFloats(in, nnz, "values");
    CsrMatrix train;
    try {
      train = new CsrMatrix(rows, cols, rowPtr, colIdx, values, null);
      int[] ptr = readInts(in, entities + 1, "neighbour pointers");
      int[] idx = readInts(in, ptr[entities], "neighbour indices");
      float[] sim = readFloats(in, ptr[entities], "similarities");
      return new Payload(mu, min, max, bu, bi, train, new Neighbors(ptr, idx, sim));
    } catch (IllegalArgumentException e) {
      throw new IOException(h.algorithm() + " model payload is inconsistent: " + e.getMessage(), e);
    }
  }

  static void checkVersion(ModelHeader header, int payloadVersion, int supported)
      throws IOException {
    if (payloadVersion < 1 || payloadVersion > supported) {
      throw new IOException(header.algorithm() + " model payload version " + payloadVersion
          + " is not supported (reads 1.." + supported + ")");
    }
  }

  private static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a.length);
    for (int x : a) {
      out.writeInt(x);
    }
  }

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    for (float x : a) {
      out.writeFloat(x);
    }
  }

  private static int[] readInts(DataInputStream in, int expected, String what) throws IOException {
    int n = in.readInt();
    if (n != expected || n < 0) {
      throw new IOException(what + ": expected " + expected + " values, file has " + n);
    }
    int[] a = new int[n];
    for (int k = 0; k < n; k++) {
      a[k] = in.readInt();
    }
    return a;
  }

  private static float[] readFloats(DataInputStream in, int expected, String what)
      throws IOException {
    int n = in.readInt();
    if (n != expected || n < 0) {
      throw new IOException(what + ": expected " + expected + " values, file has " + n);
    }
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = in.readFloat();
    }
    return a;
  }
}
