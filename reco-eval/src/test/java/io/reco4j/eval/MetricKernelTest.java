package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each per-list kernel on a hand-computed example. */
class MetricKernelTest {
  // list positions 1..5: miss, hit, miss, hit, hit; the user has R = 4 relevant items
  private static final boolean[] HITS = {false, true, false, true, true};
  private static final int N = 5;
  private static final int R = 4;

  @Test
  void precisionCountsHitsOverK() {
    // P@5 = 3/5; P@1 = 0/1; P@10 = 3/10 (the short list counts as padded with misses)
    assertThat(new PrecisionMetric(5).ofList(HITS, N, R)).isEqualTo(0.6);
    assertThat(new PrecisionMetric(1).ofList(HITS, N, R)).isEqualTo(0.0);
    assertThat(new PrecisionMetric(10).ofList(HITS, N, R)).isEqualTo(0.3);
  }

  @Test
  void recallCountsHitsOverRelevant() {
    // R@5 = 3/4; R@3 = 1/4
    assertThat(new RecallMetric(5).ofList(HITS, N, R)).isEqualTo(0.75);
    assertThat(new RecallMetric(3).ofList(HITS, N, R)).isEqualTo(0.25);
  }

  @Test
  void truncatedRecallDividesByMinKR() {
    // 3 hits in the top 5, min(5, 4) = 4: 3/4 (as recall, since R <= K)
    assertThat(new TruncatedRecallMetric(5).ofList(HITS, N, R)).isEqualTo(0.75);
    // 1 hit in the top 3, min(3, 4) = 3: 1/3, where recall@3 gives 1/4
    assertThat(new TruncatedRecallMetric(3).ofList(HITS, N, R)).isEqualTo(1.0 / 3);
    // 1 hit in the top 2, min(2, 4) = 2: 1/2
    assertThat(new TruncatedRecallMetric(2).ofList(HITS, N, R)).isEqualTo(0.5);
    // a perfect top 2 for a user with 7 relevant items: 1 (recall@2 would be 2/7)
    assertThat(new TruncatedRecallMetric(2).ofList(new boolean[] {true, true}, 2, 7))
        .isEqualTo(1.0);
    assertThat(new RecallMetric(2).ofList(new boolean[] {true, true}, 2, 7)).isEqualTo(2.0 / 7);
    // a list shorter than K counts as padded with misses; the denominator is still min(K, R)
    assertThat(new TruncatedRecallMetric(10).ofList(HITS, N, 12)).isEqualTo(0.3);
  }

  @Test
  void ndcgUsesLog2DiscountAndIdealOverMinKR() {
    // DCG@5  = 1/log2(3) + 1/log2(5) + 1/log2(6) = 0.630930 + 0.430677 + 0.386853 = 1.448459
    // IDCG@5 = 1 + 1/log2(3) + 1/log2(4) + 1/log2(5) (min(5,4) = 4 terms)  = 2.561606
    // NDCG@5 = 0.565449
    assertThat(new NdcgMetric(5).ofList(HITS, N, R)).isCloseTo(0.5654494, within(1e-6));
    // NDCG@2 = (1/log2 3) / (1 + 1/log2 3) = 0.630930 / 1.630930 = 0.386853
    assertThat(new NdcgMetric(2).ofList(HITS, N, R)).isCloseTo(0.3868528, within(1e-6));
    // a perfect list scores 1 even when R > K
    assertThat(new NdcgMetric(2).ofList(new boolean[] {true, true}, 2, 7)).isEqualTo(1.0);
  }

  @Test
  void averagePrecisionNormalisesByMinKR() {
    // hits at ranks 2, 4, 5: P@2 = 1/2, P@4 = 2/4, P@5 = 3/5; sum = 1.6; / min(5, 4) = 0.4
    assertThat(new MeanAveragePrecisionMetric(5).ofList(HITS, N, R)).isCloseTo(0.4, within(1e-12));
    // cut at 2: only rank 2 counts, 0.5 / min(2, 4) = 0.25
    assertThat(new MeanAveragePrecisionMetric(2).ofList(HITS, N, R)).isEqualTo(0.25);
  }

  @Test
  void reciprocalRankIsOneOverFirstHitWithinK() {
    // first hit at rank 2
    assertThat(new ReciprocalRankMetric(5).ofList(HITS, N, R)).isEqualTo(0.5);
    assertThat(new ReciprocalRankMetric(1).ofList(HITS, N, R)).isEqualTo(0.0);
  }

  @Test
  void hitRateIsOneWhenAnyHitWithinK() {
    assertThat(new HitRateMetric(1).ofList(HITS, N, R)).isEqualTo(0.0);
    assertThat(new HitRateMetric(2).ofList(HITS, N, R)).isEqualTo(1.0);
  }

  @Test
  void aucCountsTiesHalf() {
    // candidates: 0.9 (pos), 0.5 (neg), 0.5 (pos), 0.1 (neg), 0.7 (neg)
    // pos 0.9 beats all 3 negatives: 3; pos 0.5: tie with 0.5 (½), beats 0.1 (1), loses to 0.7
    // (0): 1.5; AUC = 4.5 / (2 · 3) = 0.75
    float[] cand = {0.9f, 0.5f, 0.5f, 0.1f, 0.7f};
    float[] pos = {0.9f, 0.5f};
    assertThat(AucMetric.compute(cand, 5, pos, 2)).isEqualTo(0.75);
  }

  @Test
  void aucTreatsNanAsMinusInfinityAndNeedsBothClasses() {
    // pos NaN (= -inf) loses to both negatives; pos 1 beats -0.0 and ties with 1 → (0 + 1.5) / 4
    float[] cand = {Float.NaN, 1f, -0.0f, 1f};
    float[] pos = {Float.NaN, 1f};
    assertThat(AucMetric.compute(cand, 4, pos, 2)).isEqualTo(0.375);
    assertThat(AucMetric.compute(new float[] {1f}, 1, new float[] {1f}, 1)).isNaN();
    assertThat(AucMetric.compute(new float[] {1f}, 1, new float[0], 0)).isNaN();
  }

  @Test
  void ratingMetricsFinishFromErrorSums() {
    // errors 1.5, -1.5, 0.5: Σe² = 4.75, Σ|e| = 3.5, n = 3
    assertThat(new RmseMetric().finish(4.75, 3.5, 3)).isCloseTo(Math.sqrt(4.75 / 3), within(1e-15));
    assertThat(new MaeMetric().finish(4.75, 3.5, 3)).isCloseTo(3.5 / 3, within(1e-15));
  }

  @Test
  void selfInformationIsMinusLog2OfPopularityShare() {
    // pop 2 of 8 users: -log2(1/4) = 2 bits; pop 0 counts as 1: -log2(1/8) = 3 bits
    assertThat(NoveltyMetric.selfInformation(2, 8)).isCloseTo(2.0, within(1e-12));
    assertThat(NoveltyMetric.selfInformation(0, 8)).isCloseTo(3.0, within(1e-12));
  }
}
