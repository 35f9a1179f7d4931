package io.reco4j.algorithms.knn;

import static io.reco4j.model.PayloadIO.*;

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





}
