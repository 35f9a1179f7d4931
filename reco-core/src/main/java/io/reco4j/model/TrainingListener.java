package io.reco4j.model;

/**
 * Receives progress from iterative trainers: one call per finished iteration (epoch, ALS sweep).
 * Called on the training thread; implementations must be quick (print a line, advance a bar).
 *
 * <p>Two optional capabilities, both off by default so that plain training pays nothing:
 * <ul>
 *   <li>{@link #wantsLoss()}: trainers whose objective costs an extra pass to compute (ALS, iALS,
 *       BPR) compute it and report it in {@link #iteration} instead of NaN.</li>
 *   <li>{@link #observesModel()}: after each iteration the trainer builds the model as it stands
 *       and hands it to {@link #afterIteration}, which may stop training there (early stopping on a
 *       validation metric, convergence curves).</li>
 * </ul>
 * Trainers that cannot do either simply never call the optional methods; one-shot trainers (EASE,
 * kNN, popularity) report no iterations at all.
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
   *     compute one (computing it may cost a pass over the data; see {@link #wantsLoss()})
   * @param seconds wall time of this iteration, not counting the loss or the snapshot
   */
  void iteration(int iteration, int iterations, double loss, double seconds);

  /**
   * Whether trainers should compute their training objective after each iteration even when it
   * costs an extra pass over the data. The time it takes is not part of {@code seconds}.
   */
  default boolean wantsLoss() {
    return false;
  }

  /**
   * Whether trainers should build the model after each iteration and pass it to {@link
   * #afterIteration}. Read once, before the first iteration.
   */
  default boolean observesModel() {
    return false;
  }

  /**
   * Called right after {@link #iteration} when {@link #observesModel()} is true, with the model as
   * it stands after {@code iteration}. The model may share the trainer's working arrays: it is
   * valid only during this call and must not be kept or used from another thread afterwards.
   *
   * @param iteration 1-based iteration just finished
   * @param model the model after this iteration (a full model: scores, recommends, folds in)
   * <p>The iterative trainers of reco-algorithms (als, ials, bpr, svd, svdpp, bias) call it after
   * every iteration, the last included (there the model passed is the one {@code train} returns
   * and the return value is ignored). A model passed before the last iteration carries a config
   * whose iteration (epoch) count is {@code iteration}: it is the model of a run configured that
   * way.
   *
   * @return true to go on; false to stop training now, in which case the trainer returns the model
   *     trained so far (equal to what a run configured with {@code iteration} iterations returns,
   *     its config included; for Hogwild-parallel BPR only with one thread)
   */
  default boolean afterIteration(int iteration, Model model) {
    return true;
  }
}
