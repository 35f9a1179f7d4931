package io.reco4j.model;

import io.reco4j.data.IdIndex;

/**
 * The algorithm-independent part of a model file.
 *
 * @param algorithm registered algorithm name
 * @param payloadVersion the payload layout version the file was written with
 * @param provenance data, parameters, code version and metrics of the model
 * @param users the user index space
 * @param items the item index space
 */
public record ModelHeader(String algorithm, int payloadVersion, Provenance provenance, IdIndex users, IdIndex items) {}
