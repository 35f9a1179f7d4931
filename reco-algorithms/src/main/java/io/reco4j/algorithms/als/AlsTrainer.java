package io.reco4j.algorithms.als;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.linalg.Cholesky;
import io.reco4j.linalg.PaddedRows;
import io.reco4j.linalg.VectorKernels;
import io.reco4j.model.Provenance;
import io.reco4j.model.TrainingListener;
import io.reco4j.model.Trainer;
import io.reco4j.util.Parallel;
import java.util.Arrays;
import java.util.Objects;

/**
 * Trains {@code als}: ALS-WR, alternating least squares with weighted-λ regularisation for
 * explicit ratings (Zhou, Wilkinson, Schreiber, Pan, "Large-Scale Parallel Collaborative
 * Filtering for the Netflix Prize", AAIM 2008). It minimises
 *
 * <pre>
 *   Σ<sub>(u,i)</sub> (r<sub>ui</sub> − r̂<sub>ui</sub>)² + λ (Σ<sub>u</sub> n<sub>u</sub> ‖x̃<sub>u</sub>‖² + Σ<sub>i</sub> n<sub>i</sub> ‖ỹ<sub>i</sub>‖²)
 * </pre>
 *
 * <p>with r̂ = x<sub>u</sub>·y<sub>i</sub>, or with {@link AlsConfig#biases()} r̂ = μ +
 * b<sub>u</sub> + b<sub>i</sub> + x<sub>u</sub>·y<sub>i</sub> where x̃<sub>u</sub> = (x<sub>u</sub>,
 * b<sub>u</sub>) is solved jointly against ỹ<sub>i</sub> = (y<sub>i</sub>, 1) on the target
 * r<sub>ui</sub> − μ − b<sub>i</sub> (and symmetrically for items). n<sub>u</sub>, n<sub>i</sub>
 * are the rating counts.
 *
 * <p>Each iteration solves every item given the users, then every user given the items, so the
 * final user vectors are exact least-squares steps on the final items — what
 * {@link AlsModel#scoreItemsForHistory} recomputes for a new history. Rows are solved exactly by
 * Cholesky in double precision, in parallel over fixed blocks; each row depends only on its
 * inputs, so the model is bit-identical for any thread count. Cost per iteration:
 * nnz·(f+1)² + (|U| + |I|)·(f+1)³/3 flops. When f + 1 is at most the vector width, the normal
 * equations are formed by rank-1 updates held in registers ({@link VectorKernels#normalEquations})
 * over the fixed rows padded to one cache line ({@link PaddedRows}); otherwise as dot products
 * along the row over a transposed gather.
 */
public final class AlsTrainer implements Trainer<AlsModel> {
  static final int GRAIN = 128;

  private final AlsConfig config;

  /** A trainer with the given configuration. */
  public AlsTrainer(AlsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link AlsConfig#defaults()}. */
  public AlsTrainer() {
    this(AlsConfig.defaults());
  }

  @Override
  public AlsConfig config() {
    return config;
  }

  /**
   * Fits the model on every entry of {@code data.matrix()}.
   *
   * @throws IllegalArgumentException when {@code data} has no interactions
   */
  @Override
  public AlsModel train(Dataset data) {
    return train(data, TrainingListener.NONE);
  }

  /**
   * Trains, reporting each iteration's wall time and, when {@link TrainingListener#wantsLoss()},
   * the objective of the class documentation after the iteration ({@link #objective}). When
   * {@link TrainingListener#observesModel()}, each iteration's model (sharing the working arrays)
   * goes to {@link TrainingListener#afterIteration}; when that returns false the model so far is
   * returned: it equals (config included, whose {@code iterations} is then the number run) the
   * model of a run configured with that many iterations, since nothing depends on the total.
   */
  @Override
  public AlsModel train(Dataset data, TrainingListener listener) {
    long start = System.nanoTime();
    CsrMatrix byUser = data.matrix();
    float[] vals = byUser.values();
    if (vals.length == 0) {
      throw new IllegalArgumentException(AlsModel.ALGORITHM + ": training data '" + data.name()
          + "' has no interactions");
    }
    CsrMatrix byItem = byUser.transpose();
    int f = config.factors();
    int nu = data.userCount();
    int ni = data.itemCount();
    boolean biases = config.biases();
    double sum = 0;
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : vals) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float mu = biases ? (float) (sum / vals.length) : 0f;
    float[] x = Factors.gaussian(nu, f, config.initStd(), config.seed(), 1);
    float[] y = Factors.gaussian(ni, f, config.initStd(), config.seed(), 2);
    float[] bu = new float[nu];
    float[] bi = new float[ni];
    int threads = config.threads();
    float lambda = config.regularization();
    boolean wantsLoss = listener.wantsLoss();
    boolean observes = listener.observesModel();
    int iterations = config.iterations();
    for (int it = 1; it <= iterations; it++) {
      long t0 = System.nanoTime();
      halfStep(byItem, x, biases ? bu : null, mu, lambda, y, bi, threads);
      halfStep(byUser, y, biases ? bi : null, mu, lambda, x, bu, threads);
      double secs = Factors.secondsSince(t0);
      double loss = wantsLoss
          ? objective(byUser, byItem, f, x, y, biases, mu, bu, bi, lambda, threads) : Double.NaN;
      listener.iteration(it, iterations, loss, secs);
      if (observes && it < iterations) {
        AlsModel now = model(data, it, start, x, y, mu, bu, bi, min, max);
        if (!listener.afterIteration(it, now)) {
          return now;
        }
      }
    }
    AlsModel done = model(data, iterations, start, x, y, mu, bu, bi, min, max);
    if (observes) {
      listener.afterIteration(iterations, done);
    }
    return done;
  }

