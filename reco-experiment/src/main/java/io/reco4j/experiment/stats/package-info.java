/**
 * Statistical comparison of models evaluated on the same users: paired significance tests, bootstrap
 * confidence intervals and multiple-comparison correction, over per-user metric values from {@link
 * io.reco4j.eval.EvalOptions#withPerUser(boolean)}.
 *
 * <p>Entry points: {@link io.reco4j.experiment.stats.PairedComparison#of} for two models, {@link
 * io.reco4j.experiment.stats.BootstrapCi#ofMean} for one model's "mean ± CI", {@link
 * io.reco4j.experiment.stats.Holm#adjust} for a family of p-values, and {@link
 * io.reco4j.experiment.stats.Leaderboard#compareAll} for N models against the best or a baseline.
 * The t and Wilcoxon distributions come from Hipparchus ({@code hipparchus-stat}); the bootstrap is
 * computed here over primitive arrays with a seeded {@link java.util.SplittableRandom}.
 *
 * <p>Why per-user paired tests: in offline recommender (and IR) evaluation the users (topics) are
 * the sampling units, and two systems evaluated on the same users are compared on the per-user
 * differences. See Smucker, Allan &amp; Carterette, "A comparison of statistical significance tests
 * for information retrieval evaluation", CIKM 2007 (t-test, bootstrap and randomisation agree,
 * Wilcoxon and sign tests less reliable), and Sakai, "Statistical reform in information retrieval?",
 * SIGIR Forum 48(1), 2014 (report effect sizes and confidence intervals, correct for multiple
 * comparisons).
 */
package io.reco4j.experiment.stats;
