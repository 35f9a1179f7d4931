package io.reco4j.eval;

import io.reco4j.data.DataFingerprint;
import io.reco4j.data.Dataset;
import io.reco4j.model.BuildInfo;
import io.reco4j.model.Configs;
import io.reco4j.model.Model;
import io.reco4j.model.Trainer;
import io.reco4j.split.Split;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Trains and evaluates several algorithms on the folds of one dataset and collects an {@link
 * EvaluationReport}.
 *
 * <p>For every algorithm (in the map's iteration order — pass a {@link java.util.LinkedHashMap}
 * for a stable row order) and every fold: a fresh trainer from the algorithm's supplier trains on
 * {@code split.train()} (timed), then {@link Evaluator#evaluate} measures the model (timed). The
 * models are dropped after evaluation. Training uses the trainer's own thread setting; evaluation
 * uses {@link EvalOptions#threads()}. Metric values do not depend on either.
 *
 * <p>Typical use (e.g. from the CLI):
 * <pre>{@code
 * var algorithms = new LinkedHashMap<String, Supplier<? extends Trainer<?>>>();
 * algorithms.put("bias", () -> new BiasTrainer(BiasConfig.defaults()));
 * EvaluationReport report = new EvaluationRunner(EvalOptions.of("rmse,ndcg@10"), System.err::println)
 *     .run(dataset, folds, algorithms);
 * System.out.print(report.toTable());
 * report.writeJson(Path.of("report.json"));
 * }</pre>
 */
public final class EvaluationRunner {
  /**
   * Looks at each (algorithm, fold) as it is evaluated, e.g. to keep per-user values (run with
   * {@link EvalOptions#withPerUser(boolean)}) or to take tracing time out of the training time.
   * Called on the runner's thread; both methods do nothing by default.
   */
  public interface FoldObserver {
    /** An observer that does nothing. */
    FoldObserver NONE = new FoldObserver() { };

    /**
     * Seconds of the training call just finished that were not training (e.g. evaluating a
     * convergence curve from a {@link io.reco4j.model.TrainingListener}); subtracted from the
     * fold's training time. Called once per fold, right after training.
     *
     * @param name the algorithm's report name
     * @param split the fold
     */
    default double excludedTrainSeconds(String name, Split split) {
      return 0;
    }

    /**
     * The fold's evaluation, with per-user values when the runner's options ask for them.
     *
     * @param name the algorithm's report name
     * @param split the fold
     * @param result the evaluation of the fold's model
     */
    default void evaluated(String name, Split split, EvaluationResult result) { }
  }

  private final EvalOptions options;
  private final Consumer<String> progress;

  /** A runner that reports no progress. */
  public EvaluationRunner(EvalOptions options) {
    this(options, line -> { });
  }

  /**
   * @param options what to measure and how
   * @param progress receives one line per finished (algorithm, fold), e.g. for a CLI's stderr
   */
  public EvaluationRunner(EvalOptions options, Consumer<String> progress) {
    this.options = Objects.requireNonNull(options, "options");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** The options this runner applies. */
  public EvalOptions options() {
    return options;
  }

  /**
   * Runs every algorithm on every fold.
   *
   * @param data the dataset the folds were drawn from (name and fingerprint for provenance)
   * @param folds the splits, at least one, all from the same protocol and seed
   * @param algorithms report name → supplier of a fresh trainer; at least one
   * @throws IllegalArgumentException when folds or algorithms are empty or the folds disagree on
   *     protocol or seed
   */
  public EvaluationReport run(Dataset data, List<Split> folds,
      Map<String, ? extends Supplier<? extends Trainer<?>>> algorithms) {
    return run(data, folds, algorithms, FoldObserver.NONE);
  }

  /**
   * Runs every algorithm on every fold like {@link #run(Dataset, List, Map)}, showing each fold's
   * evaluation to {@code observer}.
   *
   * @param observer sees every (algorithm, fold) after its evaluation
   */
  public EvaluationReport run(Dataset data, List<Split> folds,
      Map<String, ? extends Supplier<? extends Trainer<?>>> algorithms, FoldObserver observer) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(observer, "observer");
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("no folds to evaluate");
    }
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("no algorithms to evaluate");
    }
    Split first = folds.get(0);
    for (Split s : folds) {
      if (!s.protocol().equals(first.protocol()) || s.seed() != first.seed()) {
        throw new IllegalArgumentException("folds come from different splits: "
            + first.protocol() + " seed " + first.seed() + " vs " + s.protocol() + " seed "
            + s.seed());
      }
    }
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<String> metricNames = Metrics.names(options.resolvedMetrics());
    DataFingerprint fp = data.fingerprint();
    double trainTotal = 0;
    double evalTotal = 0;
    List<AlgorithmResult> results = new ArrayList<>();
    for (Map.Entry<String, ? extends Supplier<? extends Trainer<?>>> e : algorithms.entrySet()) {
      String name = e.getKey();
      String algorithm = null;
      String configJson = null;
      List<FoldResult> foldResults = new ArrayList<>();
      for (Split split : folds) {
        Trainer<?> trainer = Objects.requireNonNull(e.getValue().get(),
            "trainer supplier of '" + name + "' returned null");
        if (configJson == null) {
          configJson = Configs.toJson(trainer.config());
        }
        long a = System.nanoTime();
        Model model = trainer.train(split.train());
        long b = System.nanoTime();
        double excluded = observer.excludedTrainSeconds(name, split);
        long e0 = System.nanoTime(); // the observer's own time is neither training nor evaluation
        EvaluationResult r = Evaluator.evaluate(model, split, options);
        long c = System.nanoTime();
        algorithm = model.algorithm();
        double train = Math.max(0, (b - a) / 1e9 - excluded);
        double eval = (c - e0) / 1e9;
        observer.evaluated(name, split, r);
        trainTotal += train;
        evalTotal += eval;
        foldResults.add(new FoldResult(split.fold(), train, eval, r.values(), r.absent()));
        StringBuilder values = new StringBuilder();
        r.values().forEach((k, v) -> values.append(' ').append(k).append('=')
            .append(String.format(Locale.ROOT, "%.4f", v)));
        progress.accept(String.format(Locale.ROOT, "%s fold %d: train %.3fs, eval %.3fs,%s",
            name, split.fold(), train, eval, values));
      }
      results.add(AlgorithmResult.of(name, algorithm, configJson, foldResults, metricNames));
    }
    double total = (System.nanoTime() - t0) / 1e9;
    return new EvaluationReport(data.name(), fp, fp.hashHex(), first.protocol(), first.seed(),
        folds.size(), options, metricNames, BuildInfo.version(), BuildInfo.gitCommit(),
        BuildInfo.jvm(), started, total, trainTotal, evalTotal, results);
  }
}
