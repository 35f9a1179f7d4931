/**
 * EASE<sup>R</sup> (registry name {@code ease}): Harald Steck, "Embarrassingly Shallow
 * Autoencoders for Sparse Data", WWW 2019. A closed-form item-item model, B = I − P·diag(1/diag P)
 * with P = (X<sup>T</sup>X + λI)<sup>-1</sup>, scoring a user as x<sub>u</sub>·B.
 *
 * <ul>
 *   <li>{@link io.reco4j.algorithms.ease.EaseConfig}: λ, binary or valued input, threads, the
 *       {@code maxItems} memory guard and the solver;
 *   <li>{@link io.reco4j.algorithms.ease.EaseTrainer}: Gram matrix, inverse, assembly of B;
 *   <li>{@link io.reco4j.algorithms.ease.GramKernel}: the sparse X<sup>T</sup>X kernel, row-parallel
 *       over items and bit-identical for any thread count;
 *   <li>{@link io.reco4j.algorithms.ease.SpdInverse}: Cholesky inverse through OpenBLAS's LAPACK
 *       (JavaCPP presets, natives for linux-x86_64 on the class path) or pure-Java EJML;
 *   <li>{@link io.reco4j.algorithms.ease.EaseModel}: item scorer, fold-in, similar items;
 *       {@link io.reco4j.algorithms.ease.EaseCodec} its model file.
 * </ul>
 *
 * <p>Measurements behind the choice of solver and of the default λ, with the commands that
 * reproduce them, are in {@code reco-algorithms/EASE.md}.
 */
package io.reco4j.algorithms.ease;
