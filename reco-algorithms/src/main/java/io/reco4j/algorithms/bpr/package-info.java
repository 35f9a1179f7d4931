/**
 * Bayesian Personalized Ranking matrix factorisation ({@code bpr}): pairwise ranking by SGD on
 * sampled (user, positive, negative) triples, with Hogwild multi-threading (Rendle, Freudenthaler,
 * Gantner, Schmidt-Thieme, "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009).
 * See {@link io.reco4j.algorithms.bpr.BprTrainer} for the method, sampling and threading,
 * {@link io.reco4j.algorithms.bpr.BprConfig} for the parameters and
 * {@link io.reco4j.algorithms.bpr.BprModel} for scoring, similar items and fold-in.
 *
 * <p><b>Accuracy</b> (every rating an interaction, {@code user:0.2} split, full ranking excluding
 * training items, binary relevance; mean over split and training seeds 42, 43, 44, one thread;
 * reproduce with {@code io.reco4j.bench.BprBench accuracy DATA seeds=42,43,44 threads=1}):
 *
 * <table>
 *   <caption>NDCG@10 / Recall@20</caption>
 *   <tr><th></th><th>ML-100K</th><th>ml-latest-small</th></tr>
 *   <tr><td>most popular (reference)</td><td>0.224 / 0.170</td><td>0.184 / 0.120</td></tr>
 *   <tr><td>implicit 0.7.3 BPR, its defaults (reference)</td><td>0.289 / 0.254</td>
 *       <td>0.218 / 0.173</td></tr>
 *   <tr><td>{@code bpr} with implicit's hyper-parameters (100 factors, η 0.01, λ 0.01,
 *       100 iterations, entry sampling)</td><td>0.373 / 0.309</td><td>0.228 / 0.152</td></tr>
 *   <tr><td>{@code bpr} defaults (64 factors, η 0.03, user sampling)</td><td>0.417 / 0.350</td>
 *       <td>0.287 / 0.227</td></tr>
 * </table>
 *
 * <p>Two-thread (Hogwild) training gives the same figures to ±0.001 on ML-100K (0.417 / 0.350).
 * Popularity-weighted negatives (β = 1, as when negatives are drawn from the interaction list)
 * fell to 0.23 NDCG@10 on ML-100K, β = 0.5 to 0.367; the uniform default was best.
 *
 * <p><b>Speed</b>: samples per second at 1 and 2 threads, wall and per CPU-second, from
 * {@code java -cp reco-bench/target/benchmarks.jar io.reco4j.bench.BprBench speed DATA
 * threads=1,2 [iterations=1]} (DATA: {@code ../shared/data/ml-100k} or the 20M synthetic file),
 * and the per-sample update at 32/64/128 factors from {@code java -jar
 * reco-bench/target/benchmarks.jar BprStepBenchmark}.
 */
package io.reco4j.algorithms.bpr;
