package io.reco4j.algorithms.bpr;

import static io.reco4j.model.PayloadIO.*;

import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Model-file codec of {@link BprModel}. Payload v1: the factor count (int), then user factors,
 * item factors and item biases (int length + big-endian floats each), then the item counts (int
 * length + ints).
 */
public final class BprCodec implements ModelCodec<BprModel> {
  private static final int VERSION = 1;

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


}
