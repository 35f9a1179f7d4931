package io.reco4j.server.training;

/**
 * What to train: the body of {@code POST /admin/models/train}.
 *
 * @param algorithm the algorithm name, or null for the live model's (or the default)
 * @param paramsJson a JSON object of config fields, or null: overrides merged into the live
 *     model's config when the algorithm is the live one, else into the algorithm's defaults
 */
public record TrainingRequest(String algorithm, String paramsJson) {
  /** Retrain the live model's algorithm with its config. */
  public static TrainingRequest retrainLive() {
    return new TrainingRequest(null, null);
  }
}
