package io.reco4j.algorithms.als;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.linalg.Gram;
import io.reco4j.linalg.ImplicitLeastSquares;
import io.reco4j.linalg.PaddedRows;
import io.reco4j.linalg.VectorKernels;
import io.reco4j.model.Provenance;
import io.reco4j.model.TrainingListener;
import io.reco4j.model.Trainer;
import io.reco4j.util.Parallel;
import java.util.Objects;

/**
 * Trains {@code ials}: matrix factorisation for implicit feedback by alternating least squares
 * (Hu, Koren, Volinsky, "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008).
 * Every user–item pair enters the loss; observed pairs (value r) have preference 1 and confidence
 * c = 1 + α·r (or 1 + α·log(1 + r/ε)), all others preference 0 and confidence 1:
 *
 * <pre>
 *   Σ<sub>u,i</sub> c<sub>ui</sub> (p<sub>ui</sub> − x<sub>u</sub>·y<sub>i</sub>)² + Σ<sub>u</sub> λ<sub>u</sub> ‖x<sub>u</sub>‖² + Σ<sub>i</sub> λ<sub>i</sub> ‖y<sub>i</sub>‖²
 * </pre>
 *
 * <p>λ<sub>u</sub> = λ (constant), or with frequency scaling (Rendle, Krichene, Zhang, Koren,
 * "Revisiting the Performance of iALS on Item Recommendation Benchmarks", RecSys 2022, §3.3:
 * λ (|I<sub>u</sub>| + α<sub>0</sub>|I|)<sup>ν</sup>) the analogue in this weighting,
 * λ·W<sub>u</sub><sup>ν</sup> with W<sub>u</sub> = |I| + Σ<sub>i∈I<sub>u</sub></sub>(c<sub>ui</sub> − 1)
 * the total weight of row u in the loss (and likewise for items).
 *
 * <p>Each iteration solves every item given the users, then every user given the items (so the
 * final user vectors are least-squares steps on the final item factors, which is what
 * {@link IalsModel#scoreItemsForHistory} recomputes). A half-step computes the Gram matrix of the
 * fixed side once ({@link Gram}) and solves rows in parallel over fixed blocks with
 * {@link ImplicitLeastSquares}: by default {@code cgSteps} conjugate-gradient steps warm-started
 * from the previous vector (Takács, Pilászy, Tikk, RecSys 2011), optionally exact Cholesky.
 * When f is at most the vector width ({@link ImplicitLeastSquares#formsMatrix}), both solvers
 * first form the row's matrix by rank-1 updates held in registers, over the fixed rows padded
 * to one cache line ({@link io.reco4j.linalg.PaddedRows}), and CG then runs on that matrix.
 * Every row's result depends only on its inputs, so the model is bit-identical for any thread
 * count.
 *
 * <p>Cost per iteration (CG): see {@link #flopsPerIteration}, dominated by 8·(steps + 1)·f·nnz.
 * Memory: the two factor matrices, the (cached) transpose of the data and one float per entry
 * per orientation (the confidence excess c − 1).
 */
public final class IalsTrainer implements Trainer<IalsModel> {
  /** Rows per parallel block; fixed, so blocks never depend on the thread count. */
  static final int GRAIN = 128;

  private final IalsConfig config;
  private final java.util.function.DoubleConsumer secondsListener;

  /** A trainer with the given configuration. */
  public IalsTrainer(IalsConfig config) {
    this(config, null);
  }

  /** A trainer with {@link IalsConfig#defaults()}. */
  public IalsTrainer() {
    this(IalsConfig.defaults());
  }

  /**
   * A trainer reporting the wall seconds of each iteration to {@code secondsPerIteration}
   * (benchmarks); null for none.
   */
  public IalsTrainer(IalsConfig config, java.util.function.DoubleConsumer secondsPerIteration) {
    this.config = Objects.requireNonNull(config, "config");
    this.secondsListener = secondsPerIteration;
  }

  @Override
  public IalsConfig config() {
    return config;
  }

