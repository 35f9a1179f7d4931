package io.reco4j.experiment.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.hipparchus.special.Erf;

/**
 * The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 2011), for the flat spaces of {@link SearchSpace}.
 *
 * <p>The first {@code startupTrials} trials are drawn from the prior, as {@link RandomSearch}
 * does. After that, the completed trials are sorted by loss and split at the γ-quantile: the best
 * {@code ⌈γ·n⌉} (at most 25) are "good", the rest "bad". Each dimension gets two densities, l(x)
 * from the good trials and g(x) from the bad ones:
 * <ul>
 *   <li>numeric dimensions (in internal, i.e. possibly log, coordinates): a Gaussian mixture with
 *       one component per observation plus one prior component (centred on the range, σ = the
 *       range's width, weight 1), every component truncated to the range. Bandwidths adapt as in
 *       Hyperopt: a component's σ is the larger gap to its neighbours (the range bounds at the
 *       ends), clipped to [width / min(100, components), width]. Integer dimensions are scored by
 *       the mixture's mass on the integer's rounding interval;</li>
 *   <li>choices: smoothed counts, p(j) = (count<sub>j</sub> + 1) / (n + K).</li>
 * </ul>
 * {@code candidates} joint candidates are drawn from l (each dimension independently) and the
 * one that maximises Σ<sub>d</sub> log l<sub>d</sub>(x) − log g<sub>d</sub>(x) — to which expected
 * improvement is proportional under the TPE model — is proposed. Dimensions are modelled
 * independently, as in the paper's flat case.
 *
 * <p>All randomness of trial {@code t} comes from a stream derived from (seed, t); the proposal is
 * a function of (seed, t, history) only.
 *
 * @param space the space to search
 * @param seed the search seed
 * @param startupTrials trials drawn from the prior before the model is used, at least 1
 * @param gamma the quantile of "good" trials, in (0, 1)
 * @param candidates candidates drawn from l per proposal, at least 1
 */
