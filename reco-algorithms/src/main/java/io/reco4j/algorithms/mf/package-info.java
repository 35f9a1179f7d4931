/**
 * Matrix factorisation for explicit ratings trained by stochastic gradient descent: biased MF
 * ({@code svd}, Funk 2006; Koren, Bell and Volinsky 2009) and SVD++ ({@code svdpp}, Koren 2008).
 *
 * <p>Both trainers use blocked ("stratified") SGD after Gemulla et al. (KDD 2011, DSGD): users
 * and items are dealt into {@code B × B} cells; a stratum is {@code B} cells no two of which share
 * a user block or an item block, so its cells can run in parallel without touching the same row
 * of any parameter array. Every random choice derives from (seed, epoch, cell), never from a
 * thread, so a model is bit-for-bit the same for any thread count.
 */
package io.reco4j.algorithms.mf;
