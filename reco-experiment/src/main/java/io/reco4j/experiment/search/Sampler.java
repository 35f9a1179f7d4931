package io.reco4j.experiment.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Proposes the parameters of the next trial from the completed ones. Implementations are pure
 * functions of (their seed, the trial number, the history): the same history gives the same
 * proposal in every JVM, which is what makes a resumed search identical to an uninterrupted one.
 * Thread-safe (no mutable state).
 */
public interface Sampler {

  /**
   * One completed trial as the sampler sees it.
   *
   * @param params the trial's parameters (field → value), as recorded
   * @param loss the objective to minimise (the metric, negated when it is maximised); NaN or
   *     infinite for a failed trial, which samplers treat as worse than every finite loss
   */
  record Observation(Map<String, JsonNode> params, double loss) {
    public Observation {
      params = Map.copyOf(Objects.requireNonNull(params, "params"));
    }
  }

  /**
   * The parameters of trial {@code trial}.
   *
   * @param trial 1-based trial number ({@code history.size() + 1} in a sequential search)
   * @param history the completed trials, in trial order
   * @return field → value for every dimension of the space, in space order
   */
  Map<String, JsonNode> suggest(int trial, List<Observation> history);

  /** The space this sampler draws from. */
  SearchSpace space();

  /** The random stream of one trial: derived from (seed, trial) only. */
  static SplittableRandom stream(long seed, int trial) {
    return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (trial + 0x632BE59BD9B4E019L)));
  }

  /** A uniform draw from the prior of every dimension (log-uniform for log ranges). */
  static double[] uniform(SearchSpace space, SplittableRandom rnd) {
    double[] x = new double[space.dimensions().size()];
    for (int d = 0; d < x.length; d++) {
      SearchSpace.Dimension dim = space.dimensions().get(d);
      x[d] = dim instanceof SearchSpace.Choice c ? rnd.nextInt(c.values().size())
          : dim.low() + rnd.nextDouble() * (dim.high() - dim.low());
    }
    return x;
  }
}
