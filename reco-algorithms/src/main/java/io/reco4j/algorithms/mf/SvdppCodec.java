package io.reco4j.algorithms.mf;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Model-file codec of {@link SvdppModel}. Payload v1: f (int); μ, min and max rating (floats);
 * user biases, item biases, user vectors p + z (users × f), Q (items × f), Y (items × f) as
 * length-prefixed float arrays; the training RMSE per epoch as a length-prefixed double array.
 */
public final class SvdppCodec implements ModelCodec<SvdppModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return SvdppModel.ALGORITHM;
  }

  @Override
  public Class<SvdppModel> modelType() {
    return SvdppModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(SvdppModel m, DataOutputStream out) throws IOException {
    out.writeInt(m.f);
    out.writeFloat(m.mu);
    out.writeFloat(m.minRating);
    out.writeFloat(m.maxRating);
    PayloadIO.writeFloats(out, m.userBias);
    PayloadIO.writeFloats(out, m.itemBias);
    PayloadIO.writeFloats(out, m.userVec);
    PayloadIO.writeFloats(out, m.itemVec);
    PayloadIO.writeFloats(out, m.implicitFactors);
    PayloadIO.writeDoubles(out, m.trainingRmse);
  }

  @Override
  public SvdppModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    SvdppConfig config = Configs.fromJson(header.provenance().configJson(), SvdppConfig.class);
    int f = in.readInt();
    if (f != config.factors()) {
      throw new IOException("svdpp payload has " + f + " factors, config says "
          + config.factors());
    }
    float mu = in.readFloat();
    float min = in.readFloat();
    float max = in.readFloat();
    int users = header.users().size();
    int items = header.items().size();
    float[] bu = PayloadIO.readFloats(in, users, "user biases");
    float[] bi = PayloadIO.readFloats(in, items, "item biases");
    float[] v = PayloadIO.readFloats(in, (long) users * f, "user vectors");
    float[] q = PayloadIO.readFloats(in, (long) items * f, "item factors");
    float[] y = PayloadIO.readFloats(in, (long) items * f, "implicit factors");
    double[] rmse = PayloadIO.readDoubles(in, config.epochs(), "training RMSE");
    return new SvdppModel(config, header.provenance(), header.users(), header.items(), f, mu, min,
        max, bu, bi, v, q, y, rmse);
  }
}
