package io.reco4j.algorithms.baseline;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Model-file codec of {@link BiasModel}. Payload v1: μ, min and max rating (floats), then the
 * user biases and the item biases (int length + floats each).
 */
public final class BiasCodec implements ModelCodec<BiasModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return BiasModel.ALGORITHM;
  }

  @Override
  public Class<BiasModel> modelType() {
    return BiasModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(BiasModel model, DataOutputStream out) throws IOException {
    out.writeFloat(model.globalMean());
    out.writeFloat(model.minRating());
    out.writeFloat(model.maxRating());
    PayloadIO.writeFloats(out, model.userBiases());
    PayloadIO.writeFloats(out, model.itemBiases());
  }

  @Override
  public BiasModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    BiasConfig config = Configs.fromJson(header.provenance().configJson(), BiasConfig.class);
    float mu = in.readFloat();
    float min = in.readFloat();
    float max = in.readFloat();
    float[] bu = PayloadIO.readFloats(in, header.users().size(), "user biases");
    float[] bi = PayloadIO.readFloats(in, header.items().size(), "item biases");
    return new BiasModel(config, header.provenance(), header.users(), header.items(), mu, bu, bi,
        min, max);
  }
}
