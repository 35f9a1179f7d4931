package io.reco4j.algorithms.mf;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Model-file codec of {@link SvdModel}. Payload v1: f (int); μ, min and max rating (floats); user
 * biases, item biases, P (users × f), Q (items × f) as length-prefixed float arrays; the training
 * RMSE per epoch as a length-prefixed double array.
 */
public final class SvdCodec implements ModelCodec<SvdModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return SvdModel.ALGORITHM;
  }

  @Override
  public Class<SvdModel> modelType() {
    return SvdModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(SvdModel m, DataOutputStream out) throws IOException {
    out.writeInt(m.f);
    out.writeFloat(m.mu);
    out.writeFloat(m.minRating);
    out.writeFloat(m.maxRating);
    PayloadIO.writeFloats(out, m.userBias);
    PayloadIO.writeFloats(out, m.itemBias);
    PayloadIO.writeFloats(out, m.userVec);
    PayloadIO.writeFloats(out, m.itemVec);
    PayloadIO.writeDoubles(out, m.trainingRmse);
  }

  @Override
  public SvdModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    SvdConfig config = Configs.fromJson(header.provenance().configJson(), SvdConfig.class);
    int f = in.readInt();
    if (f != config.factors()) {
      throw new IOException("svd payload has " + f + " factors, config says " + config.factors());
    }
    float mu = in.readFloat();
    float min = in.readFloat();
    float max = in.readFloat();
    int users = header.users().size();
    int items = header.items().size();
    float[] bu = PayloadIO.readFloats(in, users, "user biases");
    float[] bi = PayloadIO.readFloats(in, items, "item biases");
    float[] p = PayloadIO.readFloats(in, (long) users * f, "user factors");
    float[] q = PayloadIO.readFloats(in, (long) items * f, "item factors");
    double[] rmse = PayloadIO.readDoubles(in, config.epochs(), "training RMSE");
    return new SvdModel(config, header.provenance(), header.users(), header.items(), f, mu, min,
        max, bu, bi, p, q, rmse);
  }
}
