/**
 * Hyperparameter search for {@code reco experiment run}: an algorithm entry with a {@code search:}
 * block is tuned on a validation split carved out of each run's training part, and only the best
 * configuration is trained on the whole training part and evaluated on the test split, once.
 *
 * <ul>
 *   <li>{@link io.reco4j.experiment.search.SearchSpec}: the parsed {@code search:} block (method,
 *       trials, validation metric and split, early stopping, the {@link
 *       io.reco4j.experiment.search.SearchSpace}).</li>
 *   <li>{@link io.reco4j.experiment.search.Sampler}: proposes the next trial's parameters from the
 *       completed ones; {@link io.reco4j.experiment.search.RandomSearch} and {@link
 *       io.reco4j.experiment.search.TpeSearch} (Bergstra et al. 2011). Both are pure functions of
 *       (seed, trial number, history), so a resumed search proposes exactly what an uninterrupted
 *       one would.</li>
 *   <li>{@link io.reco4j.experiment.search.SearchExecution}: runs the trials of one planned run,
 *       with early stopping on the validation metric, and writes {@code runs/<id>.trials.json}
 *       after every trial ({@link io.reco4j.experiment.search.TrialsFile}).</li>
 * </ul>
 *
 * <p><b>Why our own TPE.</b> Before writing it we looked for a maintained JVM library offering
 * TPE or Gaussian-process Bayesian optimisation (November 2026): the well-kept implementations
 * (Optuna, Hyperopt, scikit-optimize, BoTorch) are Python; the JVM candidates found were a Scala
 * 2.11 project last released in 2019 and unmaintained personal repositories. Depending on either
 * would tie the experiment runner to an abandoned artifact, while TPE itself is a few hundred
 * lines of arithmetic that we can test on known functions (Branin, a mixed quadratic). So the
 * samplers here are our own, following the paper and the published descriptions of Hyperopt's
 * adaptive Parzen estimator.
 */
package io.reco4j.experiment.search;
