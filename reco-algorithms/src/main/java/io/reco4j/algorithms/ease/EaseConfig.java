package io.reco4j.algorithms.ease;

import io.reco4j.model.AlgorithmConfig;
import java.util.Locale;
import java.util.Set;

/**
 * Configuration of {@code ease} (EASE<sup>R</sup>, Steck 2019). Training is deterministic: there
 * is no seed.
 *
 * @param lambda the L2 regularisation λ added to the diagonal of the item-item Gram matrix
 *     X<sup>T</sup>X; larger values shrink the item weights B. Steck used 500 on ML-20M; the
 *     default 200 was tuned on MovieLens-100K and ml-latest-small (best mean NDCG@10 of the two
 *     over λ ∈ {50, …, 1000}; see {@code reco-algorithms/EASE.md}); must be &gt; 0
 * @param useValues false (default): the matrix is binarised, every stored entry counting 1 (the
 *     implicit-feedback setting of the paper); true: the stored values (ratings, play counts) are
 *     used both in the Gram matrix and in the user vector at scoring time
 * @param threads worker threads of the Gram kernel, the BLAS factorisation and the assembly of
 *     B; 0 means all cores
 * @param maxItems the largest item count accepted: the model is a dense n×n float matrix and
 *     training holds a dense n×n double matrix as well (12·n² bytes in all), so a catalogue
 *     above this limit is rejected with a message giving the memory it would need; at most
 *     {@value #HARD_MAX_ITEMS} (n² must index a Java array)
 * @param solver how the SPD matrix G + λI is inverted (Cholesky factorisation, then inverse
 *     from the factor): {@code "auto"} (default: {@code "openblas"} when OpenBLAS's natives load on
 *     this platform, else {@code "java"}), {@code "openblas"} (OpenBLAS LAPACK {@code spotrf}/{@code
 *     spotri}, single precision), {@code "openblas-double"} ({@code dpotrf}/{@code dpotri}) — both
 *     fail when the natives do not load — or {@code "java"} (EJML, pure Java, double precision,
 *     much slower: see {@code reco-algorithms/EASE.md}). Single and double precision gave the same
 *     NDCG@10 and Recall@20 to 4 digits on MovieLens
 */
public record EaseConfig(float lambda, boolean useValues, int threads, int maxItems,
    String solver) implements AlgorithmConfig {

  /** The largest n for which n² fits in a Java array index. */
  public static final int HARD_MAX_ITEMS = 46_340;

  /** The accepted values of {@link #solver()}. */
  public static final Set<String> SOLVERS = Set.of("auto", "openblas", "openblas-double", "java");

  /** Validates the fields; {@code solver} is normalised to lower case. */
  public EaseConfig {
    if (!(lambda > 0) || !Float.isFinite(lambda)) {
      throw new IllegalArgumentException("lambda must be a finite number > 0, got " + lambda);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
    if (maxItems < 1 || maxItems > HARD_MAX_ITEMS) {
      throw new IllegalArgumentException("maxItems must be in [1, " + HARD_MAX_ITEMS + "], got "
          + maxItems);
    }
    solver = solver == null ? "auto" : solver.strip().toLowerCase(Locale.ROOT);
    if (!SOLVERS.contains(solver)) {
      throw new IllegalArgumentException("solver must be one of auto, openblas, "
          + "openblas-double, java; got '"
          + solver + "'");
    }
  }

  /** λ = 200, binary input, all cores, at most 30,000 items, solver {@code auto}. */
  public static EaseConfig defaults() {
    return new EaseConfig(200f, false, 0, 30_000, "auto");
  }

  /** This configuration with another λ. */
  public EaseConfig withLambda(float l) {
    return new EaseConfig(l, useValues, threads, maxItems, solver);
  }

  /** This configuration with another thread count. */
  public EaseConfig withThreads(int t) {
    return new EaseConfig(lambda, useValues, t, maxItems, solver);
  }

  /** This configuration with another solver. */
  public EaseConfig withSolver(String s) {
    return new EaseConfig(lambda, useValues, threads, maxItems, s);
  }

  /** This configuration with another item limit. */
  public EaseConfig withMaxItems(int m) {
    return new EaseConfig(lambda, useValues, threads, m, solver);
  }

  /** This configuration with values used or binarised. */
  public EaseConfig withUseValues(boolean v) {
    return new EaseConfig(lambda, v, threads, maxItems, solver);
  }
}
