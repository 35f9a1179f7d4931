package io.reco4j.model;

import io.reco4j.data.DataFingerprint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a trained model (or an evaluation result) came from: short, structured, printable in one
 * line, stored in every model file.
 *
 * @param algorithm registered algorithm name
 * @param configJson the configuration as JSON
 * @param dataName the dataset's name
 * @param data fingerprint of the training data
 * @param libraryVersion reco4j version
 * @param gitCommit the commit the code was built from ("unknown" outside a git checkout)
 * @param jvm JVM vendor and version
 * @param trainedAt when training finished
 * @param trainSeconds wall-clock training time
 * @param metrics named metric values measured on the model (may be empty)
 */
public record Provenance(String algorithm, String configJson, String dataName, DataFingerprint data,
    String libraryVersion, String gitCommit, String jvm, Instant trainedAt, double trainSeconds,
    Map<String, Double> metrics) {

  public Provenance {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(configJson, "configJson");
    Objects.requireNonNull(dataName, "dataName");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(trainedAt, "trainedAt");
    metrics = Map.copyOf(metrics == null ? Map.of() : metrics);
  }

  /** Provenance for a model just trained on {@code data} with {@code config}. */
  public static Provenance of(String algorithm, AlgorithmConfig config, String dataName,
      DataFingerprint data, double trainSeconds) {
    return new Provenance(algorithm, Configs.toJson(config), dataName, data, BuildInfo.version(),
        BuildInfo.gitCommit(), BuildInfo.jvm(), Instant.now(), trainSeconds, Map.of());
  }

  /** The same provenance with these metrics added (replacing any of the same name). */
  public Provenance withMetrics(Map<String, Double> more) {
    Map<String, Double> m = new LinkedHashMap<>(metrics);
    m.putAll(more);
    return new Provenance(algorithm, configJson, dataName, data, libraryVersion, gitCommit, jvm,
        trainedAt, trainSeconds, m);
  }

  /** One line for logs and CLI output. */
  public String oneLine() {
    return algorithm + " " + configJson + " on " + dataName + " [" + data + "] reco4j "
        + libraryVersion + "@" + gitCommit + " " + jvm + " " + trainedAt + " "
        + String.format(java.util.Locale.ROOT, "%.3fs", trainSeconds)
        + (metrics.isEmpty() ? "" : " " + metrics);
  }
}
