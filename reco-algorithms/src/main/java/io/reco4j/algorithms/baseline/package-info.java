/**
 * Baseline recommenders: the yardsticks every other algorithm must beat.
 *
 * <ul>
 *   <li>{@code global-mean} ({@link io.reco4j.algorithms.baseline.GlobalMeanTrainer}): the mean
 *       training rating for every user and item;
 *   <li>{@code bias} ({@link io.reco4j.algorithms.baseline.BiasTrainer}): the regularised
 *       user/item baseline predictor μ + b<sub>u</sub> + b<sub>i</sub> of Koren;
 *   <li>{@code popular} ({@link io.reco4j.algorithms.baseline.PopularTrainer}): items ranked by
 *       their number of training interactions;
 *   <li>{@code random} ({@link io.reco4j.algorithms.baseline.RandomTrainer}): a seeded random
 *       ranking.
 * </ul>
 *
 * <p>Each algorithm has a config record, a trainer, an immutable model and a
 * {@link io.reco4j.model.ModelCodec} registered through {@link java.util.ServiceLoader}.
 */
package io.reco4j.algorithms.baseline;
