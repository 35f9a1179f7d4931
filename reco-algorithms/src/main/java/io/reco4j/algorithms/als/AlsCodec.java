package io.reco4j.algorithms.als;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Model-file codec of {@link AlsModel}. Payload v1: f (int); μ, min and max rating (floats); the
 * user factors, item factors, user biases and item biases (int length + big-endian floats each).
 */
public final class AlsCodec implements ModelCodec<AlsModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return AlsModel.ALGORITHM;
  }

  @Override
  public Class<AlsModel> modelType() {
    return AlsModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(AlsModel model, DataOutputStream out) throws IOException {
    out.writeInt(model.factors());
    out.writeFloat(model.globalMean());
    out.writeFloat(model.minRating());
    out.writeFloat(model.maxRating());
    PayloadIO.writeFloats(out, model.userFactors());
    PayloadIO.writeFloats(out, model.itemFactors());
    PayloadIO.writeFloats(out, model.userBiases());
    PayloadIO.writeFloats(out, model.itemBiases());
  }

  @Override
  public AlsModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    AlsConfig config = Configs.fromJson(header.provenance().configJson(), AlsConfig.class);
    int f = in.readInt();
    float mu = in.readFloat();
    float min = in.readFloat();
    float max = in.readFloat();
    int nu = header.users().size();
    int ni = header.items().size();
    float[] x = PayloadIO.readFloats(in, (long) nu * f, "user factors");
    float[] y = PayloadIO.readFloats(in, (long) ni * f, "item factors");
    float[] bu = PayloadIO.readFloats(in, nu, "user biases");
    float[] bi = PayloadIO.readFloats(in, ni, "item biases");
    return new AlsModel(config, header.provenance(), header.users(), header.items(), f, x, y, mu,
        bu, bi, min, max);
  }
}