  /** The model after {@code iterations} iterations, over the given (possibly working) arrays. */
  private AlsModel model(Dataset data, int iterations, long start, float[] x, float[] y, float mu,
      float[] bu, float[] bi, float min, float max) {
    AlsConfig c = iterations == config.iterations() ? config
        : new AlsConfig(config.factors(), config.regularization(), iterations, config.biases(),
            config.initStd(), config.seed(), config.threads());
    Provenance p = Provenance.of(AlsModel.ALGORITHM, c, data.name(), data.fingerprint(),
        Factors.secondsSince(start));
    return new AlsModel(c, p, data.users(), data.items(), config.factors(), x, y, mu, bu, bi,
        min, max);
  }

  /**
   * The ALS-WR objective Σ (r − r̂)² + λ (Σ<sub>u</sub> n<sub>u</sub> ‖x̃<sub>u</sub>‖² +
   * Σ<sub>i</sub> n<sub>i</sub> ‖ỹ<sub>i</sub>‖²) in double precision — the one the half-steps
   * minimise exactly, so it does not increase from one iteration to the next (up to the float
   * rounding of the stored factors). Parallel over fixed blocks of users and of items, partial sums
   * reduced in block order: the value does not depend on the thread count.
   */
  static double objective(CsrMatrix byUser, CsrMatrix byItem, int f, float[] x, float[] y,
      boolean biases, float mu, float[] bu, float[] bi, float lambda, int threads) {
    int nu = byUser.rows();
    int ni = byItem.rows();
    int userBlocks = (nu + GRAIN - 1) / GRAIN;
    int itemBlocks = (ni + GRAIN - 1) / GRAIN;
    double[] part = new double[userBlocks + itemBlocks];
    int[] uptr = byUser.rowPtr();
    int[] ucol = byUser.colIdx();
    float[] uval = byUser.values();
    int[] iptr = byItem.rowPtr();
    Parallel.forEachBlock(threads, userBlocks + itemBlocks, blk -> {
      boolean users = blk < userBlocks;
      int from = (users ? blk : blk - userBlocks) * GRAIN;
      int to = Math.min(users ? nu : ni, from + GRAIN);
      float[] v = users ? x : y;
      float[] b = users ? bu : bi;
      int[] ptr = users ? uptr : iptr;
      double s = 0;
      for (int r = from; r < to; r++) {
        int n = ptr[r + 1] - ptr[r];
        double norm = biases ? (double) b[r] * b[r] : 0;
        for (int k = r * f, end = k + f; k < end; k++) {
          norm += (double) v[k] * v[k];
        }
        s += (double) lambda * n * norm;
        if (!users) {
          continue;
        }
        for (int p = ptr[r]; p < ptr[r + 1]; p++) {
          int i = ucol[p];
          double pred = biases ? (double) mu + bu[r] + bi[i] : 0;
          for (int k = 0, xo = r * f, yo = i * f; k < f; k++) {
            pred += (double) x[xo + k] * y[yo + k];
          }
          double e = uval[p] - pred;
          s += e * e;
        }
      }
      part[blk] = s;
    });
    double total = 0;
    for (double s : part) {
      total += s;
    }
    return total;
  }

  private void halfStep(CsrMatrix m, float[] fixed, float[] fixedBias, float mu, float lambda,
      float[] out, float[] outBias, int threads) {
    int f = config.factors();
    int dim = f + (fixedBias != null ? 1 : 0);
    int[] ptr = m.rowPtr();
    int[] cols = m.colIdx();
    float[] vals = m.values();
    // small dim: the fixed rows (with the bias coordinate 1) padded to one aligned cache line
    // each, when the JVM allows it
    float[] padded = dim <= VectorKernels.provider().normalEquationsMaxDim()
        && dim <= PaddedRows.STRIDE && PaddedRows.worthIt(fixed.length / f)
        ? PaddedRows.copy(fixed, fixed.length / f, f, fixedBias != null) : null;
    Parallel.forRange(threads, m.rows(), GRAIN, (from, to) -> {
      double[] a = new double[dim * dim];
      double[] b = new double[2 * dim];
      for (int r = from; r < to; r++) {
        solveRow(fixed, fixedBias, f, mu, cols, vals, ptr[r], ptr[r + 1], lambda, out, r * f,
            outBias, r, a, b, padded);
      }
    });
  }

