package io.reco4j.algorithms.baseline;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Model-file codec of {@link PopularModel}. Payload v1: int length, then one int count per item. */
public final class PopularCodec implements ModelCodec<PopularModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return PopularModel.ALGORITHM;
  }

  @Override
  public Class<PopularModel> modelType() {
    return PopularModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(PopularModel model, DataOutputStream out) throws IOException {
    int[] c = model.counts();
    out.writeInt(c.length);
    for (int x : c) {
      out.writeInt(x);
    }
  }

  @Override
  public PopularModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    PopularConfig config = Configs.fromJson(header.provenance().configJson(), PopularConfig.class);
    int n = in.readInt();
    if (n != header.items().size()) {
      throw new IOException("item counts: expected " + header.items().size() + ", file has " + n);
    }
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      c[i] = in.readInt();
    }
    return new PopularModel(config, header.provenance(), header.users(), header.items(), c);
  }
}
