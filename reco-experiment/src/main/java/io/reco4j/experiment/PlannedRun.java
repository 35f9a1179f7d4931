package io.reco4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco4j.experiment.search.SearchSpec;
import java.util.Map;

/**
 * One run of an experiment: a dataset, a split protocol, one algorithm configuration and one
 * seed. The run is trained and evaluated on every fold of the split.
 *
 * @param index position in the experiment's run order, from 0
 * @param id stable id: the first 12 hex digits of the SHA-256 of {@link #definition()} in
 *     canonical form; the same definition gives the same id in every experiment and JVM
 * @param dataset the dataset entry
 * @param split the canonical split spec, e.g. {@code kfold:5}
 * @param algorithm the canonical algorithm name
 * @param label the algorithm entry's label
 * @param params the overrides of this run (fixed params plus this grid combination), file order
 * @param configJson the complete resolved configuration as JSON (defaults + overrides, the run's
 *     seed in a {@code seed} field that params leave unset)
 * @param seed the split seed (and the model seed unless params fix one)
 * @param definition the JSON the id hashes: dataset, split, algorithm, label, resolved config
 *     without {@code threads}, seed, metrics and cut-offs, and the search block when there is one
 * @param search the entry's hyperparameter search, or null for a run of fixed params; a search
 *     run's {@code params} and {@code configJson} are the entry's fixed part, which the search's
 *     best trial completes ({@link io.reco4j.experiment.search.SearchExecution})
 */
public record PlannedRun(int index, String id, ExperimentSpec.DatasetSpec dataset, String split,
    String algorithm, String label, Map<String, JsonNode> params, String configJson, long seed,
    JsonNode definition, SearchSpec search) {

  /** A run of fixed params (no search). */
  public PlannedRun(int index, String id, ExperimentSpec.DatasetSpec dataset, String split,
      String algorithm, String label, Map<String, JsonNode> params, String configJson, long seed,
      JsonNode definition) {
    this(index, id, dataset, split, algorithm, label, params, configJson, seed, definition, null);
  }

  /**
   * Whether the run's evaluations rank only items with a train entry: its definition's {@code
   * candidates} is {@value ExperimentSpec#CANDIDATES_TRAIN_ITEMS} ({@link
   * ExperimentSpec#candidates()}; absent for the default).
   */
  public boolean trainItemsOnly() {
    return definition != null && ExperimentSpec.CANDIDATES_TRAIN_ITEMS.equals(
        definition.path("candidates").asText(ExperimentSpec.CANDIDATES_ALL));
  }

  /** The params as compact JSON, e.g. {@code {"factors":50}}. */
  public String paramsJson() {
    return ExperimentSpec.toJson(params);
  }

  /** A one-line description, e.g. {@code svd {"factors":50} on ml-100k kfold:5 seed 42}. */
  public String describe() {
    return label + (params.isEmpty() ? "" : " " + paramsJson())
        + (search == null ? "" : " " + search.method() + " search (" + search.trials()
            + " trials)") + " on " + dataset.label() + " "
        + split + " seed " + seed;
  }
}