  /** Per-thread gather buffer of {@link #solveRow}; grows to the longest row seen. */
  private static final ThreadLocal<float[]> GATHER = ThreadLocal.withInitial(() -> new float[1024]);

  /**
   * The weighted-λ least-squares step of one row: writes its factors to {@code out[off..off+f)}
   * and, when {@code fixedBias} is not null, its bias to {@code outBias[biasIndex]}. Entries are
   * {@code [s, e)} of {@code cols}/{@code vals}. A row without entries gets zeros. Scratch
   * {@code a} holds at least (f+1)², {@code b} at least 2(f+1) (its second half holds the
   * current entry's vector in double, for the {@link VectorKernels} row updates).
   */
  static void solveRow(float[] fixed, float[] fixedBias, int f, float mu, int[] cols,
      float[] vals, int s, int e, float lambda, float[] out, int off, float[] outBias,
      int biasIndex, double[] a, double[] b) {
    solveRow(fixed, fixedBias, f, mu, cols, vals, s, e, lambda, out, off, outBias, biasIndex, a,
        b, null);
  }

  /**
   * {@link #solveRow} with, optionally, {@code padded}: {@code fixed} as a {@link PaddedRows}
   * copy (with the constant 1 when {@code fixedBias} is not null), used when the kernels form
   * the equations by rank-1 updates.
   */
  static void solveRow(float[] fixed, float[] fixedBias, int f, float mu, int[] cols,
      float[] vals, int s, int e, float lambda, float[] out, int off, float[] outBias,
      int biasIndex, double[] a, double[] b, float[] padded) {
    boolean biases = fixedBias != null;
    int dim = f + (biases ? 1 : 0);
    int n = e - s;
    if (n == 0) {
      Arrays.fill(out, off, off + f, 0f);
      if (biases) {
        outBias[biasIndex] = 0f;
      }
      return;
    }
    VectorKernels kernels = VectorKernels.provider();
    if (dim <= kernels.normalEquationsMaxDim()) {
      // small dim: rank-1 updates held in vector registers, one gathered vector per entry
      float[] t = GATHER.get();
      if (t.length < n) {
        t = new float[Math.max(n, t.length * 2)];
        GATHER.set(t);
      }
      for (int q = 0; q < n; q++) {
        t[q] = vals[s + q] - (biases ? mu + fixedBias[cols[s + q]] : 0f);
      }
      Arrays.fill(a, 0, dim * dim, 0.0);
      Arrays.fill(b, 0, dim, 0.0);
      if (padded != null) {
        kernels.normalEquations(padded, PaddedRows.offset(), PaddedRows.STRIDE, dim, false, cols,
            s, e, null, t, 0, 0f, a, b);
      } else {
        kernels.normalEquations(fixed, 0, f, f, biases, cols, s, e, null, t, 0, 0f, a, b);
      }
    } else {
      formByDots(fixed, fixedBias, f, mu, cols, vals, s, e, dim, a, b, kernels);
    }
    double reg = (double) lambda * n;
    for (int i = 0; i < dim; i++) {
      a[i * dim + i] += reg;
    }
    if (!Cholesky.factor(a, dim)) {
      Arrays.fill(out, off, off + f, 0f);
      if (biases) {
        outBias[biasIndex] = 0f;
      }
      return;
    }
    Cholesky.solve(a, dim, b);
    for (int i = 0; i < f; i++) {
      out[off + i] = (float) b[i];
    }
    if (biases) {
      outBias[biasIndex] = (float) b[f];
    }
  }

  /** The normal equations as dot products along the row (larger dim). */
  private static void formByDots(float[] fixed, float[] fixedBias, int f, float mu, int[] cols,
      float[] vals, int s, int e, int dim, double[] a, double[] b, VectorKernels kernels) {
    boolean biases = fixedBias != null;
    int n = e - s;
    // Gather the row's fixed vectors transposed (dim × n: coordinate-major, the constant
    // coordinate 1 last when biases are on) and its targets, then form the normal equations as
    // dot products along n — long, vectorisable loops even when f is small — in a fixed order.
    float[] tr = GATHER.get();
    int need = (dim + 1) * n;
    if (tr.length < need) {
      tr = new float[Math.max(need, tr.length * 2)];
      GATHER.set(tr);
    }
    int tOff = dim * n;
    for (int q = 0; q < n; q++) {
      int c = cols[s + q];
      int yo = c * f;
      for (int i = 0; i < f; i++) {
        tr[i * n + q] = fixed[yo + i];
      }
      if (biases) {
        tr[f * n + q] = 1f;
      }
      tr[tOff + q] = vals[s + q] - (biases ? mu + fixedBias[c] : 0f);
    }
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j <= i; j++) {
        a[i * dim + j] = kernels.dot(tr, i * n, tr, j * n, n);
      }
      b[i] = kernels.dot(tr, i * n, tr, tOff, n);
    }
  }
}
