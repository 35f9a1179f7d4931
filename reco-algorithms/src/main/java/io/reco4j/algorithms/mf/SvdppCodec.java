package io.reco4j.algorithms.mf;

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
    Sgd.writeFloats(out, m.userBias);
    Sgd.writeFloats(out, m.itemBias);
    Sgd.writeFloats(out, m.userVec);
    Sgd.writeFloats(out, m.itemVec);
    Sgd.writeFloats(out, m.implicitFactors);
    Sgd.writeDoubles(out, m.trainingRmse);
  }

  @Override
  public SvdppModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    Sgd.checkVersion(header, payloadVersion, VERSION);
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
    float[] bu = Sgd.readFloats(in, users, "user biases");
    float[] bi = Sgd.readFloats(in, items, "item biases");
    float[] v = Sgd.readFloats(in, (long) users * f, "user vectors");
    float[] q = Sgd.readFloats(in, (long) items * f, "item factors");
    float[] y = Sgd.readFloats(in, (long) items * f, "implicit factors");
    double[] rmse = Sgd.readDoubles(in, config.epochs(), "training RMSE");
    return new SvdppModel(config, header.provenance(), header.users(), header.items(), f, mu, min,
        max, bu, bi, v, q, y, rmse);
  }
}
