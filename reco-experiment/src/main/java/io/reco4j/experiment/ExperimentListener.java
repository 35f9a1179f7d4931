package io.reco4j.experiment;

import io.reco4j.experiment.search.Trial;

/**
 * Receives the progress of an {@link ExperimentRunner}, on the runner's thread. Implementations
 * must be quick (print a line, advance a bar). Every method does nothing by default.
 */
public interface ExperimentListener {
  /** A listener that ignores everything. */
  ExperimentListener NONE = new ExperimentListener() { };

  /**
   * The experiment starts.
   *
   * @param total number of runs in the experiment
   * @param done runs already complete in the results directory (skipped under resume)
   */
  default void started(int total, int done) { }

  /** A run begins (after its data is loaded and split). */
  default void runStarted(PlannedRun run) { }

  /**
   * Progress inside the running run: one line per finished fold (train and evaluation seconds
   * and metric values) or training iteration, e.g. {@code fold 2: epoch 5/20}.
   */
  default void runProgress(PlannedRun run, String line) { }

  /**
   * An iteration of an iterative trainer finished inside the running run.
   *
   * @param fold 1-based position of the fold in the run
   * @param folds the run's number of folds
   * @param iteration 1-based iteration
   * @param iterations the iterations the trainer will run
   * @param loss the training loss, or NaN when not measured
   * @param metric the convergence metric's name, or null when none is traced
   * @param value the convergence metric on the fold's test split, or NaN
   */
  default void runIteration(PlannedRun run, int fold, int folds, int iteration, int iterations,
      double loss, String metric, double value) { }

  /**
   * A trial of a run's hyperparameter search finished and the trials file is written (it is
   * also reported as a {@link #runProgress} line such as {@code trial 5/30: ndcg@10 0.3812 (best
   * 0.3950, trial 3)}). An exception thrown here stops the experiment; the trials so far are kept
   * and {@code --resume} continues after them.
   *
   * @param run the searched run
   * @param trial the trial just finished
   * @param best the best trial so far (possibly {@code trial})
   * @param trials the number of trials the search runs
   */
  default void trialFinished(PlannedRun run, Trial trial, Trial best, int trials) { }

  /** A run finished and its JSON is written. */
  default void runFinished(PlannedRun run, RunResult result) { }

  /** A run was skipped because its complete JSON already exists (resume). */
  default void runSkipped(PlannedRun run) { }

  /** Loading or splitting data, before the runs that use it. */
  default void message(String line) { }
}
