package io.reco4j.server.registry;

import java.util.Map;

/**
 * What a caller knows about a model it registers, beyond the model itself.
 *
 * @param metrics holdout metrics (may be empty)
 * @param trainedOnEvents the event-store watermark of the training data (0 for none)
 * @param reason a note stored with the entry (e.g. why it will be rejected), or null
 * @param baseData the base dataset the events were added to: name and fingerprint, or null
 */
public record Registration(Map<String, Double> metrics, long trainedOnEvents, String reason,
    String baseData) {
  public Registration {
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /** Metrics only, no events. */
  public static Registration of(Map<String, Double> metrics) {
    return new Registration(metrics, 0, null, null);
  }
}
