package io.reco4j.algorithms.baseline;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Provenance;
import io.reco4j.model.Trainer;
import io.reco4j.model.TrainingListener;
import io.reco4j.util.Parallel;
import java.util.Objects;

/**
 * Trains the {@code bias} baseline predictor b<sub>ui</sub> = μ + b<sub>u</sub> + b<sub>i</sub>
 * of Koren ("Factor in the neighbors: scalable and accurate collaborative filtering", ACM TKDD
 * 4(1), 2010, §2.1; also "Factorization meets the neighborhood", KDD 2008, §2.1): μ is the mean
 * training rating and the biases minimise
 *
 * <pre>
 *   Σ<sub>(u,i)</sub> (r<sub>ui</sub> − μ − b<sub>u</sub> − b<sub>i</sub>)² + λ<sub>u</sub> Σ<sub>u</sub> b<sub>u</sub>² + λ<sub>i</sub> Σ<sub>i</sub> b<sub>i</sub>²
 * </pre>
 *
 * <p>by alternating least squares, as Surprise's {@code BaselineOnly(method='als')} does. Each
 * iteration first sets every item bias given the user biases, then every user bias given the
 * item biases (user biases start at 0):
 *
 * <pre>
 *   b<sub>i</sub> = Σ<sub>u∈R(i)</sub> (r<sub>ui</sub> − μ − b<sub>u</sub>) / (λ<sub>i</sub> + |R(i)|)
 *   b<sub>u</sub> = Σ<sub>i∈R(u)</sub> (r<sub>ui</sub> − μ − b<sub>i</sub>) / (λ<sub>u</sub> + |R(u)|)
 * </pre>
 *
 * <p>Users and items without training data keep bias 0. Each half-step is exact and parallel
 * over items (resp. users): every bias is written to its own slot from a fixed-order sum, so the
 * model is bit-for-bit the same for any thread count. Cost: O(iterations × nnz); the transpose of
 * the training matrix is built (and cached on the matrix) once. Stateless and thread-safe.
 */
public final class BiasTrainer implements Trainer<BiasModel> {
  // users or items per block: small enough that the test data spans several blocks
  private static final int GRAIN = 64;

  private final BiasConfig config;

