package io.reco4j.server.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingOptionsTest {
  private static TrainingOptions withMetric(String metric, double tolerance) {
    return new TrainingOptions("ials", "user:0.2", 42L, metric, tolerance, true,
        EventWeights.defaults(), 1, TrainingOptions.Comparison.SAME_SPLIT);
  }

  @Test
  void aKnownPromotionMetricIsAccepted() {
    assertThat(withMetric("recall@20", 0.05).metric()).isEqualTo("recall@20");
    assertThat(withMetric(null, 0).metric()).isNull();
  }

  @Test
  void anUnknownPromotionMetricFailsAtConstructionNamingIt() {
    assertThatThrownBy(() -> withMetric("ndgc@10", 0.02))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ndgc");
  }

  @Test
  void aToleranceOutsideZeroToOneIsRejected() {
    assertThatThrownBy(() -> withMetric(null, 1.0)).hasMessageContaining("tolerance");
    assertThatThrownBy(() -> withMetric(null, -0.1)).hasMessageContaining("tolerance");
  }
}
