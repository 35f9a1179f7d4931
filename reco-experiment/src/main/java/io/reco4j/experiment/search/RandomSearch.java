package io.reco4j.experiment.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Random search (Bergstra and Bengio, JMLR 2012): every trial draws each dimension independently
 * from its prior — uniform, log-uniform for log ranges, uniform over choices — ignoring the
 * history. Trial {@code t}'s draw depends on (seed, t) only.
 *
 * @param space the space to draw from
 * @param seed the search seed
 */
public record RandomSearch(SearchSpace space, long seed) implements Sampler {
  public RandomSearch {
    Objects.requireNonNull(space, "space");
  }

  @Override
  public Map<String, JsonNode> suggest(int trial, List<Observation> history) {
    return space.params(Sampler.uniform(space, Sampler.stream(seed, trial)));
  }
}
