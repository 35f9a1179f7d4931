package io.reco4j.experiment.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Random search and TPE on functions with known optima. */
class SamplerTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final int SEEDS = 20;
  static final int TRIALS = 50;

  /** Branin-Hoo on [-5, 10] × [0, 15]; global minimum 0.397887 at three points. */
  static final SearchSpace BRANIN = new SearchSpace(List.of(
      new SearchSpace.FloatRange("x1", -5, 10, false),
      new SearchSpace.FloatRange("x2", 0, 15, false)));
  static final double BRANIN_MIN = 0.397887;

  static double branin(Map<String, JsonNode> p) {
    double x1 = p.get("x1").asDouble();
    double x2 = p.get("x2").asDouble();
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double q = x2 - b * x1 * x1 + c * x1 - 6;
    return q * q + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  /**
   * A mixed space: an integer, a log-scaled float and a choice; minimum 0 at n = 37,
   * lr = 0.01, kind = "b".
   */
  static final SearchSpace MIXED = new SearchSpace(List.of(
      new SearchSpace.IntRange("n", 1, 100, false),
      new SearchSpace.FloatRange("lr", 1e-5, 1, true),
      new SearchSpace.Choice("kind", List.of(NODES.textNode("a"), NODES.textNode("b"),
          NODES.textNode("c"), NODES.textNode("d")))));

  static double mixed(Map<String, JsonNode> p) {
    double n = (p.get("n").asLong() - 37) / 20.0;
    double lr = Math.log10(p.get("lr").asDouble()) + 2;
    double kind = switch (p.get("kind").asText()) {
      case "b" -> 0;
      case "a" -> 0.5;
      default -> 1;
    };
    return n * n + lr * lr + kind;
  }

  static List<Map<String, JsonNode>> sequence(Sampler s, ToDoubleFunction<Map<String, JsonNode>> f,
      int trials) {
    List<Sampler.Observation> history = new ArrayList<>();
    List<Map<String, JsonNode>> out = new ArrayList<>();
    for (int t = 1; t <= trials; t++) {
      Map<String, JsonNode> p = s.suggest(t, history);
      out.add(p);
      history.add(new Sampler.Observation(p, f.applyAsDouble(p)));
    }
    return out;
  }

  static double best(Sampler s, ToDoubleFunction<Map<String, JsonNode>> f, int trials) {
    return sequence(s, f, trials).stream().mapToDouble(f).min().orElseThrow();
  }

  static double medianBest(LongFunction<Sampler> make, ToDoubleFunction<Map<String, JsonNode>> f) {
    double[] b = new double[SEEDS];
    for (int seed = 0; seed < SEEDS; seed++) {
      b[seed] = best(make.apply(1000 + seed), f, TRIALS);
    }
    Arrays.sort(b);
    return (b[SEEDS / 2 - 1] + b[SEEDS / 2]) / 2;
  }

  @Test
  void tpeFindsBraninsMinimumBetterThanRandomSearch() {
    double tpe = medianBest(seed -> new TpeSearch(BRANIN, seed), SamplerTest::branin);
    double random = medianBest(seed -> new RandomSearch(BRANIN, seed), SamplerTest::branin);
    System.out.printf("Branin, %d trials, median best over %d seeds: tpe %.4f, random %.4f%n",
        TRIALS, SEEDS, tpe, random);
    assertThat(tpe).isLessThan(random);
    assertThat(tpe - BRANIN_MIN).isLessThan(0.15);
  }

  @Test
  void tpeFindsTheMixedQuadraticsMinimumBetterThanRandomSearch() {
    double tpe = medianBest(seed -> new TpeSearch(MIXED, seed), SamplerTest::mixed);
    double random = medianBest(seed -> new RandomSearch(MIXED, seed), SamplerTest::mixed);
    System.out.printf("mixed quadratic, %d trials, median best over %d seeds: tpe %.4f, "
        + "random %.4f%n", TRIALS, SEEDS, tpe, random);
    assertThat(tpe).isLessThan(random);
    assertThat(tpe).isLessThan(0.15);
  }

  @Test
  void theSameSeedAndHistoryGiveTheSameSequenceAndAnotherSeedAnother() {
    var a = sequence(new TpeSearch(MIXED, 7), SamplerTest::mixed, 30);
    var b = sequence(new TpeSearch(MIXED, 7), SamplerTest::mixed, 30);
    var c = sequence(new TpeSearch(MIXED, 8), SamplerTest::mixed, 30);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    assertThat(sequence(new RandomSearch(BRANIN, 7), SamplerTest::branin, 10))
        .isEqualTo(sequence(new RandomSearch(BRANIN, 7), SamplerTest::branin, 10));
  }

  @Test
  void aProposalDependsOnlyOnTheTrialNumberAndTheHistory() {
    TpeSearch tpe = new TpeSearch(MIXED, 3);
    var seq = sequence(tpe, SamplerTest::mixed, 20);
    List<Sampler.Observation> history = new ArrayList<>();
    for (int t = 0; t < 15; t++) {
      history.add(new Sampler.Observation(seq.get(t), mixed(seq.get(t))));
    }
    // a fresh sampler, as after a resume, proposes trial 16 exactly as the first one did
    assertThat(new TpeSearch(MIXED, 3).suggest(16, history)).isEqualTo(seq.get(15));
  }

  @Test
  void everyProposalLiesInTheSpaceWithIntegersForIntRanges() {
    for (Sampler s : List.of(new RandomSearch(MIXED, 1), new TpeSearch(MIXED, 1))) {
      for (Map<String, JsonNode> p : sequence(s, SamplerTest::mixed, 60)) {
        assertThat(p.keySet()).containsExactly("n", "lr", "kind");
        assertThat(p.get("n").isIntegralNumber()).isTrue();
        assertThat(p.get("n").asLong()).isBetween(1L, 100L);
        assertThat(p.get("lr").asDouble()).isBetween(1e-5, 1.0);
        assertThat(List.of("a", "b", "c", "d")).contains(p.get("kind").asText());
      }
    }
  }

  @Test
  void randomSearchIsLogUniformOnLogRangesAndReachesBothEndsOfIntRanges() {
    var seq = sequence(new RandomSearch(MIXED, 11), p -> 0, 4000);
    long belowGeometricMean = seq.stream().filter(p -> p.get("lr").asDouble() < Math.pow(10, -2.5)).count();
    assertThat(belowGeometricMean / 4000.0).isBetween(0.46, 0.54);
    long ones = seq.stream().filter(p -> p.get("n").asLong() == 1).count();
    long hundreds = seq.stream().filter(p -> p.get("n").asLong() == 100).count();
    assertThat(ones).isBetween(20L, 60L); // 1/100 of 4000 = 40 each
    assertThat(hundreds).isBetween(20L, 60L);
  }

  @Test
  void failedTrialsCountAsWorseThanEveryOther() {
    TpeSearch tpe = new TpeSearch(BRANIN, 5, 3, 0.25, 24);
    List<Sampler.Observation> history = new ArrayList<>();
    for (int t = 1; t <= 12; t++) {
      Map<String, JsonNode> p = tpe.suggest(t, history);
      history.add(new Sampler.Observation(p, t % 3 == 0 ? Double.NaN : branin(p)));
    }
    Map<String, JsonNode> next = tpe.suggest(13, history);
    assertThat(next.get("x1").asDouble()).isBetween(-5.0, 10.0);
  }
}
