package io.reco4j.algorithms.mf;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.linalg.VectorKernels;
import io.reco4j.model.Provenance;
import io.reco4j.model.TrainingListener;
import io.reco4j.model.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains {@code svd}: biased matrix factorisation by stochastic gradient descent, as popularised
 * by Simon Funk ("Netflix Update: Try This at Home", 2006) and described by Koren, Bell and
 * Volinsky ("Matrix Factorization Techniques for Recommender Systems", IEEE Computer 42(8),
 * 2009). The prediction is r̂<sub>ui</sub> = μ + b<sub>u</sub> + b<sub>i</sub> +
 * q<sub>i</sub>ᵀp<sub>u</sub> (μ the mean training rating) and SGD minimises
 *
 * <pre>
 *   Σ<sub>(u,i)</sub> (r<sub>ui</sub> − r̂<sub>ui</sub>)² + λ (b<sub>u</sub>² + b<sub>i</sub>² + ‖p<sub>u</sub>‖² + ‖q<sub>i</sub>‖²)
 * </pre>
 *
 * <p>with, for every rating, e = r<sub>ui</sub> − r̂<sub>ui</sub> and
 *
 * <pre>
 *   b<sub>u</sub> ← b<sub>u</sub> + γ (e − λ b<sub>u</sub>)      b<sub>i</sub> ← b<sub>i</sub> + γ (e − λ b<sub>i</sub>)
 *   p<sub>u</sub> ← p<sub>u</sub> + γ (e q<sub>i</sub> − λ p<sub>u</sub>)   q<sub>i</sub> ← q<sub>i</sub> + γ (e p<sub>u</sub> − λ q<sub>i</sub>)   (both from the old values)
 * </pre>
 *
 * <p>the update of Surprise's {@code SVD}. Biases start at 0, factors at N(0, initStd²).
 *
 * <p><b>Order and threads.</b> The visiting order is that of DSGD (Gemulla, Nijkamp, Haas and
 * Sismanis, "Large-scale matrix factorization with distributed stochastic gradient descent", KDD
 * 2011): users and items are dealt into {@code blocks} blocks each by a seeded permutation; an
 * epoch runs {@code blocks} strata in a seeded order, stratum s pairing user block b with item
 * block (b + o<sub>s</sub>) mod blocks; each cell's ratings are shuffled from a stream of
 * (seed, epoch, cell) and visited sequentially. The cells of a stratum share no user and no item,
 * so they run in parallel with no locks and no races, and the model is bit-for-bit the same for
 * any {@code threads} (it depends on {@code blocks}, which fixes the order). With
 * {@code blocks = 1} this is plain SGD over one shuffled sequence per epoch. Parallelism is at
 * most {@code blocks} threads; a barrier separates strata.
 *
 * <p>Users and items without training ratings get zero factors (and zero biases). Cost per epoch:
 * O(nnz · f). Stateless and thread-safe.
 */
public final class SvdTrainer implements Trainer<SvdModel> {
  private final SvdConfig config;