public record TpeSearch(SearchSpace space, long seed, int startupTrials, double gamma,
    int candidates) implements Sampler {
  /** The most trials counted as good, however long the history (Optuna's cap). */
  static final int MAX_GOOD = 25;
  private static final double SQRT2 = Math.sqrt(2);
  private static final double LOG_SQRT_2PI = 0.5 * StrictMath.log(2 * Math.PI);

  public TpeSearch {
    Objects.requireNonNull(space, "space");
    if (startupTrials < 1) {
      throw new IllegalArgumentException("startupTrials must be >= 1, got " + startupTrials);
    }
    if (!(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1), got " + gamma);
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
    }
  }

  /** TPE with 10 startup trials, γ = 0.25 and 24 candidates (Hyperopt's defaults). */
  public TpeSearch(SearchSpace space, long seed) {
    this(space, seed, 10, 0.25, 24);
  }

  @Override
  public Map<String, JsonNode> suggest(int trial, List<Observation> history) {
    SplittableRandom rnd = Sampler.stream(seed, trial);
    int n = history.size();
    if (n < Math.max(startupTrials, 2)) {
      return space.params(Sampler.uniform(space, rnd));
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // stable: equal losses keep trial order; failed trials (NaN) last
    Arrays.sort(order, Comparator.comparingDouble(i -> finiteOrMax(history.get(i).loss())));
    int good = Math.min(Math.min(MAX_GOOD, (int) Math.ceil(gamma * n)), n - 1);
    good = Math.max(1, good);

    int dims = space.dimensions().size();
    Density[] l = new Density[dims];
    Density[] g = new Density[dims];
    for (int d = 0; d < dims; d++) {
      SearchSpace.Dimension dim = space.dimensions().get(d);
      double[] below = internal(dim, history, order, 0, good);
      double[] above = internal(dim, history, order, good, n);
      l[d] = density(dim, below);
      g[d] = density(dim, above);
    }
    double[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < candidates; c++) {
      double[] x = new double[dims];
      double score = 0;
      for (int d = 0; d < dims; d++) {
        x[d] = l[d].sample(rnd);
        score += l[d].logDensity(x[d]) - g[d].logDensity(x[d]);
      }
      if (best == null || score > bestScore) {
        best = x;
        bestScore = score;
      }
    }
    return space.params(best);
  }

  private static double finiteOrMax(double loss) {
    return Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
  }

  /** The internal coordinates of a dimension over {@code order[from..to)}, unknown values left out. */
  private static double[] internal(SearchSpace.Dimension dim, List<Observation> history,
      Integer[] order, int from, int to) {
    double[] out = new double[to - from];
    int m = 0;
    for (int i = from; i < to; i++) {
      double x = dim.toInternal(history.get(order[i]).params().get(dim.name()));
      if (!Double.isNaN(x)) {
        out[m++] = x;
      }
    }
    return Arrays.copyOf(out, m);
  }

  private static Density density(SearchSpace.Dimension dim, double[] obs) {
    if (dim instanceof SearchSpace.Choice c) {
      return new Categorical(c.values().size(), obs);
    }
    return new Parzen(obs, dim.low(), dim.high(), dim instanceof SearchSpace.IntRange r ? r : null);
  }

  /** A density over one dimension's internal coordinate. */
  private interface Density {
    double sample(SplittableRandom rnd);

    /** Log density (log probability for discrete dimensions) at an internal coordinate. */
    double logDensity(double x);
  }

  /** Smoothed category frequencies: (count + 1) / (n + K). */
  private static final class Categorical implements Density {
    private final double[] p;

    Categorical(int k, double[] obs) {
      p = new double[k];
      Arrays.fill(p, 1.0);
      for (double x : obs) {
        p[(int) x] += 1;
      }
      double total = obs.length + k;
      for (int j = 0; j < k; j++) {
        p[j] /= total;
      }
    }

    @Override
    public double sample(SplittableRandom rnd) {
      double u = rnd.nextDouble();
      double acc = 0;
      for (int j = 0; j < p.length; j++) {
        acc += p[j];
        if (u < acc) {
          return j;
        }
      }
      return p.length - 1;
    }

    @Override
    public double logDensity(double x) {
      return StrictMath.log(p[(int) Math.round(x)]);
    }
  }

  /**
   * A mixture of Gaussians truncated to [lo, hi]: one per observation and one prior component.
   * For an integer range, densities are masses of the rounding interval.
   */
  private static final class Parzen implements Density {
    private final double lo;
    private final double hi;
    private final double[] mu;
    private final double[] sigma;
    private final double[] weight; // normalised, divided by the component's mass inside [lo, hi]
    private final double[] cumulative; // for picking a component, from the plain weights
    private final SearchSpace.IntRange integers;

    Parzen(double[] obs, double lo, double hi, SearchSpace.IntRange integers) {
      this.lo = lo;
      this.hi = hi;
      this.integers = integers;
      int k = obs.length + 1;
      double width = hi - lo;
      double prior = 0.5 * (lo + hi);
      double[] sorted = Arrays.copyOf(obs, k);
      sorted[k - 1] = prior;
      Arrays.sort(sorted);
      mu = sorted;
      sigma = new double[k];
      double minSigma = width / Math.min(100.0, k);
      boolean priorSeen = false;
      for (int i = 0; i < k; i++) {
        if (!priorSeen && mu[i] == prior) { // the prior keeps the range's width
          priorSeen = true;
          sigma[i] = width;
          continue;
        }
        double left = mu[i] - (i == 0 ? lo : mu[i - 1]);
        double right = (i == k - 1 ? hi : mu[i + 1]) - mu[i];
        sigma[i] = Math.max(minSigma, Math.min(width, Math.max(left, right)));
      }
      weight = new double[k];
      cumulative = new double[k];
      double acc = 0;
      for (int i = 0; i < k; i++) {
        double z = cdf((hi - mu[i]) / sigma[i]) - cdf((lo - mu[i]) / sigma[i]);
        weight[i] = 1.0 / k / Math.max(z, 1e-300);
        acc += 1.0 / k;
        cumulative[i] = acc;
      }
    }

    @Override
    public double sample(SplittableRandom rnd) {
      double u = rnd.nextDouble();
      int c = 0;
      while (c < cumulative.length - 1 && u >= cumulative[c]) {
        c++;
      }
      for (int attempt = 0; attempt < 100; attempt++) {
        double x = mu[c] + sigma[c] * rnd.nextGaussian();
        if (x >= lo && x <= hi) {
          return x;
        }
      }
      return Math.max(lo, Math.min(hi, mu[c])); // a component almost entirely outside the range
    }

    @Override
    public double logDensity(double x) {
      if (integers != null) {
        long v = integers.fromInternal(x).asLong();
        double a = integers.log() ? StrictMath.log(v - 0.5) : v - 0.5;
        double b = integers.log() ? StrictMath.log(v + 0.5) : v + 0.5;
        double mass = 0;
        for (int i = 0; i < mu.length; i++) {
          mass += weight[i] * (cdf((b - mu[i]) / sigma[i]) - cdf((a - mu[i]) / sigma[i]));
        }
        return StrictMath.log(Math.max(mass, 1e-300));
      }
      double p = 0;
      for (int i = 0; i < mu.length; i++) {
        double t = (x - mu[i]) / sigma[i];
        p += weight[i] * StrictMath.exp(-0.5 * t * t - LOG_SQRT_2PI) / sigma[i];
      }
      return StrictMath.log(Math.max(p, 1e-300));
    }

    private static double cdf(double t) {
      return 0.5 * Erf.erfc(-t / SQRT2);
    }
  }
}
