package io.reco4j.experiment.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco4j.algorithms.Algorithms;
import io.reco4j.eval.EvalOptions;
import io.reco4j.eval.Evaluator;
import io.reco4j.experiment.ExperimentListener;
import io.reco4j.experiment.PlannedRun;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.Configs;
import io.reco4j.model.Model;
import io.reco4j.model.Trainer;
import io.reco4j.model.TrainingListener;
import io.reco4j.split.Split;
import io.reco4j.split.Splits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Runs the search of one planned run whose algorithm entry has a {@link SearchSpec}.
 *
 * <ol>
 *   <li>The run's training part is split with the search's validation splitter (seed derived from
 *       the run seed) into a fit part and a validation part; the test part is never seen.</li>
 *   <li>Trial after trial, the {@link Sampler} proposes parameters from the completed trials; the
 *       run's configuration overridden by them is trained on the fit part and evaluated on the
 *       validation part with {@link Evaluator} (full ranking, fit items excluded; with the
 *       experiment's {@code candidates: train-items} ({@link PlannedRun#trainItemsOnly()}), only
 *       items with an entry in the fit part are ranked). Under early
 *       stopping the trainer hands over its model after every iteration ({@link
 *       TrainingListener#afterIteration}); the validation metric is recorded and training stops
 *       after {@code patience} iterations without improvement. The trials file is rewritten
 *       atomically after every trial.</li>
 *   <li>The best trial's parameters (plus, under early stopping, its best iteration count in the
 *       algorithm's iteration field) make the configuration of the final run, which the caller
 *       trains on the whole training part and evaluates on the test split once.</li>
 * </ol>
 *
 * <p>Trials already in the trials file (an interrupted search, resumed) are kept, not rerun; since
 * the samplers are functions of (seed, trial, history) and training is deterministic, the resumed
 * search proposes and measures exactly what the uninterrupted one would have. Not thread-safe.
 */
public final class SearchExecution {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final PlannedRun run;
  private final SearchSpec search;
  private final int threads;
  private final Path trialsFile;
  private final ExperimentListener listener;

  /**
   * @param run the planned run; {@link PlannedRun#search()} must be set
   * @param threads worker threads for evaluation ({@code <= 0}: all cores); training uses the
   *     run's config
   * @param outDir the results directory (the trials file goes to {@code runs/<id>.trials.json})
   * @param listener receives the progress lines and {@link ExperimentListener#trialFinished}
   */
  public SearchExecution(PlannedRun run, int threads, Path outDir, ExperimentListener listener) {
    this.run = Objects.requireNonNull(run, "run");
    this.search = Objects.requireNonNull(run.search(), "run.search()");
    this.threads = threads;
    this.trialsFile = TrialsFile.of(outDir, run.id());
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * What the search found.
   *
   * @param best the best trial
   * @param finalRun the planned run with the best configuration: params are the entry's fixed
   *     params, the best trial's params and (under early stopping) the iteration field; same id
   *     and definition as the searched run
   * @param section the {@code search} section of the run JSON
   */
  public record Outcome(Trial best, PlannedRun finalRun, ObjectNode section) { }

  /** The validation split's seed for a run seed: a fixed derivation, so resume finds the same. */
  public static long validationSeed(long runSeed) {
    return new SplittableRandom(runSeed ^ 0x7A11DA7E5EED0001L).nextLong();
  }

  /** The sampler's seed for a run seed. */
  public static long samplerSeed(long runSeed) {
    return new SplittableRandom(runSeed ^ 0x5A3E1E5EED000002L).nextLong();
  }

  /**
   * Splits a run's training part into fit ({@code train}) and validation ({@code test}) parts.
   *
   * @param fold the run's single train/test split
   * @param validation the validation splitter's spec
   * @param runSeed the run seed
   */
  public static Split validationSplit(Split fold, String validation, long runSeed) {
    List<Split> parts = Splits.parse(validation).split(fold.train(), validationSeed(runSeed));
    if (parts.size() != 1) {
      throw new IllegalArgumentException("validation split " + validation + " gave "
          + parts.size() + " folds; it needs one");
    }
    return parts.get(0);
  }

  /**
   * Runs the trials not yet in the trials file and picks the best.
   *
   * @param fold the run's single train/test split; only its training part is used
   * @throws IOException when the trials file cannot be read or written
   * @throws IllegalArgumentException when the trials file belongs to another run, or no trial
   *     succeeded
   */
  public Outcome execute(Split fold) throws IOException {
    long t0 = System.nanoTime();
    Split val = validationSplit(fold, search.validation(), run.seed());
    EvalOptions options = new EvalOptions(List.of(search.metric()), List.of(), threads, true,
        Double.NaN, 0, run.seed()).withTrainItemsOnly(run.trainItemsOnly());
    List<Trial> trials = new ArrayList<>(TrialsFile.read(trialsFile, run.id()));
    if (trials.size() > search.trials()) {
      trials.subList(search.trials(), trials.size()).clear();
    }
    Sampler sampler = search.sampler(samplerSeed(run.seed()));
    progress(String.format(Locale.ROOT, "search: %s, %d trials on %s (validation %s of the training"
        + " part: %,d fit, %,d validation entries)%s", search.method(), search.trials(),
        search.metric(), search.validation(), val.train().size(), val.test().size(),
        trials.isEmpty() ? "" : "; " + trials.size() + " trial(s) already done"));
    Trial best = null;
    for (Trial t : trials) {
      best = Trial.better(best, t, search.maximise());
    }
    while (trials.size() < search.trials()) {
      int number = trials.size() + 1;
      List<Sampler.Observation> history = new ArrayList<>(trials.size());
      for (Trial t : trials) {
        history.add(new Sampler.Observation(t.params(), t.loss(search.maximise())));
      }
      Map<String, JsonNode> proposed = sampler.suggest(number, history);
      Trial trial = runTrial(number, proposed, val, options);
      trials.add(trial);
      TrialsFile.write(trialsFile, run.id(), trials);
      best = Trial.better(best, trial, search.maximise());
      progress(String.format(Locale.ROOT, "trial %d/%d: %s %s (best %s, trial %d)%s", number,
          search.trials(), search.metric(), format(trial.value()), format(best.value()),
          best.trial(), !trial.succeeded() ? ": failed, " + trial.error()
              : String.format(Locale.ROOT, " in %.1f s", trial.seconds())
              + (trial.bestIteration() == null ? "" : ", best at iteration "
                  + trial.bestIteration() + (trial.stoppedAt() == null ? ""
                      : ", stopped after " + trial.stoppedAt()))));
      listener.trialFinished(run, trial, best, search.trials());
    }
    if (best == null || !best.succeeded()) {
      throw new IllegalArgumentException(run.describe() + ": none of the " + search.trials()
          + " trials succeeded; see " + trialsFile);
    }
    Map<String, JsonNode> params = new LinkedHashMap<>(run.params());
    params.putAll(best.params());
    Integer iterations = null;
    if (search.patience() != null && best.bestIteration() != null) {
      iterations = best.bestIteration();
      params.put(search.iterationField(), JSON.getNodeFactory().numberNode(iterations));
    }
    String configJson = Configs.toJson(Algorithms.config(run.algorithm(),
        overlay(run.configJson(), params)));
    PlannedRun finalRun = new PlannedRun(run.index(), run.id(), run.dataset(), run.split(),
        run.algorithm(), run.label(), params, configJson, run.seed(), run.definition(),
        run.search());

    ObjectNode section = search.toJson();
    ObjectNode b = section.putObject("best");
    b.put("trial", best.trial());
    ObjectNode bp = b.putObject("params");
    best.params().forEach(bp::set);
    b.put("value", best.value());
    if (iterations == null) {
      b.putNull("iterations");
    } else {
      b.put("iterations", iterations);
    }
    section.put("trialsFile", TrialsFile.name(run.id()));
    section.put("testEvaluations", 1);
    progress(String.format(Locale.ROOT, "search done in %.1f s: best trial %d, %s %s, params %s%s;"
        + " training it on the whole training part for the one test evaluation",
        (System.nanoTime() - t0) / 1e9, best.trial(), search.metric(), format(best.value()),
        bp, iterations == null ? "" : ", " + search.iterationField() + " " + iterations));
    return new Outcome(best, finalRun, section);
  }

  private Trial runTrial(int number, Map<String, JsonNode> proposed, Split val,
      EvalOptions options) {
    long t0 = System.nanoTime();
    AlgorithmConfig config;
    Map<String, JsonNode> params = new LinkedHashMap<>();
    try {
      Map<String, JsonNode> overrides = new LinkedHashMap<>(run.params());
      overrides.putAll(proposed);
      config = Algorithms.config(run.algorithm(), overlay(run.configJson(), overrides));
      // record the values as the config holds them (a float field rounds the sampled double)
      JsonNode held = JSON.readTree(Configs.toJson(config));
      for (String f : proposed.keySet()) {
        params.put(f, held.get(f));
      }
    } catch (IllegalArgumentException | JsonProcessingException e) {
      return new Trial(number, proposed, Double.NaN, null, null,
          (System.nanoTime() - t0) / 1e9, List.of(), e.getMessage());
    }
    Trainer<? extends Model> trainer = Algorithms.trainer(config);
    Watcher watcher = new Watcher(number, val, options);
    Model model = trainer.train(val.train(), watcher);
    double value;
    Integer bestIteration = null;
    Integer stoppedAt = null;
    if (!watcher.curve.isEmpty()) {
      value = watcher.bestValue;
      bestIteration = watcher.bestIteration;
      stoppedAt = watcher.stoppedAt;
    } else { // no early stopping, or a trainer that hands over no snapshots
      value = validate(model, val, options);
    }
    return new Trial(number, params, value, bestIteration, stoppedAt,
        (System.nanoTime() - t0) / 1e9, watcher.curve, null);
  }

  private double validate(Model model, Split val, EvalOptions options) {
    return Evaluator.evaluate(model, val, options).require(search.metric());
  }

  /** Reports iterations and, under early stopping, evaluates every snapshot. */
  private final class Watcher implements TrainingListener {
    private final int number;
    private final Split val;
    private final EvalOptions options;
    final List<Trial.Point> curve = new ArrayList<>();
    double bestValue = Double.NaN;
    Integer bestIteration;
    Integer stoppedAt;
    private double lastLoss = Double.NaN;
    private int total;
    private int sinceBest;

    Watcher(int number, Split val, EvalOptions options) {
      this.number = number;
      this.val = val;
      this.options = options;
    }

    @Override
    public void iteration(int iteration, int iterations, double loss, double seconds) {
      lastLoss = loss;
      total = iterations;
      progress(String.format(Locale.ROOT, "trial %d/%d: iteration %d/%d", number, search.trials(),
          iteration, iterations));
    }

    /** Under early stopping the curve records the training objective too (an extra pass). */
    @Override
    public boolean wantsLoss() {
      return search.patience() != null;
    }

    @Override
    public boolean observesModel() {
      return search.patience() != null;
    }

    @Override
    public boolean afterIteration(int iteration, Model model) {
      double v = validate(model, val, options);
      curve.add(new Trial.Point(iteration, lastLoss, v));
      boolean improved = bestIteration == null
          || (search.maximise() ? v > bestValue : v < bestValue);
      if (improved) {
        bestValue = v;
        bestIteration = iteration;
        sinceBest = 0;
        return true;
      }
      sinceBest++;
      if (sinceBest >= search.patience()) {
        if (iteration < total) {
          stoppedAt = iteration;
        }
        return false;
      }
      return true;
    }
  }

  private void progress(String line) {
    listener.runProgress(run, line);
  }

  private static String format(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** The resolved config JSON with some fields replaced. */
  private static String overlay(String configJson, Map<String, JsonNode> fields) {
    try {
      ObjectNode o = (ObjectNode) JSON.readTree(configJson);
      fields.forEach(o::set);
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
