package io.reco4j.algorithms.bpr;

import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Model-file codec of {@link BprModel}. Payload v1: the factor count (int), then user factors,
 * item factors and item biases (int length + big-endian floats each), then the item counts (int
 * length + ints).
 */
public final class BprCodec implements ModelCodec<BprModel> {
  private static final int VERSION = 1;
  private static final int CHUNK = 1 << 14; // values per bulk copy

  @Override
  public String algorithm() {
    return BprModel.ALGORITHM;
  }

  @Override
  public Class<BprModel> modelType() {
    return BprModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(BprModel model, DataOutputStream out) throws IOException {
    out.writeInt(model.factors());
    writeFloats(out, model.userFactors());
    writeFloats(out, model.itemFactors());
    writeFloats(out, model.biases());
    int[] counts = model.counts();
    out.writeInt(counts.length);
    for (int c : counts) {
      out.writeInt(c);
    }
  }

  @Override
  public BprModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    if (payloadVersion < 1 || payloadVersion > VERSION) {
      throw new IOException(header.algorithm() + " model payload version " + payloadVersion
          + " is not supported (reads 1.." + VERSION + ")");
    }
    BprConfig config = Configs.fromJson(header.provenance().configJson(), BprConfig.class);
    int f = in.readInt();
    if (f != config.factors()) {
      throw new IOException("bpr payload has " + f + " factors, config says " + config.factors());
    }
    int users = header.users().size();
    int items = header.items().size();
    float[] p = readFloats(in, (long) users * f, "user factors");
    float[] q = readFloats(in, (long) items * f, "item factors");
    float[] b = readFloats(in, items, "item biases");
    int n = in.readInt();
    if (n != items) {
      throw new IOException("item counts: expected " + items + " values, file has " + n);
    }
    int[] counts = new int[n];
    for (int k = 0; k < n; k++) {
      counts[k] = in.readInt();
    }
    return new BprModel(config, header.provenance(), header.users(), header.items(), p, q, b,
        counts);
  }

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Float.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int len = Math.min(CHUNK, a.length - from);
      buf.clear();
      buf.asFloatBuffer().put(a, from, len);
      out.write(buf.array(), 0, len * Float.BYTES);
    }
  }

  private static float[] readFloats(DataInputStream in, long expected, String what)
      throws IOException {
    int n = in.readInt();
    if (n != expected) {
      throw new IOException(what + ": expected " + expected + " values, file has " + n);
    }
    float[] a = new float[n];
    byte[] bytes = new byte[CHUNK * Float.BYTES];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    for (int from = 0; from < n; from += CHUNK) {
      int len = Math.min(CHUNK, n - from);
      in.readFully(bytes, 0, len * Float.BYTES);
      buf.clear();
      buf.asFloatBuffer().get(a, from, len);
    }
    return a;
  }
}