  /**
   * Floating-point operations of one CG iteration (both half-steps) on a matrix with {@code nnz}
   * entries: Gram (upper triangle) (|U| + |I|)·f·(f + 1); per row (steps + 1) residual/A·p
   * products, each 2 f² for the dense matvec plus 4 f per entry (dot and axpy); plus the CG vector
   * updates, 10 f per step and row.
   */
  public static double flopsPerIteration(long users, long items, long nnz, int f, int steps) {
    double rows = users + items;
    double gram = rows * f * (double) (f + 1);
    double matvec = rows * (steps + 1) * 2.0 * f * f;
    double sparse = 2.0 * nnz * (steps + 1) * 4.0 * f;
    double vec = rows * steps * 10.0 * f;
    return gram + matvec + sparse + vec;
  }

  /**
   * Fits the factors on every entry of {@code data.matrix()} (values are the r of the confidence;
   * use {@link Dataset#implicit} for binary data).
   */
  @Override
  public IalsModel train(Dataset data) {
    return train(data, TrainingListener.NONE);
  }

  /**
   * Trains, reporting each iteration's wall time and, when {@link TrainingListener#wantsLoss()},
   * the full objective of the class documentation over all user–item pairs ({@link #objective},
   * O(|U| f² + |I| f² + nnz f), not counted in the seconds). When
   * {@link TrainingListener#observesModel()}, each iteration's model (sharing the working arrays)
   * goes to {@link TrainingListener#afterIteration}; when that returns false the model so far is
   * returned: it equals (config included, whose {@code iterations} is then the number run) the
   * model of a run configured with that many iterations, since nothing depends on the total.
   */
  @Override
  public IalsModel train(Dataset data, TrainingListener listener) {
    long start = System.nanoTime();
    int f = config.factors();
    int nu = data.userCount();
    int ni = data.itemCount();
    CsrMatrix byUser = data.matrix();
    CsrMatrix byItem = byUser.transpose();
    float[] wUser = excess(byUser.values());
    float[] wItem = excess(byItem.values());
    float[] lambdaUser = lambdas(byUser, wUser, ni);
    float[] lambdaItem = lambdas(byItem, wItem, nu);
    float[] x = Factors.gaussian(nu, f, config.initStd(), config.seed(), 1);
    float[] y = Factors.gaussian(ni, f, config.initStd(), config.seed(), 2);
    float[] gram = new float[f * f];
    int threads = config.threads();
    boolean wantsLoss = listener.wantsLoss();
    boolean observes = listener.observesModel();
    int iterations = config.iterations();
    for (int it = 1; it <= iterations; it++) {
      long t0 = System.nanoTime();
      Gram.compute(x, nu, f, gram, threads);
      halfStep(byItem, wItem, lambdaItem, x, gram, y, threads, it == 1);
      Gram.compute(y, ni, f, gram, threads);
      halfStep(byUser, wUser, lambdaUser, y, gram, x, threads, false);
      double secs = Factors.secondsSince(t0);
      if (secondsListener != null) {
        secondsListener.accept(secs);
      }
      double loss = wantsLoss
          ? objective(byUser, wUser, lambdaUser, lambdaItem, f, x, y, threads) : Double.NaN;
      listener.iteration(it, iterations, loss, secs);
      if (observes && it < iterations) {
        IalsModel now = model(data, it, start, x, y);
        if (!listener.afterIteration(it, now)) {
          return now;
        }
      }
    }
    IalsModel done = model(data, iterations, start, x, y);
    if (observes) {
      listener.afterIteration(iterations, done);
    }
    return done;
  }

  /** The model after {@code iterations} iterations, over the given (possibly working) arrays. */
  private IalsModel model(Dataset data, int iterations, long start, float[] x, float[] y) {
    IalsConfig c = iterations == config.iterations() ? config
        : config.withShape(config.factors(), iterations);
    Provenance p = Provenance.of(IalsModel.ALGORITHM, c, data.name(), data.fingerprint(),
        Factors.secondsSince(start));
    return new IalsModel(c, p, data.users(), data.items(), config.factors(), x, y);
  }

  /** Rows per parallel block of the loss's Gram matrices (few blocks: each holds f × f sums). */
  private static final int GRAM_GRAIN = 1024;

