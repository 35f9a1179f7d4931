package io.reco4j.algorithms.als;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Model-file codec of {@link IalsModel}. Payload v1: f (int), then the user factors and the item
 * factors (int length + big-endian floats each, row-major).
 */
public final class IalsCodec implements ModelCodec<IalsModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return IalsModel.ALGORITHM;
  }

  @Override
  public Class<IalsModel> modelType() {
    return IalsModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(IalsModel model, DataOutputStream out) throws IOException {
    out.writeInt(model.factors());
    PayloadIO.writeFloats(out, model.userFactors());
    PayloadIO.writeFloats(out, model.itemFactors());
  }

  @Override
  public IalsModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    IalsConfig config = Configs.fromJson(header.provenance().configJson(), IalsConfig.class);
    int f = in.readInt();
    float[] x = PayloadIO.readFloats(in, (long) header.users().size() * f, "user factors");
    float[] y = PayloadIO.readFloats(in, (long) header.items().size() * f, "item factors");
    return new IalsModel(config, header.provenance(), header.users(), header.items(), f, x, y);
  }
}
