package io.reco4j.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reco4j.eval.PerUserValues;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {
  private static final BootstrapOptions BOOT = BootstrapOptions.defaults();

  // Student's (1908) sleep data, as in R's datasets::sleep: extra hours of sleep, drug 1 vs drug 2
  private static final double[] DRUG1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
  private static final double[] DRUG2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

  // Hollander & Wolfe (1973, p. 29) depression scores, the example of R's wilcox.test
  private static final double[] FIRST = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
  private static final double[] SECOND = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

  private static int[] users(int n) {
    int[] u = new int[n];
    for (int j = 0; j < n; j++) {
      u[j] = 3 * j + 1;
    }
    return u;
  }

  private static PairedComparison compare(double[] a, double[] b) {
    return PairedComparison.of("m", "a", users(a.length), a, "b", users(b.length), b, BOOT);
  }

  @Test
  void sleepDataGiveStudentsPairedTAndTheExactSignedRankPValue() {
    PairedComparison c = compare(DRUG1, DRUG2);
    // d = -1.2 -2.4 -1.3 -1.3 0 -1 -1.8 -0.8 -4.6 -1.4: mean -1.58, sd 1.2300, t = -4.0621 (df 9),
    // two-sided p = 0.002833 (R: t.test(extra ~ group, data = sleep, paired = TRUE))
    assertThat(c.meanDifference()).isCloseTo(-1.58, within(1e-12));
    assertThat(c.tTestP()).isCloseTo(0.002833, within(5e-7));
    // one zero difference is dropped; the other 9 are all negative, so W+ = 0 and the exact
    // two-sided p is 2 / 2^9
    assertThat(c.zeroDifferences()).isEqualTo(1);
    assertThat(c.wilcoxonP()).isCloseTo(2.0 / 512, within(1e-12));
    assertThat(c.users()).isEqualTo(10);
    assertThat(c.meanA()).isCloseTo(0.75, within(1e-12));
    assertThat(c.meanB()).isCloseTo(2.33, within(1e-12));
    assertThat(c.difference().upper()).isNegative();
  }

  @Test
  void depressionDataGiveTheExactSignedRankPValueCountedByHand() {
    PairedComparison c = compare(FIRST, SECOND);
    // 9 non-zero differences, V = W+ = 40; P(V >= 40) = #{subsets of 1..9 with sum <= 5} / 2^9
    // = 10 / 512, two-sided 20 / 512 (R: wilcox.test(x, y, paired = TRUE) gives p = 0.03906)
    assertThat(c.wilcoxonP()).isCloseTo(20.0 / 512, within(1e-12));
    // d: mean 0.4318889, sd 0.4268...; t = 3.0354 on 8 df, two-sided p = 0.01618
    double mean = 0;
    for (int j = 0; j < 9; j++) {
      mean += (FIRST[j] - SECOND[j]) / 9;
    }
    double ss = 0;
    for (int j = 0; j < 9; j++) {
      double e = FIRST[j] - SECOND[j] - mean;
      ss += e * e;
    }
    double t = mean / Math.sqrt(ss / 8 / 9);
    assertThat(t).isCloseTo(3.0354, within(1e-4));
    assertThat(c.tTestP()).isCloseTo(0.01618, within(5e-5));
    assertThat(c.meanDifference()).isCloseTo(mean, within(1e-12));
  }

  @Test
  void swappingTheModelsNegatesTheDifferenceAndKeepsThePValues() {
    PairedComparison ab = compare(FIRST, SECOND);
    PairedComparison ba = compare(SECOND, FIRST);
    assertThat(ba.meanDifference()).isCloseTo(-ab.meanDifference(), within(1e-15));
    assertThat(ba.tTestP()).isCloseTo(ab.tTestP(), within(1e-15));
    assertThat(ba.wilcoxonP()).isCloseTo(ab.wilcoxonP(), within(1e-15));
  }

  @Test
  void identicalModelsHavePValueOneAndAZeroInterval() {
    PairedComparison c = compare(DRUG1, DRUG1.clone());
    assertThat(c.tTestP()).isEqualTo(1.0);
    assertThat(c.wilcoxonP()).isEqualTo(1.0);
    assertThat(c.difference().lower()).isZero();
    assertThat(c.difference().upper()).isZero();
    assertThat(c.zeroDifferences()).isEqualTo(10);
  }

  @Test
  void usersPresentOnOneSideOnlyAreAnErrorNamingTheCounts() {
    assertThatThrownBy(() -> PairedComparison.of("ndcg@10", "ials", new int[] {1, 2, 3},
        new double[] {1, 2, 3}, "popular", new int[] {2, 3, 4, 5}, new double[] {1, 2, 3, 4}, BOOT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 users only in 'ials' (first: user index 1)")
        .hasMessageContaining("2 users only in 'popular' (first: user index 4)");
  }

  @Test
  void badInputsAreNamed() {
    assertThatThrownBy(() -> PairedComparison.of("m", "a", new int[] {2, 1}, new double[] {1, 2},
        "b", new int[] {2, 1}, new double[] {1, 2}, BOOT)).hasMessageContaining("ascending");
    assertThatThrownBy(() -> PairedComparison.of("m", "a", new int[] {1, 2},
        new double[] {1, Double.NaN}, "b", new int[] {1, 2}, new double[] {1, 2}, BOOT))
        .hasMessageContaining("user index 2 is NaN");
    assertThatThrownBy(() -> compare(new double[] {1}, new double[] {2}))
        .hasMessageContaining("at least 2 paired users");
    PerUserValues ndcg = new PerUserValues("ndcg@10", users(3), new double[3], new double[] {1, 1, 1});
    PerUserValues mrr = new PerUserValues("mrr@10", users(3), new double[3], new double[] {1, 1, 1});
    assertThatThrownBy(() -> PairedComparison.of("a", ndcg, "b", mrr))
        .hasMessageContaining("'ndcg@10'").hasMessageContaining("'mrr@10'");
  }

  @Test
  void moreThanThirtyDifferencesUseTheNormalApproximation() {
    int n = 200;
    double[] a = new double[n];
    double[] b = new double[n];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    for (int j = 0; j < n; j++) {
      b[j] = rng.nextDouble();
      a[j] = b[j] + 0.3 + (rng.nextDouble() - 0.5);
    }
    PairedComparison c = compare(a, b);
    assertThat(c.tTestP()).isLessThan(1e-10);
    assertThat(c.wilcoxonP()).isLessThan(1e-10);
    assertThat(c.difference().contains(0.3)).isTrue();
  }
}
