package io.reco4j.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HolmTest {
  private static final double EPS = 1e-15;

  @Test
  void fourHypothesesAreAdjustedStepDownByHand() {
    // sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> running max 0.06
    double[] adj = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
    assertThat(adj[0]).isCloseTo(0.03, within(EPS));
    assertThat(adj[1]).isCloseTo(0.06, within(EPS));
    assertThat(adj[2]).isCloseTo(0.06, within(EPS));
    assertThat(adj[3]).isCloseTo(0.02, within(EPS));
  }

  @Test
  void rejectionsAtAlphaMatchHolmsSequentialProcedure() {
    // Holm 1979 at alpha 0.05, m = 4: 0.005 <= 0.05/4 reject, 0.01 <= 0.05/3 reject,
    // 0.03 > 0.05/2 stop: exactly the first two are rejected, as adjusted p <= 0.05 says
    double[] p = {0.01, 0.04, 0.03, 0.005};
    double[] adj = Holm.adjust(p);
    boolean[] rejected = new boolean[4];
    for (int j = 0; j < 4; j++) {
      rejected[j] = adj[j] <= 0.05;
    }
    assertThat(rejected).containsExactly(true, false, false, true);
  }

  @Test
  void adjustedValuesAreCappedAtOneAndMonotone() {
    assertThat(Holm.adjust(new double[] {0.5, 0.6})).containsExactly(1.0, 1.0);
    // 0.02*3 = 0.06, 0.021*2 = 0.042 -> raised to 0.06 by the running maximum, 0.5*1 = 0.5
    double[] adj = Holm.adjust(new double[] {0.5, 0.021, 0.02});
    assertThat(adj[0]).isCloseTo(0.5, within(EPS));
    assertThat(adj[1]).isCloseTo(0.06, within(EPS));
    assertThat(adj[2]).isCloseTo(0.06, within(EPS));
    assertThat(Holm.adjust(new double[] {0.3})).containsExactly(0.3);
    assertThat(Holm.adjust(new double[0])).isEmpty();
  }

  @Test
  void onSeededRandomFamiliesAdjustedPValuesBoundTheRawOnesAndKeepTheirOrder() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int t = 0; t < 200; t++) {
      int m = 1 + rng.nextInt(12);
      double[] p = new double[m];
      for (int j = 0; j < m; j++) {
        p[j] = rng.nextDouble() * rng.nextDouble();
      }
      double[] adj = Holm.adjust(p);
      for (int j = 0; j < m; j++) {
        assertThat(adj[j]).isBetween(p[j], Math.min(1.0, m * p[j]));
        for (int k = 0; k < m; k++) {
          if (p[j] < p[k]) {
            assertThat(adj[j]).isLessThanOrEqualTo(adj[k]);
          }
        }
      }
    }
  }

  @Test
  void anInvalidPValueIsNamed() {
    assertThatThrownBy(() -> Holm.adjust(new double[] {0.1, Double.NaN}))
        .hasMessageContaining("p-value 1 is NaN");
    assertThatThrownBy(() -> Holm.adjust(new double[] {1.5})).hasMessageContaining("1.5");
  }
}
