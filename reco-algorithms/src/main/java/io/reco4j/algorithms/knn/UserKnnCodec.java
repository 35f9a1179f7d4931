package io.reco4j.algorithms.knn;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Model-file codec of {@link UserKnnModel}. Payload v1: μ, min and max value (floats); user and
 * item biases (int length + floats each); the training matrix (rows, cols, nnz, then row
 * pointers, column indices and values); the neighbour lists (entities, count, then pointers,
 * indices and similarities).
 */
public final class UserKnnCodec implements ModelCodec<UserKnnModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return UserKnnModel.ALGORITHM;
  }

  @Override
  public Class<UserKnnModel> modelType() {
    return UserKnnModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(UserKnnModel model, DataOutputStream out) throws IOException {
    KnnCodecs.write(model, out);
  }

  @Override
  public UserKnnModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    UserKnnConfig config = Configs.fromJson(header.provenance().configJson(), UserKnnConfig.class);
    KnnCodecs.Payload p = KnnCodecs.read(header, in, header.users().size());
    return new UserKnnModel(config, header.provenance(), header.users(), header.items(), p.train(),
        p.neighbors(), p.mu(), p.userBias(), p.itemBias(), p.min(), p.max());
  }
}
