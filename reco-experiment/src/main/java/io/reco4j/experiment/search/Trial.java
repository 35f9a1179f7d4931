package io.reco4j.experiment.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One completed trial of a search: a configuration trained on the fit part and evaluated on the
 * validation part.
 *
 * @param trial 1-based trial number
 * @param params the searched fields' values (as the trained config holds them), in space order
 * @param value the validation metric: the best over the curve under early stopping, else the
 *     final model's; NaN when the trial failed
 * @param bestIteration under early stopping, the iteration with the best value; else null
 * @param stoppedAt the iteration after which early stopping ended training; null when training
 *     ran all its iterations
 * @param seconds wall time of the trial (training and every validation evaluation)
 * @param curve under early stopping, the training objective and the validation metric after
 *     every iteration; else empty
 * @param error why the trial failed, or null
 */
public record Trial(int trial, Map<String, JsonNode> params, double value, Integer bestIteration,
    Integer stoppedAt, double seconds, List<Point> curve, String error) {

  public Trial {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params)));
    curve = List.copyOf(curve);
  }

  /**
   * The state after one training iteration.
   *
   * @param iteration 1-based iteration
   * @param loss the training objective, NaN when the trainer did not compute it
   * @param value the validation metric of the model after this iteration
   */
  public record Point(int iteration, double loss, double value) { }

  /** Whether the trial produced a value. */
  public boolean succeeded() {
    return !Double.isNaN(value);
  }

  /** The loss a sampler minimises: the value, negated when maximised; +∞ for a failed trial. */
  public double loss(boolean maximise) {
    if (!succeeded()) {
      return Double.POSITIVE_INFINITY;
    }
    return maximise ? -value : value;
  }

  /**
   * The better of two trials under the direction; the earlier one on ties, a successful one over
   * a failed one.
   */
  public static Trial better(Trial a, Trial b, boolean maximise) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return b.loss(maximise) < a.loss(maximise) ? b : a;
  }
}
