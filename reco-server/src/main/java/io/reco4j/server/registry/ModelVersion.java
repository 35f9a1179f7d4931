package io.reco4j.server.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the registry: a model file and what is known about it. Immutable.
 *
 * @param version {@code v000001}, {@code v000002}, … (the file is {@code models/<version>.reco})
 * @param algorithm the registered algorithm name
 * @param paramsJson the algorithm's configuration as a JSON object text
 * @param createdAt when it was registered
 * @param status live, candidate, rejected or retired
 * @param promotedAt when it last became live, or null
 * @param metrics named holdout metrics (e.g. {@code ndcg@10}), possibly empty
 * @param provenance the model's one-line provenance
 * @param trainedOnEvents the event-store watermark: the highest event sequence in the training
 *     data (0 for none, -1 when unknown)
 * @param dataFingerprint the training data's fingerprint (hash and counts)
 * @param sha256 hex SHA-256 of the model file
 * @param reason why it was rejected or how it entered the registry, or null
 * @param baseData the base dataset (name and fingerprint) the training events were added to, or
 *     null
 */
public record ModelVersion(String version, String algorithm, String paramsJson, Instant createdAt,
    ModelStatus status, Instant promotedAt, Map<String, Double> metrics, String provenance,
    long trainedOnEvents, String dataFingerprint, String sha256, String reason, String baseData) {

  public ModelVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
    paramsJson = paramsJson == null ? "{}" : paramsJson;
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /** This entry with another status (and promotion time / reason where given). */
  ModelVersion with(ModelStatus newStatus, Instant newPromotedAt, String newReason) {
    return new ModelVersion(version, algorithm, paramsJson, createdAt, newStatus, newPromotedAt,
        metrics, provenance, trainedOnEvents, dataFingerprint, sha256, newReason, baseData);
  }

  /** The version's number: 3 for {@code v000003}. */
  public int number() {
    return ModelRegistry.parseVersion(version);
  }
}
