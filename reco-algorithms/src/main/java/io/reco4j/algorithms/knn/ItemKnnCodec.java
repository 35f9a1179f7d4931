package io.reco4j.algorithms.knn;

import io.reco4j.model.PayloadIO;
import io.reco4j.model.Configs;
import io.reco4j.model.ModelCodec;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Model-file codec of {@link ItemKnnModel}. Payload v1: μ, min and max value (floats); user and
 * item biases (int length + floats each); the training matrix (rows, cols, nnz, then row
 * pointers, column indices and values); the neighbour lists (entities, count, then pointers,
 * indices and similarities).
 */
public final class ItemKnnCodec implements ModelCodec<ItemKnnModel> {
  private static final int VERSION = 1;

  @Override
  public String algorithm() {
    return ItemKnnModel.ALGORITHM;
  }

  @Override
  public Class<ItemKnnModel> modelType() {
    return ItemKnnModel.class;
  }

  @Override
  public int payloadVersion() {
    return VERSION;
  }

  @Override
  public void writePayload(ItemKnnModel model, DataOutputStream out) throws IOException {
    KnnCodecs.write(model, out);
  }

  @Override
  public ItemKnnModel readPayload(ModelHeader header, int payloadVersion, DataInputStream in)
      throws IOException {
    PayloadIO.checkVersion(header, payloadVersion, VERSION);
    ItemKnnConfig config = Configs.fromJson(header.provenance().configJson(), ItemKnnConfig.class);
    KnnCodecs.Payload p = KnnCodecs.read(header, in, header.items().size());
    return new ItemKnnModel(config, header.provenance(), header.users(), header.items(), p.train(),
        p.neighbors(), p.mu(), p.userBias(), p.itemBias(), p.min(), p.max());
  }
}
