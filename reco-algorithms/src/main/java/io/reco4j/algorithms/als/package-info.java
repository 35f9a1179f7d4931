/**
 * Alternating least squares: {@code als} (ALS-WR for explicit ratings, Zhou et al. 2008) and
 * {@code ials} (implicit feedback, Hu, Koren, Volinsky 2008, with the conjugate-gradient solver
 * of Takács, Pilászy, Tikk 2011). Kernels live in {@link io.reco4j.linalg}.
 */
package io.reco4j.algorithms.als;
