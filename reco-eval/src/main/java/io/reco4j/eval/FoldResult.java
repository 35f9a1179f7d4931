package io.reco4j.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One algorithm on one fold.
 *
 * @param fold the split's fold number
 * @param trainSeconds wall-clock seconds of {@code Trainer.train}
 * @param evalSeconds wall-clock seconds of the evaluation
 * @param metrics metric name → value, only metrics that apply (see {@link EvaluationResult})
 * @param absent metric name → why it has no value
 */
public record FoldResult(int fold, double trainSeconds, double evalSeconds,
    Map<String, Double> metrics, Map<String, String> absent) {
  public FoldResult {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    absent = Collections.unmodifiableMap(new LinkedHashMap<>(absent));
  }
}
