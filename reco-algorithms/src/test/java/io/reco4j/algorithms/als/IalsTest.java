package io.reco4j.algorithms.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.algorithms.als.IalsConfig.Confidence;
import io.reco4j.algorithms.als.IalsConfig.RegScaling;
import io.reco4j.algorithms.als.IalsConfig.Solver;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.Configs;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.ModelContractTest;
import io.reco4j.testkit.TestData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IalsTest extends ModelContractTest<IalsModel> {

  private static IalsConfig small(int threads, long seed) {
    return new IalsConfig(8, 4, 0.5f, 2f, Confidence.LINEAR, 1f, Solver.CG, 3,
        RegScaling.CONSTANT, 1f, 0.1f, seed, threads);
  }

  @Override
  protected Trainer<IalsModel> trainer(int threads, long seed) {
    return new IalsTrainer(small(threads, seed));
  }

  @Override
  protected boolean seedChangesOutput() {
    return true;
  }

  @Override
  protected List<io.reco4j.model.AlgorithmConfig> configs() {
    return List.of(small(1, 1), new IalsConfig(16, 2, 0.01f, 0f, Confidence.LOG, 0.5f,
        Solver.CHOLESKY, 1, RegScaling.FREQUENCY, 0.5f, 0.2f, -3, 2));
  }

  @Test
  void oneTwoAndFourThreadsGiveBitIdenticalFactorsForBothSolvers() {
    Dataset d = TestData.ratings().implicit(Float.NaN);
    for (Solver s : Solver.values()) {
      IalsConfig c = small(1, 9).withSolver(s);
      IalsModel one = new IalsTrainer(c).train(d);
      for (int t : new int[] {2, 4}) {
        IalsModel many = new IalsTrainer(c.withThreads(t)).train(d);
        assertThat(many.userFactors()).as("%s, %d threads", s, t).isEqualTo(one.userFactors());
        assertThat(many.itemFactors()).as("%s, %d threads", s, t).isEqualTo(one.itemFactors());
      }
    }
  }

  @Test
  void foldingInATrainingUsersHistoryReproducesTheirScores() {
    Dataset d = TestData.ratings();
    for (Solver s : Solver.values()) {
      IalsModel m = new IalsTrainer(new IalsConfig(8, 8, 0.5f, 3f, Confidence.LOG, 1f, s, 3,
          RegScaling.FREQUENCY, 0.5f, 0.1f, 1, 1)).train(d);
      CsrMatrix r = d.matrix();
      int n = d.itemCount();
      float[] trained = new float[n];
      float[] folded = new float[n];
      // exact for Cholesky training; CG training's warm-started vectors are close to the exact step
      float tol = s == Solver.CHOLESKY ? 1e-4f : 2e-2f;
      for (int u = 0; u < d.userCount(); u += 5) {
        int[] items = Arrays.copyOfRange(r.colIdx(), r.rowStart(u), r.rowEnd(u));
        float[] values = Arrays.copyOfRange(r.values(), r.rowStart(u), r.rowEnd(u));
        m.scoreItems(u, trained);
        m.scoreItemsForHistory(items, values, folded);
        for (int i = 0; i < n; i++) {
          assertThat(folded[i]).as("%s user %d item %d", s, u, i)
              .isCloseTo(trained[i], within(tol));
        }
      }
    }
  }

  @Test
  void cgTrainingApproachesCholeskyTraining() {
    Dataset d = TestData.ratings().implicit(Float.NaN);
    IalsConfig c = small(1, 4).withShape(8, 15);
    IalsModel cg = new IalsTrainer(c).train(d);
    IalsModel exact = new IalsTrainer(c.withSolver(Solver.CHOLESKY)).train(d);
    assertThat(loss(cg, d, c)).isCloseTo(loss(exact, d, c), within(0.02 * loss(exact, d, c)));
  }

  @Test
  void eachIterationLowersTheTrainingLossWithCholesky() {
    Dataset d = TestData.ratings().implicit(Float.NaN);
    double prev = Double.MAX_VALUE;
    for (int it = 1; it <= 5; it++) {
      IalsConfig c = small(1, 4).withSolver(Solver.CHOLESKY).withShape(8, it);
      double l = loss(new IalsTrainer(c).train(d), d, c);
      assertThat(l).as("iterations %d", it).isLessThan(prev);
      prev = l;
    }
  }

  @Test
  void trainedScoresRankHeldInItemsAbovePopularityByChance() {
    Dataset d = TestData.ratings().implicit(Float.NaN);
    IalsModel m = new IalsTrainer(small(1, 4).withShape(16, 10)).train(d);
    CsrMatrix r = d.matrix();
    float[] s = new float[d.itemCount()];
    double meanObserved = 0;
    double meanAll = 0;
    int users = 0;
    for (int u = 0; u < d.userCount(); u++) {
      if (r.rowLength(u) == 0) {
        continue;
      }
      m.scoreItems(u, s);
      double o = 0;
      for (int p = r.rowStart(u); p < r.rowEnd(u); p++) {
        o += s[r.colIdx()[p]];
      }
      double a = 0;
      for (float x : s) {
        a += x;
      }
      meanObserved += o / r.rowLength(u);
      meanAll += a / s.length;
      users++;
    }
    assertThat(meanObserved / users).isGreaterThan(3 * (meanAll / users));
  }

  @Test
  void registryParsesLowerCaseEnumsAndConfigRejectsInvalidValues() {
    IalsConfig c = (IalsConfig) Algorithms.config("ials",
        Map.of("solver", "cholesky", "confidence", "log", "regScaling", "frequency"));
    assertThat(c.solver()).isEqualTo(Solver.CHOLESKY);
    assertThat(c.confidence()).isEqualTo(Confidence.LOG);
    assertThat(c.regScaling()).isEqualTo(RegScaling.FREQUENCY);
    assertThat(Configs.toJson(c)).contains("\"solver\":\"cholesky\"");
    assertThatThrownBy(() -> Algorithms.config("ials", Map.of("solver", "lu")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("solver");
    IalsConfig d = IalsConfig.defaults();
    assertThatThrownBy(() -> new IalsConfig(0, 1, 1, 1, Confidence.LINEAR, 1, Solver.CG, 3,
        RegScaling.CONSTANT, 1, 0.1f, 1, 0)).hasMessageContaining("factors");
    assertThatThrownBy(() -> new IalsConfig(4, 1, 1, -1, Confidence.LINEAR, 1, Solver.CG, 3,
        RegScaling.CONSTANT, 1, 0.1f, 1, 0)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> new IalsConfig(4, 1, 1, 1, Confidence.LINEAR, 1, Solver.CG, 0,
        RegScaling.CONSTANT, 1, 0.1f, 1, 0)).hasMessageContaining("cgSteps");
    assertThatThrownBy(() -> new IalsConfig(4, 1, 0, 1, Confidence.LINEAR, 1, Solver.CG, 3,
        RegScaling.CONSTANT, 1, 0.1f, 1, 0)).hasMessageContaining("regularization");
    assertThat(d.cgSteps()).isEqualTo(3);
  }

  @Test
  void confidenceIsLinearOrLogarithmic() {
    IalsConfig lin = small(1, 1);
    assertThat(lin.confidenceExcess(3f)).isEqualTo(6f);
    IalsConfig log = new IalsConfig(8, 1, 1, 2, Confidence.LOG, 0.5f, Solver.CG, 3,
        RegScaling.CONSTANT, 1, 0.1f, 1, 0);
    assertThat(log.confidenceExcess(3f)).isCloseTo((float) (2 * Math.log(7)), within(1e-5f));
  }

  @Test
  void similarItemsAreSortedByCosine() {
    IalsModel m = trainer(1, SEED).train(TestData.ratings());
    int[] out = new int[4];
    float[] s = new float[4];
    assertThat(m.similarItems(0, 4, out, s)).isEqualTo(4);
    assertThat(out).doesNotContain(0);
    assertThat(s[0]).isGreaterThanOrEqualTo(s[1]);
    assertThat(s[1]).isGreaterThanOrEqualTo(s[3]);
  }

  /** The full iALS objective (all pairs) of a model, in double. */
  static double loss(IalsModel m, Dataset d, IalsConfig c) {
    CsrMatrix r = d.matrix();
    int n = d.itemCount();
    int f = m.factors();
    float[] s = new float[n];
    double total = 0;
    for (int u = 0; u < d.userCount(); u++) {
      m.scoreItems(u, s);
      for (float x : s) {
        total += (double) x * x;
      }
      for (int p = r.rowStart(u); p < r.rowEnd(u); p++) {
        double x = s[r.colIdx()[p]];
        double conf = 1 + c.confidenceExcess(r.values()[p]);
        total += conf * (1 - x) * (1 - x) - x * x;
      }
    }
    double reg = 0;
    for (float v : m.userFactors()) {
      reg += (double) v * v;
    }
    for (float v : m.itemFactors()) {
      reg += (double) v * v;
    }
    return total + c.regularization() * reg;
  }
}
