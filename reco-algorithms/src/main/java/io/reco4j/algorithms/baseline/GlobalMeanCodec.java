package io.reco4j.algorithms.baseline;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Model-file codec of {@link GlobalMeanModel}. Payload v1: μ as a float. */
public final class GlobalMeanCodec implements ModelCodec<GlobalMeanModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return GlobalMeanModel.ALGORITHM;
  }

  @Override
  public Class<GlobalMeanModel> modelType() {
    return GlobalMeanModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(GlobalMeanModel model, DataOutputStream out) throws IOException {
    out.writeFloat(model.mean());
  }

  @Override
  public GlobalMeanModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    GlobalMeanConfig config = Configs.fromJson(header.provenance().configJson(),
        GlobalMeanConfig.class);
    return new GlobalMeanModel(config, header.provenance(), header.users(), header.items(),
        in.readFloat());
  }
}
