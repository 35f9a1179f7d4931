package io.reco4j.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.algorithms.als.AlsConfig;
import io.reco4j.algorithms.als.AlsTrainer;
import io.reco4j.algorithms.als.IalsConfig;
import io.reco4j.algorithms.als.IalsConfig.Confidence;
import io.reco4j.algorithms.als.IalsConfig.RegScaling;
import io.reco4j.algorithms.als.IalsConfig.Solver;
import io.reco4j.algorithms.als.IalsModel;
import io.reco4j.algorithms.als.IalsTrainer;
import io.reco4j.algorithms.baseline.BiasConfig;
import io.reco4j.algorithms.baseline.BiasTrainer;
import io.reco4j.algorithms.bpr.BprConfig;
import io.reco4j.algorithms.bpr.BprTrainer;
import io.reco4j.algorithms.mf.SvdConfig;
import io.reco4j.algorithms.mf.SvdTrainer;
import io.reco4j.algorithms.mf.SvdppConfig;
import io.reco4j.algorithms.mf.SvdppTrainer;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import io.reco4j.model.Trainer;
import io.reco4j.model.TrainingListener;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Per-iteration losses and model snapshots of the iterative trainers, on MovieLens-100K: a run
 * stopped by {@link TrainingListener#afterIteration} returns the model of a run configured with
 * that many iterations, the last snapshot scores like the returned model, and the reported
 * objectives behave as the algorithms promise.
 */
class TrainingSnapshotsTest {
  private static Dataset ratings;

  private static synchronized Dataset ratings() {
    if (ratings == null) {
      try {
        ratings = MovieLens.load(SharedData.dir("ml-100k"), LoadOptions.defaults()).dataset();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ratings;
  }

  private static Dataset implicit() {
    return ratings().implicit(Float.NaN);
  }

  /** Every 23rd user: a sample spread over the index space. */
  private static int[] sampleUsers(Dataset d) {
    int[] u = new int[(d.userCount() + 22) / 23];
    for (int k = 0; k < u.length; k++) {
      u[k] = k * 23;
    }
    return u;
  }

  /** The scores of {@code users} × all items. */
  private static float[][] scores(Model m, int[] users) {
    assertThat(m).isInstanceOf(ItemScorer.class);
    ItemScorer s = (ItemScorer) m;
    float[][] out = new float[users.length][m.items().size()];
    for (int k = 0; k < users.length; k++) {
      s.scoreItems(users[k], out[k]);
    }
    return out;
  }

  /** Records losses and the scores of each snapshot; stops after iteration {@code stopAt}. */
  private static final class Recorder implements TrainingListener {
    final boolean wantsLoss;
    final int stopAt;
    final int[] users;
    final List<Double> losses = new ArrayList<>();
    final List<Integer> snapshots = new ArrayList<>();
    float[][] lastScores;

    Recorder(boolean wantsLoss, int stopAt, int[] users) {
      this.wantsLoss = wantsLoss;
      this.stopAt = stopAt;
      this.users = users;
    }

    @Override
    public void iteration(int iteration, int iterations, double loss, double seconds) {
      assertThat(iteration).isEqualTo(losses.size() + 1);
      losses.add(loss);
    }

    @Override
    public boolean wantsLoss() {
      return wantsLoss;
    }

    @Override
    public boolean observesModel() {
      return true;
    }

    @Override
    public boolean afterIteration(int iteration, Model model) {
      assertThat(iteration).isEqualTo(losses.size());
      snapshots.add(iteration);
      lastScores = scores(model, users);
      return iteration < stopAt;
    }
  }

  /**
   * Trains {@code total} iterations stopping after {@code k}, and checks the result against a
   * run of {@code k} iterations; then a full observed run against a plain one.
   */
  private static void stoppingAtKEqualsTrainingK(IntFunction<Trainer<?>> withIterations,
      Dataset d, int total, int k) {
    int[] users = sampleUsers(d);
    Recorder stop = new Recorder(false, k, users);
    Model stopped = withIterations.apply(total).train(d, stop);
    Model reference = withIterations.apply(k).train(d);
    assertThat(stop.snapshots).as("snapshots until the stop").hasSize(k).endsWith(k);
    assertThat(stop.losses).hasSize(k);
    float[][] got = scores(stopped, users);
    assertThat(got).as("stopped at %d of %d vs trained for %d", k, total, k)
        .isDeepEqualTo(scores(reference, users));
    assertThat(stop.lastScores).as("the last snapshot vs the returned model").isDeepEqualTo(got);
    assertThat(stopped.config()).as("the config records the iterations run")
        .isEqualTo(reference.config());

    Recorder all = new Recorder(false, Integer.MAX_VALUE, users);
    Model observed = withIterations.apply(total).train(d, all);
    assertThat(all.snapshots).hasSize(total).endsWith(total);
    float[][] full = scores(observed, users);
    assertThat(all.lastScores).as("the last snapshot vs the returned model").isDeepEqualTo(full);
    assertThat(full).as("observing does not change training")
        .isDeepEqualTo(scores(withIterations.apply(total).train(d), users));
    assertThat(java.util.Arrays.deepEquals(full, got)).as("%d and %d iterations differ", total, k)
        .isFalse();
  }

  private static List<Double> losses(Trainer<?> trainer, Dataset d) {
    Recorder r = new Recorder(true, Integer.MAX_VALUE, new int[0]);
    trainer.train(d, r);
    return r.losses;
  }

  /** Each loss at most the previous one, up to the float rounding of the stored factors. */
  private static void assertNonIncreasing(List<Double> losses) {
    assertThat(losses).allSatisfy(l -> assertThat(l).isFinite().isPositive());
    for (int k = 1; k < losses.size(); k++) {
      assertThat(losses.get(k)).as("loss after iteration %d of %s", k + 1, losses)
          .isLessThanOrEqualTo(losses.get(k - 1) * (1 + 1e-6));
    }
    assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
  }

  private static AlsConfig als(int iterations, boolean biases) {
    return new AlsConfig(8, 0.1f, iterations, biases, 0.1f, 7L, 2);
  }

  private static IalsConfig ials(int iterations, Solver solver, RegScaling scaling) {
    return new IalsConfig(8, iterations, 0.5f, 2f, Confidence.LOG, 1f, solver, 2, scaling, 0.5f,
        0.1f, 7L, 2);
  }

  private static BprConfig bpr(int iterations) {
    return BprConfig.defaults().withFactors(16).withIterations(iterations).withThreads(1);
  }

  @Test
  void alsStoppedAtAnIterationEqualsAlsTrainedForThatMany() {
    stoppingAtKEqualsTrainingK(n -> new AlsTrainer(als(n, true)), ratings(), 4, 2);
  }

  @Test
  void ialsStoppedAtAnIterationEqualsIalsTrainedForThatManyWithBothSolvers() {
    stoppingAtKEqualsTrainingK(
        n -> new IalsTrainer(ials(n, Solver.CG, RegScaling.CONSTANT)), implicit(), 4, 1);
    stoppingAtKEqualsTrainingK(
        n -> new IalsTrainer(ials(n, Solver.CHOLESKY, RegScaling.FREQUENCY)), implicit(), 3, 2);
  }

  @Test
  void bprStoppedAtAnIterationEqualsBprTrainedForThatMany() {
    stoppingAtKEqualsTrainingK(n -> new BprTrainer(bpr(n)), implicit(), 4, 2);
  }

  @Test
  void svdStoppedAtAnEpochEqualsSvdTrainedForThatMany() {
    stoppingAtKEqualsTrainingK(
        n -> new SvdTrainer(SvdConfig.defaults().withSize(8, n).withThreads(2)), ratings(), 4, 3);
  }

  @Test
  void svdppStoppedAtAnEpochEqualsSvdppTrainedForThatMany() {
    stoppingAtKEqualsTrainingK(
        n -> new SvdppTrainer(SvdppConfig.defaults().withSize(8, n)), ratings(), 3, 2);
  }

  @Test
  void biasStoppedAtAnIterationEqualsBiasTrainedForThatMany() {
    stoppingAtKEqualsTrainingK(n -> new BiasTrainer(new BiasConfig(n, 15f, 10f, 2)), ratings(),
        4, 1);
  }

  @Test
  void alsLossNeverIncreasesWithOrWithoutBiases() {
    assertNonIncreasing(losses(new AlsTrainer(als(5, true)), ratings()));
    assertNonIncreasing(losses(new AlsTrainer(als(5, false)), ratings()));
  }

  @Test
  void ialsCholeskyLossNeverIncreasesAndDoesNotDependOnThreads() {
    for (RegScaling scaling : RegScaling.values()) {
      IalsConfig c = ials(5, Solver.CHOLESKY, scaling);
      List<Double> losses = losses(new IalsTrainer(c), implicit());
      assertNonIncreasing(losses);
      assertThat(losses(new IalsTrainer(c.withThreads(1)), implicit())).as("%s", scaling)
          .isEqualTo(losses);
    }
  }

  @Test
  void biasLossNeverIncreases() {
    assertNonIncreasing(losses(new BiasTrainer(new BiasConfig(5, 15f, 10f, 2)), ratings()));
  }

  @Test
  void ialsLossByTheGramTrickEqualsTheDenseObjectiveOnFiftyUsers() {
    // the first 50 users' entries (every other user keeps no entry and gets a zero vector)
    Dataset all = ratings();
    CsrMatrix m = all.matrix();
    boolean[] keep = new boolean[m.nnz()];
    java.util.Arrays.fill(keep, 0, m.rowPtr()[50], true);
    Dataset d = all.withMatrix("ml-100k first 50 users", m.select(keep));
    for (Solver solver : Solver.values()) {
      IalsConfig c = ials(3, solver, RegScaling.FREQUENCY);
      Recorder r = new Recorder(true, Integer.MAX_VALUE, new int[0]);
      IalsModel model = new IalsTrainer(c).train(d, r);
      double reported = r.losses.get(r.losses.size() - 1);
      double dense = denseObjective(d, c, model.userFactors(), model.itemFactors());
      assertThat(reported).as("%s", solver).isCloseTo(dense, within(1e-6 * dense));
    }
  }

  /** Σ over every user × item of c (p − x·y)², plus Σ λ_u‖x_u‖² + Σ λ_i‖y_i‖², from scratch. */
  private static double denseObjective(Dataset d, IalsConfig c, float[] x, float[] y) {
    int nu = d.userCount();
    int ni = d.itemCount();
    int f = c.factors();
    double[][] conf = new double[nu][ni]; // c − 1, 0 for unobserved pairs
    boolean[][] observed = new boolean[nu][ni];
    CsrMatrix m = d.matrix();
    double[] weightU = new double[nu];
    double[] weightI = new double[ni];
    java.util.Arrays.fill(weightU, ni);
    java.util.Arrays.fill(weightI, nu);
    for (int u = 0; u < nu; u++) {
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        int i = m.colIdx()[p];
        double w = c.alpha() * Math.log1p(m.values()[p] / c.epsilon());
        conf[u][i] = w;
        observed[u][i] = true;
        weightU[u] += w;
        weightI[i] += w;
      }
    }
    double total = 0;
    for (int u = 0; u < nu; u++) {
      for (int i = 0; i < ni; i++) {
        double s = 0;
        for (int k = 0; k < f; k++) {
          s += (double) x[u * f + k] * y[i * f + k];
        }
        double e = (observed[u][i] ? 1 : 0) - s;
        total += (1 + conf[u][i]) * e * e;
      }
    }
    for (int u = 0; u < nu; u++) {
      total += c.regularization() * Math.pow(weightU[u], c.regExponent()) * norm(x, u, f);
    }
    for (int i = 0; i < ni; i++) {
      total += c.regularization() * Math.pow(weightI[i], c.regExponent()) * norm(y, i, f);
    }
    return total;
  }

  private static double norm(float[] a, int row, int f) {
    double s = 0;
    for (int k = row * f; k < (row + 1) * f; k++) {
      s += (double) a[k] * a[k];
    }
    return s;
  }

  @Test
  void bprSampledLossFallsFromTheFirstIterationToTheLast() {
    List<Double> losses = losses(new BprTrainer(bpr(8)), implicit());
    assertThat(losses).hasSize(8).allSatisfy(l -> assertThat(l).isFinite().isPositive());
    assertThat(losses.get(7)).as("%s", losses).isLessThan(losses.get(0));
    // the same seeded sample of triples every run: the same losses
    assertThat(losses(new BprTrainer(bpr(8)), implicit())).isEqualTo(losses);
  }

  @Test
  void withoutWantsLossAlsIalsAndBprReportNaN() {
    List<Trainer<?>> trainers = List.of(new AlsTrainer(als(2, true)),
        new IalsTrainer(ials(2, Solver.CG, RegScaling.CONSTANT)), new BprTrainer(bpr(2)),
        new BiasTrainer(new BiasConfig(2, 15f, 10f, 2)));
    for (Trainer<?> t : trainers) {
      Dataset d = t instanceof AlsTrainer || t instanceof BiasTrainer ? ratings() : implicit();
      Recorder r = new Recorder(false, Integer.MAX_VALUE, new int[0]);
      t.train(d, r);
      assertThat(r.losses).as("%s", t.config()).hasSize(2).allSatisfy(l -> assertThat(l).isNaN());
    }
  }
}
