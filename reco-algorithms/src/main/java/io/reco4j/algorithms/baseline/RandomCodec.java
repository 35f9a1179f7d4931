package io.reco4j.algorithms.baseline;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Model-file codec of {@link RandomModel}. Payload v1: the seed as a long (also in the config;
 * stored so that a file whose config and payload disagree is detected).
 */
public final class RandomCodec implements ModelCodec<RandomModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return RandomModel.ALGORITHM;
  }

  @Override
  public Class<RandomModel> modelType() {
    return RandomModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(RandomModel model, DataOutputStream out) throws IOException {
    out.writeLong(model.config().seed());
  }

  @Override
  public RandomModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    RandomConfig config = Configs.fromJson(header.provenance().configJson(), RandomConfig.class);
    long seed = in.readLong();
    if (seed != config.seed()) {
      throw new IOException("random model: payload seed " + seed + " differs from config seed "
          + config.seed());
    }
    return new RandomModel(config, header.provenance(), header.users(), header.items());
  }
}