  /** A trainer with the given configuration. */
  public BiasTrainer(BiasConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link BiasConfig#defaults()}. */
  public BiasTrainer() {
    this(BiasConfig.defaults());
  }

  @Override
  public BiasConfig config() {
    return config;
  }

  /**
   * Fits μ and the biases on every entry of {@code data.matrix()}.
   *
   * @throws IllegalArgumentException when {@code data} has no interactions
   */
  @Override
  public BiasModel train(Dataset data) {
    return train(data, TrainingListener.NONE);
  }

  /**
   * Trains, reporting each iteration; when {@link TrainingListener#wantsLoss()}, the objective of
   * the class documentation after the iteration ({@link #objective}; it does not increase, each
   * half-step being exact). When {@link TrainingListener#observesModel()}, each iteration's model
   * goes to {@link TrainingListener#afterIteration}; when that returns false the model so far is
   * returned: it equals (config included, whose {@code iterations} is then the number run) the
   * model of a run configured with that many iterations.
   */
  @Override
  public BiasModel train(Dataset data, TrainingListener listener) {
    long start = System.nanoTime();
    double mu = Baselines.meanValue(data, BiasModel.ALGORITHM);
    CsrMatrix byUser = data.matrix();
    CsrMatrix byItem = byUser.transpose();
    double[] bu = new double[data.userCount()];
    double[] bi = new double[data.itemCount()];
    double lambdaU = config.userRegularization();
    double lambdaI = config.itemRegularization();
    int threads = config.threads();
    boolean wantsLoss = listener.wantsLoss();
    boolean observes = listener.observesModel();
    int iterations = config.iterations();
    for (int it = 1; it <= iterations; it++) {
      long t0 = System.nanoTime();
      Parallel.forRange(threads, bi.length, GRAIN,
          (from, to) -> solve(byItem, mu, bu, lambdaI, bi, from, to));
      Parallel.forRange(threads, bu.length, GRAIN,
          (from, to) -> solve(byUser, mu, bi, lambdaU, bu, from, to));
      double secs = Baselines.secondsSince(t0);
      double loss = wantsLoss ? objective(byUser, mu, bu, bi, lambdaU, lambdaI, threads)
          : Double.NaN;
      listener.iteration(it, iterations, loss, secs);
      if (observes && it < iterations) {
        BiasModel now = model(data, it, start, mu, bu, bi);
        if (!listener.afterIteration(it, now)) {
          return now;
        }
      }
    }
    BiasModel done = model(data, iterations, start, mu, bu, bi);
    if (observes) {
      listener.afterIteration(iterations, done);
    }
    return done;
  }

  /** The model after {@code iterations} iterations (the biases copied to floats). */
  private BiasModel model(Dataset data, int iterations, long start, double mu, double[] bu,
      double[] bi) {
    float minRating = Float.POSITIVE_INFINITY;
    float maxRating = Float.NEGATIVE_INFINITY;
    for (float v : data.matrix().values()) {
      minRating = Math.min(minRating, v);
      maxRating = Math.max(maxRating, v);
    }
    BiasConfig c = iterations == config.iterations() ? config
        : new BiasConfig(iterations, config.userRegularization(), config.itemRegularization(),
            config.threads());
    Provenance p = Provenance.of(BiasModel.ALGORITHM, c, data.name(), data.fingerprint(),
        Baselines.secondsSince(start));
    return new BiasModel(c, p, data.users(), data.items(), (float) mu, toFloats(bu),
        toFloats(bi), minRating, maxRating);
  }

  /**
   * Σ (r − μ − b<sub>u</sub> − b<sub>i</sub>)² + λ<sub>u</sub> Σ b<sub>u</sub>² + λ<sub>i</sub> Σ
   * b<sub>i</sub>², parallel over fixed blocks of users reduced in block order (the same value
   * for any thread count).
   */
  static double objective(CsrMatrix byUser, double mu, double[] bu, double[] bi, double lambdaU,
      double lambdaI, int threads) {
    int[] ptr = byUser.rowPtr();
    int[] col = byUser.colIdx();
    float[] val = byUser.values();
    int users = bu.length;
    double[] part = new double[(users + GRAIN - 1) / GRAIN];
    Parallel.forRange(threads, users, GRAIN, (from, to) -> {
      double s = 0;
      for (int u = from; u < to; u++) {
        s += lambdaU * bu[u] * bu[u];
        for (int p = ptr[u]; p < ptr[u + 1]; p++) {
          double e = val[p] - mu - bu[u] - bi[col[p]];
          s += e * e;
        }
      }
      part[from / GRAIN] = s;
    });
    double total = 0;
    for (double s : part) {
      total += s;
    }
    for (double b : bi) {
      total += lambdaI * b * b;
    }
    return total;
  }

  /**
   * Sets {@code bias[r]} for rows {@code r} in {@code [from, to)} of {@code m} (users or items)
   * given the fixed biases {@code other} of the columns; rows without entries get 0.
   */
  private static void solve(CsrMatrix m, double mu, double[] other, double lambda, double[] bias,
      int from, int to) {
    int[] ptr = m.rowPtr();
    int[] col = m.colIdx();
    float[] val = m.values();
    for (int r = from; r < to; r++) {
      int start = ptr[r];
      int end = ptr[r + 1];
      if (start == end) {
        bias[r] = 0;
        continue;
      }
      double dev = 0;
      for (int p = start; p < end; p++) {
        dev += val[p] - mu - other[col[p]];
      }
      bias[r] = dev / (lambda + (end - start));
    }
  }

  private static float[] toFloats(double[] a) {
    float[] f = new float[a.length];
    for (int k = 0; k < a.length; k++) {
      f[k] = (float) a[k];
    }
    return f;
  }
}
