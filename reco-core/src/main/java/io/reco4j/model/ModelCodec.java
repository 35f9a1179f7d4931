package io.reco4j.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Reads and writes the algorithm-specific part of a model file. One codec per algorithm,
 * registered through {@link java.util.ServiceLoader} ({@code META-INF/services/io.reco4j.model.ModelCodec}).
 * The common part — header, provenance, id indices, checksum — is handled by {@link ModelFiles}.
 *
 * @param <M> the model type
 */
public interface ModelCodec<M extends Model> {
  /** The algorithm name this codec handles; equals {@link Model#algorithm()}. */
  String algorithm();

  /** The model class. */
  Class<M> modelType();

  /** Version of the payload layout; bump it on any change and keep reading the old ones. */
  int payloadVersion();

  /** Writes the model's own state (parameters, factors). */
  void writePayload(M model, DataOutputStream out) throws IOException;

  /**
   * Rebuilds a model from its payload.
   *
   * @param header the common part already read: provenance, config JSON, id indices
   * @param payloadVersion the version the file was written with
   */
  M readPayload(ModelHeader header, int payloadVersion, DataInputStream in) throws IOException;
}
