package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsParseTest {
  @Test
  void parsesNamesAliasesAndCutoffsInOrder() {
    List<Metric> m = Metrics.parse(" RMSE, mae ,ndcg@10,recall@20,hr@5,p@3,map@7,mrr@2,auc,"
        + "coverage@10,novelty@10,popularity@10,ndcg@10,TRecall@50");
    assertThat(Metrics.names(m)).containsExactly("rmse", "mae", "ndcg@10", "recall@20",
        "hitrate@5", "precision@3", "map@7", "mrr@2", "auc", "coverage@10", "novelty@10",
        "arp@10", "trecall@50");
    assertThat(m.get(2)).isEqualTo(new NdcgMetric(10));
  }

  @Test
  void expandsNamesWithoutCutoffOverTheDefaultCutoffs() {
    List<Metric> m = Metrics.parse(List.of("ndcg,rmse", "recall@5"), List.of(10, 20));
    assertThat(Metrics.names(m)).containsExactly("ndcg@10", "ndcg@20", "rmse", "recall@5");
  }

  @Test
  void errorsNameEveryUnknownMetric() {
    assertThatThrownBy(() -> Metrics.parse("rmse,foo,ndcg@10,bar@3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown metric 'foo'")
        .hasMessageContaining("unknown metric 'bar@3'")
        .hasMessageContaining("known metrics: rmse");
  }

  @Test
  void errorsExplainMalformedCutoffs() {
    assertThatThrownBy(() -> Metrics.parse("ndcg")).hasMessageContaining("needs a cut-off");
    assertThatThrownBy(() -> Metrics.parse("ndcg@x")).hasMessageContaining("not an integer");
    assertThatThrownBy(() -> Metrics.parse("ndcg@0")).hasMessageContaining(">= 1");
    assertThatThrownBy(() -> Metrics.parse("rmse@10")).hasMessageContaining("takes no cut-off");
    assertThatThrownBy(() -> Metrics.parse("")).hasMessageContaining("no metrics");
  }

  @Test
  void optionsRejectMetricsUndefinedUnderSampledNegatives() {
    EvalOptions ok = EvalOptions.of("rmse,hitrate@10,ndcg@10,mrr@10,auc").withSampledNegatives(99);
    assertThat(ok.sampled()).isTrue();
    assertThatThrownBy(() -> EvalOptions.of("ndcg@10,recall@10,coverage@10")
        .withSampledNegatives(99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[recall@10, coverage@10]");
  }

  @Test
  void optionsValidateOnConstruction() {
    assertThatThrownBy(() -> EvalOptions.of("ndcg@10").withSampledNegatives(-1))
        .hasMessageContaining("sampledNegatives");
    assertThatThrownBy(() -> EvalOptions.defaults().withCutoffs(0)).hasMessageContaining(">= 1");
    assertThatThrownBy(() -> EvalOptions.of("rmse,nope")).hasMessageContaining("'nope'");
    EvalOptions d = EvalOptions.defaults();
    assertThat(d.excludeHistory()).isTrue();
    assertThat(d.relevanceThreshold()).isNaN();
    assertThat(d.sampledNegatives()).isZero();
    assertThat(Metrics.names(d.withCutoffs(5, 20).resolvedMetrics())).contains("ndcg@5",
        "ndcg@20", "auc");
  }
}
