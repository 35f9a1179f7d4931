package io.reco4j.model;

/**
 * Receives progress from iterative trainers: one call per finished iteration (epoch, ALS sweep).
 * Called on the training thread; implementations must be quick (print a line, advance a bar).
 */
@FunctionalInterface
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = (iteration, iterations, loss, seconds) -> { };

  /**
   * One iteration finished.
   *
   * @param iteration 1-based iteration just finished
   * @param iterations the total the trainer will run
   * @param loss the training objective after this iteration, or NaN when the trainer does not
   *     compute one (computing it may cost a pass over the data)
   * @param seconds wall time of this iteration
   */
  void iteration(int iteration, int iterations, double loss, double seconds);
}
