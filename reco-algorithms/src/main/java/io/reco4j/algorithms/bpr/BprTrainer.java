package io.reco4j.algorithms.bpr;

import io.reco4j.algorithms.bpr.BprConfig.PositiveSampling;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Provenance;
import io.reco4j.model.TrainingListener;
import io.reco4j.model.Trainer;
import io.reco4j.util.Parallel;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains {@code bpr}: matrix factorisation by Bayesian Personalized Ranking (Rendle,
 * Freudenthaler, Gantner, Schmidt-Thieme, "BPR: Bayesian Personalized Ranking from Implicit
 * Feedback", UAI 2009, LearnBPR with the MF model of §4.3). Every training entry is a positive;
 * the score is x̂<sub>ui</sub> = b<sub>i</sub> + p<sub>u</sub>·q<sub>i</sub> (b<sub>i</sub> only
 * with {@link BprConfig#itemBias()}, as in implicit's BPR), and stochastic gradient ascent on
 * sampled triples (u, i, j) — i a positive of u, j an item u has not interacted with — maximises
 *
 * <pre>
 *   Σ ln σ(x̂<sub>ui</sub> − x̂<sub>uj</sub>) − λ (‖p<sub>u</sub>‖² + ‖q<sub>i</sub>‖² + ‖q<sub>j</sub>‖² + b<sub>i</sub>² + b<sub>j</sub>²)
 * </pre>
 *
 * <p>(each regulariser applied at the sample that touches the parameter). One sample, with
 * x = x̂<sub>ui</sub> − x̂<sub>uj</sub> and z = σ(−x) = 1 / (1 + e<sup>x</sup>), updates with the
 * old values on the right-hand side:
 *
 * <pre>
 *   p<sub>u</sub> += η (z (q<sub>i</sub> − q<sub>j</sub>) − λ p<sub>u</sub>)
 *   q<sub>i</sub> += η (z p<sub>u</sub> − λ q<sub>i</sub>)        b<sub>i</sub> += η (z − λ b<sub>i</sub>)
 *   q<sub>j</sub> += η (−z p<sub>u</sub> − λ q<sub>j</sub>)       b<sub>j</sub> += η (−z − λ b<sub>j</sub>)
 * </pre>
 *
 * <p><b>Sampling.</b> One iteration is {@code nnz} samples. The positive (u, i) is a uniformly
 * drawn training entry ({@link PositiveSampling#ENTRY}) or a uniform user then a uniform item of
 * theirs ({@link PositiveSampling#USER}); the negative j is drawn uniformly over items or ∝
 * count<sup>β</sup> ({@link BprConfig#negativeExponent()}, alias method), redrawn while it lies in
 * u's row (binary search in the sorted CSR row); a sample whose 64 draws all hit the row is
 * skipped. Factors start uniform in ±0.5/f (0 for users without entries, who are never sampled, so
 * a cold user is scored by item bias alone); biases start at 0.
 *
 * <p><b>Threads and reproducibility.</b> Each iteration is cut into {@value #BLOCKS} blocks of
 * consecutive samples, a number fixed independently of the thread count; block b of iteration t
 * draws from a {@link SplittableRandom} seeded by (seed, t, b). Threads take blocks and update the
 * shared factor arrays without locks (Hogwild: Recht, Ré, Wright, Niu, NIPS 2011). With one thread
 * blocks run in order and the model is a bit-reproducible function of data and seed. With several
 * threads the samples are the same (sampling reads only the data, never the factors) but updates
 * of the same user or item interleave: a step may read a row while another thread writes it, so
 * float results depend on scheduling and the model differs from run to run, reaching the same
 * accuracy (tested). Java float writes are atomic, so a row mixes old and new values but never
 * holds a torn float; joining the workers after each iteration publishes every write. Cost:
 * O(iterations × nnz × f) time, O((users + items) × f) memory beyond the data (plus one int per
 * entry under {@code ENTRY} sampling).
 *
 * <p>The last iteration's mean sample loss −ln σ(x) and the fraction of samples with x &gt; 0
 * (a running estimate of training AUC, measured before each update) are recorded in the
 * provenance as {@code trainLoss} and {@code trainAuc}. Stateless and thread-safe.
 */
public final class BprTrainer implements Trainer<BprModel> {
  /** Sample blocks per iteration: fixed, so the sample streams do not depend on threads. */
  static final int BLOCKS = 128;

  private final BprConfig config;

  /** A trainer with the given configuration. */
  public BprTrainer(BprConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A trainer with {@link BprConfig#defaults()}. */
  public BprTrainer() {
    this(BprConfig.defaults());
  }

  @Override
  public BprConfig config() {
    return config;
  }

  /**
   * Fits the factors on every entry of {@code data.matrix()} (values are ignored: every entry is a
   * positive).
   *
   * @throws IllegalArgumentException when {@code data} has no interactions
   */
  @Override
  public BprModel train(Dataset data) {
    return train(data, TrainingListener.NONE);
  }

  /**
   * Trains, reporting each iteration; when {@link TrainingListener#wantsLoss()}, the loss of
   * {@link #sampledObjective} on {@value #LOSS_SAMPLES} triples drawn once (seeded, the same every
   * iteration), not counted in the seconds. When {@link TrainingListener#observesModel()}, each
   * iteration's model (sharing the working arrays) goes to {@link TrainingListener#afterIteration};
   * when that returns false the model so far is returned. Nothing in training depends on the
   * total, so with one thread that model equals (config and provenance metrics included, whose
   * {@code iterations} is then the number run) the model of a run configured with that many
   * iterations; with several, Hogwild makes every run differ anyway.
   */
  @Override
  public BprModel train(Dataset data, TrainingListener listener) {
    long start = System.nanoTime();
    CsrMatrix m = data.matrix();
    int nnz = m.nnz();
    if (nnz == 0) {
      throw new IllegalArgumentException(BprModel.ALGORITHM + ": training data '" + data.name()
          + "' has no interactions");
    }
    int f = config.factors();
    int users = data.userCount();
    int items = data.itemCount();
    int[] ptr = m.rowPtr();
    float[] p = new float[Math.multiplyExact(users, f)];
    float[] q = new float[Math.multiplyExact(items, f)];
    float[] b = new float[items];
    SplittableRandom init = new SplittableRandom(mix(config.seed(), -1, 0));
    float scale = 1f / f;
    for (int u = 0; u < users; u++) {
      if (ptr[u + 1] > ptr[u]) {
        for (int k = u * f, end = k + f; k < end; k++) {
          p[k] = (float) (init.nextDouble() - 0.5) * scale;
        }
      }
    }
    for (int k = 0; k < q.length; k++) {
      q[k] = (float) (init.nextDouble() - 0.5) * scale;
    }
    int[] counts = m.colCounts();
    Sampler sampler = new Sampler(m, config, counts);
    boolean observes = listener.observesModel();
    int[] triples = listener.wantsLoss()
        ? sampler.triples(LOSS_SAMPLES, new SplittableRandom(mix(config.seed(), -2, 0))) : null;
    double[][] stats = new double[BLOCKS][3];
    int iterations = config.iterations();
    for (int it = 1; it <= iterations; it++) {
      int iteration = it - 1; // the sample streams are numbered from 0
      // the last iteration's sample statistics go into the provenance (of every snapshot too)
      boolean track = it == iterations || observes;
      long t0 = System.nanoTime();
      Parallel.forEachBlock(config.threads(), BLOCKS,
          blk -> sampler.run(iteration, blk, track, p, q, b, stats[blk]));
      double secs = (System.nanoTime() - t0) / 1e9;
      double loss = triples != null ? sampledObjective(triples, p, q, config.itemBias() ? b : null,
          f, config.regularization(), config.threads()) : Double.NaN;
      listener.iteration(it, iterations, loss, secs);
      if (observes && it < iterations) {
        BprModel now = model(data, it, start, p, q, b, counts, stats);
        if (!listener.afterIteration(it, now)) {
          return now;
        }
      }
    }
    BprModel done = model(data, iterations, start, p, q, b, counts, stats);
    if (observes) {
      listener.afterIteration(iterations, done);
    }
    return done;
  }

  /**
   * The model after {@code iterations} iterations over the given (possibly working) arrays, with
   * the sample statistics of the last of them (tracked) in its provenance.
   */
  private BprModel model(Dataset data, int iterations, long start, float[] p, float[] q,
      float[] b, int[] counts, double[][] stats) {
    BprConfig c = iterations == config.iterations() ? config : config.withIterations(iterations);
    double loss = 0;
    double correct = 0;
    double done = 0;
    for (double[] s : stats) { // reduced in block order
      loss += s[0];
      correct += s[1];
      done += s[2];
    }
    Provenance prov = Provenance.of(BprModel.ALGORITHM, c, data.name(), data.fingerprint(),
        (System.nanoTime() - start) / 1e9);
    if (done > 0) {
      prov = prov.withMetrics(Map.of("trainLoss", loss / done, "trainAuc", correct / done));
    }
    return new BprModel(c, prov, data.users(), data.items(), p, q, b, counts);
  }

  /** Triples (u, i, j) in the fixed sample of the loss a listener may ask for. */
  static final int LOSS_SAMPLES = 100_000;

  /** Triples per block of {@link #sampledObjective}; fixed, so sums do not depend on threads. */
  private static final int LOSS_GRAIN = 4096;

  /**
   * The mean over the triples (u, i, j) of {@code triples} (packed as u, i, j, u, i, j, …) of the
   * per-sample objective that each SGD step descends, −ln σ(x̂<sub>ui</sub> − x̂<sub>uj</sub>) +
   * λ/2 (‖p<sub>u</sub>‖² + ‖q<sub>i</sub>‖² + ‖q<sub>j</sub>‖² + b<sub>i</sub>² + b<sub>j</sub>²)
   * (the update of the class documentation is a gradient step on it); {@code bias} null for a
   * model without item biases. In double precision, parallel over fixed blocks of triples reduced
   * in block order, so the value does not depend on the thread count.
   */
  static double sampledObjective(int[] triples, float[] p, float[] q, float[] bias, int f,
      float regularization, int threads) {
    int n = triples.length / 3;
    if (n == 0) {
      return Double.NaN;
    }
    int blocks = (n + LOSS_GRAIN - 1) / LOSS_GRAIN;
    double[] part = new double[blocks];
    double halfLambda = regularization / 2.0;
    Parallel.forEachBlock(threads, blocks, blk -> {
      double s = 0;
      for (int t = blk * LOSS_GRAIN, end = Math.min(n, t + LOSS_GRAIN); t < end; t++) {
        int u = triples[3 * t];
        int i = triples[3 * t + 1];
        int j = triples[3 * t + 2];
        double x = 0;
        double norms = 0;
        for (int k = 0, uo = u * f, io = i * f, jo = j * f; k < f; k++) {
          double pu = p[uo + k];
          double qi = q[io + k];
          double qj = q[jo + k];
          x += pu * (qi - qj);
          norms += pu * pu + qi * qi + qj * qj;
        }
        if (bias != null) {
          x += (double) bias[i] - bias[j];
          norms += (double) bias[i] * bias[i] + (double) bias[j] * bias[j];
        }
        // −ln σ(x) = ln(1 + e^−x), stable for both signs
        double nll = x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
        s += nll + halfLambda * norms;
      }
      part[blk] = s;
    });
    double total = 0;
    for (double s : part) {
      total += s;
    }
    return total / n;
  }

  /**
   * One BPR step on the triple (u, i, j) — the update in the class documentation, computed as
   * p ← (1 − ηλ) p + ηz (q<sub>i</sub> − q<sub>j</sub>) and likewise for the items — and returns
   * x = x̂<sub>ui</sub> − x̂<sub>uj</sub> before the update. Public for benchmarks and tests.
   *
   * <p>The three rows are copied into {@code scratch}, updated there by loops whose every access
   * has the same index (which the JIT can vectorise; loops over one array at two unrelated
   * offsets it cannot) and copied back.
   *
   * @param p user factors (row-major), {@code uOff} the offset of u's row
   * @param q item factors (row-major), {@code iOff}/{@code jOff} the offsets of i's and j's rows
   * @param bias item biases, or null for a model without them
   * @param scratch per-thread buffers of at least {@code f} floats
   */
  public static float step(float[] p, int uOff, float[] q, int iOff, int jOff, float[] bias, int i,
      int j, int f, float learningRate, float regularization, Scratch scratch) {
    float[] pu = scratch.pu;
    float[] qi = scratch.qi;
    float[] qj = scratch.qj;
    float[] d = scratch.diff;
    System.arraycopy(p, uOff, pu, 0, f);
    System.arraycopy(q, iOff, qi, 0, f);
    System.arraycopy(q, jOff, qj, 0, f);
    for (int k = 0; k < f; k++) {
      d[k] = qi[k] - qj[k];
    }
    float x = io.reco4j.linalg.Vectors.dot(pu, 0, d, 0, f);
    if (bias != null) {
      x += bias[i] - bias[j];
    }
    float z = (float) (1.0 / (1.0 + Math.exp(x)));
    float keep = 1 - learningRate * regularization;
    float lz = learningRate * z;
    for (int k = 0; k < f; k++) {
      float u = pu[k];
      pu[k] = keep * u + lz * d[k];
      qi[k] = keep * qi[k] + lz * u;
      qj[k] = keep * qj[k] - lz * u;
    }
    System.arraycopy(pu, 0, p, uOff, f);
    System.arraycopy(qi, 0, q, iOff, f);
    System.arraycopy(qj, 0, q, jOff, f);
    if (bias != null) {
      bias[i] = keep * bias[i] + lz;
      bias[j] = keep * bias[j] - lz;
    }
    return x;
  }

  /** Per-thread buffers of {@link #step}: one user row, two item rows, their difference. */
  public static final class Scratch {
    final float[] pu;
    final float[] qi;
    final float[] qj;
    final float[] diff;

    /** Buffers for {@code factors} factors. */
    public Scratch(int factors) {
      pu = new float[factors];
      qi = new float[factors];
      qj = new float[factors];
      diff = new float[factors];
    }
  }

  /** A seed for the stream of (seed, iteration, block): splitmix64 finalisers chained. */
  static long mix(long seed, long iteration, long block) {
    long h = splitmix(seed ^ 0x9E3779B97F4A7C15L);
    h = splitmix(h ^ iteration);
    return splitmix(h ^ (block * 0xD1B54A32D192ED03L));
  }

  private static long splitmix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The sample streams of one training run; shared read-only by the worker threads. */
  private static final class Sampler {
    final int[] ptr;
    final int[] col;
    final int nnz;
    final int f;
    final float lr;
    final float reg;
    final boolean itemBias;
    final boolean byUser;
    final long seed;
    final int[] entryUser; // ENTRY: the row of every entry
    final int[] activeUsers; // USER: rows with at least one entry
    final NegativeSampler negatives;

    Sampler(CsrMatrix m, BprConfig c, int[] counts) {
      ptr = m.rowPtr();
      col = m.colIdx();
      nnz = m.nnz();
      f = c.factors();
      lr = c.learningRate();
      reg = c.regularization();
      itemBias = c.itemBias();
      seed = c.seed();
      byUser = c.positiveSampling() == PositiveSampling.USER;
      int rows = m.rows();
      if (byUser) {
        int n = 0;
        for (int u = 0; u < rows; u++) {
          n += ptr[u + 1] > ptr[u] ? 1 : 0;
        }
        activeUsers = new int[n];
        n = 0;
        for (int u = 0; u < rows; u++) {
          if (ptr[u + 1] > ptr[u]) {
            activeUsers[n++] = u;
          }
        }
        entryUser = null;
      } else {
        entryUser = new int[nnz];
        for (int u = 0; u < rows; u++) {
          for (int e = ptr[u]; e < ptr[u + 1]; e++) {
            entryUser[e] = u;
          }
        }
        activeUsers = null;
      }
      negatives = new NegativeSampler(counts, c.negativeExponent());
    }

    /**
     * {@code n} triples (u, i, j) drawn as training draws them (the same positive and negative
     * distributions), packed as u, i, j, …; a draw whose negatives all hit the row is left out.
     */
    int[] triples(int n, SplittableRandom rnd) {
      int[] out = new int[3 * n];
      int k = 0;
      for (int s = 0; s < n; s++) {
        int u;
        int i;
        if (byUser) {
          u = activeUsers[bounded(rnd.nextLong(), activeUsers.length)];
          i = col[ptr[u] + bounded(rnd.nextLong(), ptr[u + 1] - ptr[u])];
        } else {
          int e = bounded(rnd.nextLong(), nnz);
          u = entryUser[e];
          i = col[e];
        }
        int j = negatives.drawExcluding(rnd, col, ptr[u], ptr[u + 1]);
        if (j >= 0) {
          out[k++] = u;
          out[k++] = i;
          out[k++] = j;
        }
      }
      return k == out.length ? out : java.util.Arrays.copyOf(out, k);
    }

    /**
     * Runs block {@code blk} of iteration {@code it}; with {@code track}, writes the summed loss,
     * the samples with x &gt; 0 and the samples done to {@code out}.
     */
    void run(int it, int blk, boolean track, float[] p, float[] q, float[] b, double[] out) {
      int per = nnz / BLOCKS;
      int extra = nnz % BLOCKS;
      int samples = per + (blk < extra ? 1 : 0);
      SplittableRandom rnd = new SplittableRandom(mix(seed, it, blk));
      float[] bias = itemBias ? b : null;
      Scratch scratch = new Scratch(f);
      double loss = 0;
      int wins = 0;
      int done = 0;
      for (int s = 0; s < samples; s++) {
        // the positive draw is spelled out here rather than shared with triples(): a shared
        // method returning u << 32 | i measured 25% slower on the 20M file (BprBench speed,
        // 2 threads: 2.1 vs 2.8 M samples/s), the JIT not keeping u and i in registers
        int u;
        int i;
        if (byUser) {
          u = activeUsers[bounded(rnd.nextLong(), activeUsers.length)];
          i = col[ptr[u] + bounded(rnd.nextLong(), ptr[u + 1] - ptr[u])];
        } else {
          int e = bounded(rnd.nextLong(), nnz);
          u = entryUser[e];
          i = col[e];
        }
        int j = negatives.drawExcluding(rnd, col, ptr[u], ptr[u + 1]);
        if (j < 0) {
          continue;
        }
        float x = step(p, u * f, q, i * f, j * f, bias, i, j, f, lr, reg, scratch);
        if (track) {
          // −ln σ(x) = ln(1 + e^−x), stable for both signs
          loss += x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
          wins += x > 0 ? 1 : 0;
          done++;
        }
      }
      if (!track) {
        return;
      }
      out[0] = loss;
      out[1] = wins;
      out[2] = done;
    }
  }

  /** An int in [0, n) from the high 32 bits of a random word (bias below n / 2^32). */
  static int bounded(long bits, int n) {
    return (int) (((bits >>> 32) * n) >>> 32);
  }
}