  /** Rows per float partial of the loss's Gram matrices, added into double sums. */
  private static final int GRAM_FLUSH = 32;

  /**
   * The full iALS objective Σ<sub>u,i</sub> c<sub>ui</sub> (p<sub>ui</sub> −
   * x<sub>u</sub>·y<sub>i</sub>)² + Σ<sub>u</sub> λ<sub>u</sub> ‖x<sub>u</sub>‖² + Σ<sub>i</sub>
   * λ<sub>i</sub> ‖y<sub>i</sub>‖² over all |U|·|I| pairs, by the Gram trick: with every pair
   * taken as unobserved (c = 1, p = 0) the data term is Σ<sub>u</sub>
   * x<sub>u</sub>ᵀ(YᵀY)x<sub>u</sub> = ⟨XᵀX, YᵀY⟩ (Frobenius); each observed entry (excess
   * w = c − 1, s = x<sub>u</sub>·y<sub>i</sub>) then adds (1 + w)(1 − s)² − s². Cost
   * (|U| + |I|)·f² + nnz·f with the vector kernels: Gram matrices from float partials of
   * {@value #GRAM_FLUSH} rows summed in double, dot products of f floats, everything else in
   * double. Fixed blocks reduced in block order, so the value does not depend on the thread
   * count. {@code lambdaUser}/{@code lambdaItem} are the solver's per-row λ.
   */
  static double objective(CsrMatrix byUser, float[] wUser, float[] lambdaUser,
      float[] lambdaItem, int f, float[] x, float[] y, int threads) {
    VectorKernels kernels = VectorKernels.provider();
    int nu = byUser.rows();
    int ni = lambdaItem.length;
    double[] gx = new double[f * f];
    double[] gy = new double[f * f];
    double total = gramAndRegulariser(kernels, x, nu, f, lambdaUser, gx, threads)
        + gramAndRegulariser(kernels, y, ni, f, lambdaItem, gy, threads);
    // ⟨XᵀX, YᵀY⟩ from the upper triangles: off-diagonal entries count twice
    for (int a = 0; a < f; a++) {
      total += gx[a * f + a] * gy[a * f + a];
      for (int b = a + 1; b < f; b++) {
        total += 2 * gx[a * f + b] * gy[a * f + b];
      }
    }
    int[] ptr = byUser.rowPtr();
    int[] cols = byUser.colIdx();
    int userBlocks = (nu + GRAIN - 1) / GRAIN;
    double[] part = new double[userBlocks];
    Parallel.forEachBlock(threads, userBlocks, blk -> {
      double s = 0;
      for (int u = blk * GRAIN, end = Math.min(nu, u + GRAIN); u < end; u++) {
        for (int p = ptr[u]; p < ptr[u + 1]; p++) {
          double dot = kernels.dot(x, u * f, y, cols[p] * f, f);
          double miss = 1 - dot;
          s += (1.0 + wUser[p]) * miss * miss - dot * dot;
        }
      }
      part[blk] = s;
    });
    for (double s : part) {
      total += s;
    }
    return total;
  }

  /**
   * Adds the upper triangle of VᵀV ({@code rows × f} row-major {@code v}) to {@code g} and returns
   * Σ<sub>r</sub> λ<sub>r</sub> ‖v<sub>r</sub>‖², over fixed blocks reduced in block order.
   */
  private static double gramAndRegulariser(VectorKernels kernels, float[] v, int rows, int f,
      float[] lambda, double[] g, int threads) {
    int blocks = Math.max(1, (rows + GRAM_GRAIN - 1) / GRAM_GRAIN);
    double[][] gramPart = new double[blocks][];
    double[] regPart = new double[blocks];
    Parallel.forEachBlock(threads, blocks, blk -> {
      double[] acc = new double[f * f];
      float[] tmp = new float[f * f];
      double reg = 0;
      int end = Math.min(rows, (blk + 1) * GRAM_GRAIN);
      for (int from = blk * GRAM_GRAIN; from < end; from += GRAM_FLUSH) {
        int to = Math.min(end, from + GRAM_FLUSH);
        java.util.Arrays.fill(tmp, 0f);
        kernels.gramAccumulate(v, from, to, f, tmp);
        for (int a = 0; a < f; a++) {
          for (int b = a; b < f; b++) {
            acc[a * f + b] += tmp[a * f + b];
          }
        }
        for (int r = from; r < to; r++) {
          reg += (double) lambda[r] * kernels.dot(v, r * f, v, r * f, f);
        }
      }
      gramPart[blk] = acc;
      regPart[blk] = reg;
    });
    double reg = 0;
    for (int blk = 0; blk < blocks; blk++) {
      for (int k = 0; k < f * f; k++) {
        g[k] += gramPart[blk][k];
      }
      reg += regPart[blk];
    }
    return reg;
  }

