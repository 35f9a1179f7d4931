package io.reco4j.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapCiTest {
  /** n draws of N(mean, sd²) from a seeded generator. */
  private static double[] normal(int n, double mean, double sd, long seed) {
    Random rng = new Random(seed);
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      x[j] = mean + sd * rng.nextGaussian();
    }
    return x;
  }

  @Test
  void theIntervalOfASeededNormalSampleContainsTheTrueMeanAndHasTheNormalTheoryWidth() {
    double[] x = normal(2000, 2.0, 1.0, 11);
    ConfidenceInterval ci = BootstrapCi.ofMean(x);
    assertThat(ci.contains(2.0)).isTrue();
    assertThat(ci.contains(ci.estimate())).isTrue();
    assertThat(ci.level()).isEqualTo(0.95);
    // 2 * 1.96 / sqrt(2000) = 0.0877
    assertThat(ci.width()).isBetween(0.0877 * 0.85, 0.0877 * 1.15);
  }

  @Test
  void theSameSeedGivesTheSameIntervalAndAnotherSeedANearbyOne() {
    double[] x = normal(300, 0.4, 0.2, 12);
    ConfidenceInterval a = BootstrapCi.ofMean(x, BootstrapOptions.defaults().withSeed(9));
    ConfidenceInterval b = BootstrapCi.ofMean(x.clone(), BootstrapOptions.defaults().withSeed(9));
    ConfidenceInterval c = BootstrapCi.ofMean(x, BootstrapOptions.defaults().withSeed(10));
    assertThat(b).isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
    assertThat(Math.abs(c.lower() - a.lower())).isLessThan(a.width() / 5);
  }

  @Test
  void theWidthShrinksWithTheSampleSizeAndGrowsWithTheLevel() {
    double w100 = BootstrapCi.ofMean(normal(100, 0, 1, 13)).width();
    double w400 = BootstrapCi.ofMean(normal(400, 0, 1, 13)).width();
    double w1600 = BootstrapCi.ofMean(normal(1600, 0, 1, 13)).width();
    // roughly halves with every fourfold n
    assertThat(w400).isBetween(w100 * 0.35, w100 * 0.65);
    assertThat(w1600).isBetween(w400 * 0.35, w400 * 0.65);
    double[] x = normal(400, 0, 1, 14);
    assertThat(BootstrapCi.ofMean(x, BootstrapOptions.defaults().withLevel(0.99)).width())
        .isGreaterThan(BootstrapCi.ofMean(x, BootstrapOptions.defaults().withLevel(0.9)).width());
  }

  @Test
  void ninetyFivePercentIntervalsCoverTheTrueMeanAboutNinetyFivePercentOfTheTime() {
    int covered = 0;
    int trials = 300;
    BootstrapOptions o = BootstrapOptions.defaults().withResamples(500);
    for (int t = 0; t < trials; t++) {
      if (BootstrapCi.ofMean(normal(60, 5.0, 2.0, 1000 + t), o.withSeed(t)).contains(5.0)) {
        covered++;
      }
    }
    // binomial(300, ~0.94): a 0.88..0.99 band is many standard deviations wide
    assertThat(covered / (double) trials).isBetween(0.88, 0.99);
  }

  @Test
  void badInputsAreNamed() {
    assertThatThrownBy(() -> BootstrapCi.ofMean(new double[0])).hasMessageContaining("empty");
    assertThatThrownBy(() -> BootstrapCi.ofMean(new double[] {1, Double.POSITIVE_INFINITY}))
        .hasMessageContaining("value 1 is Infinity");
    assertThatThrownBy(() -> BootstrapOptions.defaults().withResamples(10))
        .hasMessageContaining("resamples");
    assertThatThrownBy(() -> BootstrapOptions.defaults().withLevel(1.0))
        .hasMessageContaining("level");
  }
}
