/**
 * Bayesian Personalized Ranking matrix factorisation ({@code bpr}): pairwise ranking by SGD on
 * sampled (user, positive, negative) triples, with Hogwild multi-threading (Rendle et al., UAI
 * 2009). See {@link io.reco4j.algorithms.bpr.BprTrainer} for the method,
 * {@link io.reco4j.algorithms.bpr.BprConfig} for the parameters and
 * {@link io.reco4j.algorithms.bpr.BprModel} for scoring, similar items and fold-in.
 */
package io.reco4j.algorithms.bpr;
