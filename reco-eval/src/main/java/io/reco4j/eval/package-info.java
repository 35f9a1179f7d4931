/**
 * Evaluation of recommender models: accuracy and beyond-accuracy metrics ({@link
 * io.reco4j.eval.Metric} and its records), the full-ranking and sampled-negative protocols
 * ({@link io.reco4j.eval.Evaluator}), and the multi-fold, multi-algorithm {@link
 * io.reco4j.eval.EvaluationRunner} that produces a reproducible {@link
 * io.reco4j.eval.EvaluationReport}.
 *
 * <p>Every number is a deterministic function of the model, the split and the {@link
 * io.reco4j.eval.EvalOptions}: users are processed in fixed blocks whose partial sums are reduced
 * in block order, so the thread count never changes a result, not even in the last bit.
 */
package io.reco4j.eval;