  private float[] excess(float[] values) {
    float[] w = new float[values.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = config.confidenceExcess(values[k]);
    }
    return w;
  }

  /** λ of every row: constant or λ·W^ν with W = other-side count + Σ (c − 1) (fixed order). */
  private float[] lambdas(CsrMatrix m, float[] w, int otherSide) {
    float[] l = new float[m.rows()];
    int[] ptr = m.rowPtr();
    boolean scaled = config.regScaling() == IalsConfig.RegScaling.FREQUENCY;
    for (int r = 0; r < l.length; r++) {
      if (!scaled) {
        l[r] = config.regularization();
        continue;
      }
      double weight = otherSide;
      for (int p = ptr[r]; p < ptr[r + 1]; p++) {
        weight += w[p];
      }
      l[r] = (float) (config.regularization() * Math.pow(weight, config.regExponent()));
    }
    return l;
  }

  /**
   * Solves every row of {@code m} into {@code out} given the fixed factors {@code fixed} and their
   * Gram matrix. Rows without entries get the zero vector. {@code fresh}: the rows of {@code out}
   * hold random initial values that must not warm-start CG (the first item half-step).
   */
  private void halfStep(CsrMatrix m, float[] w, float[] lambda, float[] fixed, float[] gram,
      float[] out, int threads, boolean fresh) {
    int f = config.factors();
    int steps = config.cgSteps();
    boolean cg = config.solver() == IalsConfig.Solver.CG;
    int[] ptr = m.rowPtr();
    int[] cols = m.colIdx();
    boolean dense = ImplicitLeastSquares.formsMatrix(f);
    // small f: the fixed rows padded to one aligned cache line each, when the JVM allows it
    boolean pad = dense && f <= PaddedRows.STRIDE && PaddedRows.worthIt(fixed.length / f);
    float[] ys = pad ? PaddedRows.copy(fixed, fixed.length / f, f, false) : fixed;
    int yOff = pad ? PaddedRows.offset() : 0;
    int stride = pad ? PaddedRows.STRIDE : f;
    Parallel.forRange(threads, m.rows(), GRAIN, (from, to) -> {
      float[] scratch = null;
      if (cg && !dense) {
        int longest = 0;
        for (int r = from; r < to; r++) {
          longest = Math.max(longest, ptr[r + 1] - ptr[r]);
        }
        scratch = new float[ImplicitLeastSquares.cgScratchSize(f, longest)];
      }
      double[] a = cg && !dense ? null : new double[f * f];
      double[] b = cg && !dense ? null : new double[4 * f];
      for (int r = from; r < to; r++) {
        int off = r * f;
        int s = ptr[r];
        int e = ptr[r + 1];
        if (s == e) {
          java.util.Arrays.fill(out, off, off + f, 0f);
          continue;
        }
        if (cg) {
          if (fresh) {
            java.util.Arrays.fill(out, off, off + f, 0f);
          }
          if (dense) {
            ImplicitLeastSquares.denseConjugateGradient(gram, lambda[r], ys, yOff, stride, f,
                cols, w, s, e, out, off, steps, a, b);
          } else {
            ImplicitLeastSquares.conjugateGradient(gram, lambda[r], fixed, f, cols, w, s, e, out,
                off, steps, scratch);
          }
        } else {
          ImplicitLeastSquares.cholesky(gram, lambda[r], ys, yOff, stride, f, cols, w, s, e, out,
              off, a, b);
        }
      }
    });
  }
}
