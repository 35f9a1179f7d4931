package io.reco4j.algorithms.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {

  /** Random item counts (some 0), a random sorted row, β from {0, 0.5, 1}: no draw is in the row. */
  @Property(tries = 300)
  void aNegativeIsNeverInTheUsersRow(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 2) int betaStep) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] counts = new int[n];
    for (int k = 0; k < n; k++) {
      counts[k] = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(50);
    }
    counts[rnd.nextInt(n)] = 1 + rnd.nextInt(50); // at least one drawable item
    float beta = betaStep * 0.5f;
    NegativeSampler s = new NegativeSampler(counts, beta);
    // a row holding each item with probability density in (0, 1)
    double density = rnd.nextDouble();
    int[] row = new int[n];
    int len = 0;
    for (int k = 0; k < n; k++) {
      if (rnd.nextDouble() < density) {
        row[len++] = k;
      }
    }
    int[] padded = new int[len + 4]; // the row inside a larger array, as in a CSR matrix
    System.arraycopy(row, 0, padded, 2, len);
    padded[0] = -1;
    padded[1] = -1;
    padded[len + 2] = n;
    padded[len + 3] = n;
    boolean[] inRow = new boolean[n];
    for (int k = 0; k < len; k++) {
      inRow[row[k]] = true;
    }
    int drawable = 0;
    for (int k = 0; k < n; k++) {
      if (!inRow[k] && (beta == 0 || counts[k] > 0)) {
        drawable++;
      }
    }
    SplittableRandom draws = new SplittableRandom(seed ^ 1);
    for (int t = 0; t < 200; t++) {
      int j = s.drawExcluding(draws, padded, 2, 2 + len);
      if (j < 0) {
        continue; // gave up after MAX_TRIES: allowed, never a wrong item
      }
      assertThat(j).isBetween(0, n - 1);
      assertThat(inRow[j]).as("item %d is in the row", j).isFalse();
      if (beta > 0) {
        assertThat(counts[j]).as("never-seen item %d drawn under beta %s", j, beta).isPositive();
      }
    }
    if (drawable == 0) {
      assertThat(s.drawExcluding(draws, padded, 2, 2 + len)).isEqualTo(-1);
    }
  }

  @Property(tries = 200)
  void binarySearchAgreesWithALinearScan(@ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] a = rnd.ints(rnd.nextInt(40), 0, 60).distinct().sorted().toArray();
    for (int key = -1; key <= 61; key++) {
      int k = key;
      boolean linear = Arrays.stream(a).anyMatch(v -> v == k);
      assertThat(NegativeSampler.contains(a, 0, a.length, key)).isEqualTo(linear);
    }
  }

  /**
   * Counts c = 0, 1, …, 19 and β = 0.75 with items 3 and 10 in the row: over 2,000,000 seeded draws
   * the frequencies match c<sup>β</sup> / Σ c<sup>β</sup> over the other items by a chi-square test
   * (17 drawable cells, 16 degrees of freedom; 39.25 is the 0.999 quantile).
   */
  @Test
  void popularitySamplerDrawsProportionallyToCountToTheBeta() {
    int n = 20;
    int[] counts = new int[n];
    for (int k = 0; k < n; k++) {
      counts[k] = k;
    }
    float beta = 0.75f;
    NegativeSampler s = new NegativeSampler(counts, beta);
    int[] row = {3, 10};
    int draws = 2_000_000;
    long[] observed = new long[n];
    SplittableRandom rnd = new SplittableRandom(7);
    for (int t = 0; t < draws; t++) {
      observed[s.drawExcluding(rnd, row, 0, row.length)]++;
    }
    double total = 0;
    for (int k = 0; k < n; k++) {
      if (k != 3 && k != 10) {
        total += Math.pow(counts[k], beta);
      }
    }
    double chi2 = 0;
    for (int k = 0; k < n; k++) {
      double w = k == 3 || k == 10 ? 0 : Math.pow(counts[k], beta);
      if (w == 0) {
        assertThat(observed[k]).as("item %d has weight 0 or is in the row", k).isZero();
        continue;
      }
      double expected = draws * w / total;
      chi2 += (observed[k] - expected) * (observed[k] - expected) / expected;
    }
    assertThat(chi2).isLessThan(39.25);
  }

  @Test
  void uniformSamplerCoversEveryItemEvenly() {
    int n = 50;
    NegativeSampler s = new NegativeSampler(new int[n], 0f); // β = 0 ignores counts, even zeros
    long[] observed = new long[n];
    SplittableRandom rnd = new SplittableRandom(11);
    int draws = 1_000_000;
    for (int t = 0; t < draws; t++) {
      observed[s.draw(rnd)]++;
    }
    double expected = (double) draws / n;
    double chi2 = 0;
    for (long o : observed) {
      chi2 += (o - expected) * (o - expected) / expected;
    }
    assertThat(chi2).isLessThan(85.35); // chi-square 0.999 quantile, 49 degrees of freedom
  }

  @Test
  void aliasTableRealisesTheNormalisedWeights() {
    double[] w = {0, 1, 2, 3, 0.5, 10, 0, 7};
    AliasTable t = new AliasTable(w);
    double sum = Arrays.stream(w).sum();
    for (int k = 0; k < w.length; k++) {
      assertThat(t.probability(k)).as("item %d", k).isCloseTo(w[k] / sum, within(1e-9));
    }
    assertThatThrownBy(() -> new AliasTable(new double[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AliasTable(new double[] {1, -1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