  /** A trainer with the given configuration. */
  public SvdTrainer(SvdConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link SvdConfig#defaults()}. */
  public SvdTrainer() {
    this(SvdConfig.defaults());
  }

  @Override
  public SvdConfig config() {
    return config;
  }

  /**
   * Fits the model on every rating of {@code data.matrix()}.
   *
   * @throws IllegalArgumentException when {@code data} has no interactions
   */
  @Override
  public SvdModel train(Dataset data) {
    return train(data, TrainingListener.NONE);
  }

  /**
   * Trains, reporting each epoch's training RMSE (measured before each update, as SGD goes).
   * When {@link TrainingListener#observesModel()}, each epoch's model (sharing the working arrays)
   * goes to {@link TrainingListener#afterIteration}; when that returns false the model so far is
   * returned: it equals (config included, whose {@code epochs} is then the number run) the model
   * of a run configured with that many epochs, since the learning rate is constant and the
   * visiting order of an epoch depends on (seed, epoch) only.
   */
  @Override
  public SvdModel train(Dataset data, TrainingListener listener) {
    long start = System.nanoTime();
    CsrMatrix m = data.matrix();
    float mu = (float) Sgd.mean(data, SvdModel.ALGORITHM);
    float[] range = Sgd.range(data);
    int f = config.factors();
    long seed = config.seed();
    SplittableRandom init = Sgd.stream(seed, Sgd.INIT, 0, 0);
    float[] p = Sgd.gaussian(init, Math.multiplyExact(m.rows(), f), config.initStd());
    float[] q = Sgd.gaussian(init, Math.multiplyExact(m.cols(), f), config.initStd());
    // cold rows are never visited, so zeroing them first is the same as zeroing them last
    Sgd.zeroCold(m, f, p, q);
    float[] bu = new float[m.rows()];
    float[] bi = new float[m.cols()];
    int blocks = config.blocks();
    Sgd.Blocked b = new Sgd.Blocked(m, blocks, seed);
    int epochs = config.epochs();
    double[][] cellSe = new double[epochs][blocks * blocks];
    float lr = config.learningRate();
    float reg = config.regularization();
    boolean observes = listener.observesModel();
    for (int e = 1; e <= epochs; e++) {
      int epoch = e - 1; // streams and cellSe are numbered from 0
      long t0 = System.nanoTime();
      List<Sgd.Phase> phases = new ArrayList<>();
      for (int offset : b.stratumOrder(seed, epoch)) {
        phases.add(Sgd.phase(blocks, ub -> {
          int c = ub * blocks + (ub + offset) % blocks;
          b.shuffle(c, seed, epoch);
          cellSe[epoch][c] = step(b.cellPtr[c], b.cellPtr[c + 1], b.user, b.item, b.rating, mu,
              bu, bi, p, q, f, lr, reg);
        }));
      }
      Sgd.run(config.threads(), blocks, phases);
      double secs = Sgd.secondsSince(t0);
      double[] rmse = rmse(Arrays.copyOf(cellSe, e), m.nnz());
      listener.iteration(e, epochs, rmse[epoch], secs);
      if (observes && e < epochs) {
        SvdModel now = model(data, e, start, mu, range, bu, bi, p, q, rmse);
        if (!listener.afterIteration(e, now)) {
          return now;
        }
      }
    }
    SvdModel done = model(data, epochs, start, mu, range, bu, bi, p, q, rmse(cellSe, m.nnz()));
    if (observes) {
      listener.afterIteration(epochs, done);
    }
    return done;
  }

  /** The model after {@code epochs} epochs, over the given (possibly working) arrays. */
  private SvdModel model(Dataset data, int epochs, long start, float mu, float[] range,
      float[] bu, float[] bi, float[] p, float[] q, double[] rmse) {
    SvdConfig c = epochs == config.epochs() ? config : config.withSize(config.factors(), epochs);
    Provenance prov = Provenance.of(SvdModel.ALGORITHM, c, data.name(), data.fingerprint(),
        Sgd.secondsSince(start));
    return new SvdModel(c, prov, data.users(), data.items(), config.factors(), mu, range[0],
        range[1], bu, bi, p, q, rmse);
  }

  /** Per epoch, sqrt of the squared errors summed over cells in cell order, over nnz. */
  static double[] rmse(double[][] cellSe, int nnz) {
    double[] r = new double[cellSe.length];
    for (int e = 0; e < r.length; e++) {
      double s = 0;
      for (double x : cellSe[e]) {
        s += x;
      }
      r[e] = Math.sqrt(s / Math.max(1, nnz));
    }
    return r;
  }

  /**
   * One SGD pass over ratings {@code [from, to)} in stored order; returns the sum of squared
   * errors measured before each update.
   */
  static double step(int from, int to, int[] users, int[] items, float[] ratings, float mu,
      float[] bu, float[] bi, float[] p, float[] q, int f, float lr, float reg) {
    // x + γ(e·g − λx) computed as (1 − γλ)·x + (γe)·g: the same step, fewer operations
    float keep = 1f - lr * reg;
    VectorKernels kernels = VectorKernels.provider();
    double se = 0;
    for (int k = from; k < to; k++) {
      int u = users[k];
      int i = items[k];
      int uo = u * f;
      int io = i * f;
      float e = ratings[k] - (mu + bu[u] + bi[i] + kernels.dot(p, uo, q, io, f));
      se += (double) e * e;
      float a = lr * e;
      bu[u] = keep * bu[u] + a;
      bi[i] = keep * bi[i] + a;
      kernels.sgdUpdate(keep, a, p, uo, q, io, f);
    }
    return se;
  }
}
