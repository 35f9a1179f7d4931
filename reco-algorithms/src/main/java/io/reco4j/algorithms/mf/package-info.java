/**
 * Matrix factorisation for explicit ratings trained by stochastic gradient descent: biased MF
 * ({@code svd}: {@link io.reco4j.algorithms.mf.SvdTrainer}, Funk 2006; Koren, Bell and Volinsky
 * 2009) and SVD++ ({@code svdpp}: {@link io.reco4j.algorithms.mf.SvdppTrainer}, Koren 2008).
 *
 * <p>{@code svd} trains with blocked ("stratified") SGD after Gemulla et al. (KDD 2011, DSGD):
 * users and items are dealt into {@code B × B} cells; a stratum is {@code B} cells no two of which
 * share a user block or an item block, so its cells run in parallel without touching the same
 * row of any parameter array. Every random choice derives from (seed, epoch, cell), never from a
 * thread, so the model is bit-for-bit the same for any thread count. {@code svdpp} visits ratings
 * grouped by user with an exact batched update of the implicit factors; it trains on one thread
 * (its class comment says why) and is equally reproducible.
 */
package io.reco4j.algorithms.mf;
