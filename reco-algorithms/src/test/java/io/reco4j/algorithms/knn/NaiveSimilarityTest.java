package io.reco4j.algorithms.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.reco4j.algorithms.baseline.BiasConfig;
import io.reco4j.algorithms.baseline.BiasModel;
import io.reco4j.algorithms.baseline.BiasTrainer;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.testkit.TestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every similarity, item- and user-based, against a naive reference: boxed maps of ratings,
 * a loop over every pair, the textbook formula. Seeded random small matrices with integer ratings
 * (so centred values are often exactly 0), random shrinkage and minimum support.
 */
class NaiveSimilarityTest {
  private static final int CASES = 40;

  @Test
  void everySimilarityMatchesTheNaiveReferenceOnRandomMatrices() {
    int checked = 0;
    for (long seed = 1; seed <= CASES; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      Dataset data = randomRatings(rnd, seed);
      float shrinkage = new float[] {0f, 0f, 3f, 100f}[rnd.nextInt(4)];
      int minSupport = 1 + rnd.nextInt(3);
      for (Similarity sim : Similarity.values()) {
        List<Weighting> weightings = sim == Similarity.COSINE
            ? List.of(Weighting.NONE, Weighting.TFIDF, Weighting.BM25) : List.of(Weighting.NONE);
        for (Weighting w : weightings) {
          for (boolean itemBased : new boolean[] {true, false}) {
            String what = "seed " + seed + " " + sim + " " + w + (itemBased ? " item" : " user")
                + " shrink " + shrinkage + " minSupport " + minSupport;
            Neighbors got = train(data, sim, w, shrinkage, minSupport, 0, itemBased, 1);
            Map<Integer, Map<Integer, Double>> want = naive(data, sim, w, shrinkage, minSupport,
                itemBased);
            compare(what, got, want);
            // a bounded list length takes the half (each pair once) path: the same bits
            int entities = itemBased ? data.itemCount() : data.userCount();
            Neighbors half = train(data, sim, w, shrinkage, minSupport, entities, itemBased, 1);
            assertThat(half).as(what + " half path").isEqualTo(got);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(CASES * 7 * 2);
  }

  @Test
  void aCappedListIsThePrefixOfTheFullListAndListsAreSorted() {
    for (long seed = 100; seed < 110; seed++) {
      Dataset data = randomRatings(new SplittableRandom(seed), seed);
      for (Similarity sim : Similarity.values()) {
        Neighbors full = train(data, sim, Weighting.NONE, 0f, 1, 0, true, 1);
        Neighbors capped = train(data, sim, Weighting.NONE, 0f, 1, 3, true, 1);
        for (int e = 0; e < full.size(); e++) {
          int n = full.end(e) - full.start(e);
          assertThat(capped.end(e) - capped.start(e)).isEqualTo(Math.min(3, n));
          for (int q = 0; q < capped.end(e) - capped.start(e); q++) {
            assertThat(capped.indices()[capped.start(e) + q])
                .isEqualTo(full.indices()[full.start(e) + q]);
            assertThat(capped.similarities()[capped.start(e) + q])
                .isEqualTo(full.similarities()[full.start(e) + q]);
          }
          for (int q = full.start(e) + 1; q < full.end(e); q++) {
            float prev = full.similarities()[q - 1];
            float cur = full.similarities()[q];
            assertThat(prev > cur || (prev == cur
                && full.indices()[q - 1] < full.indices()[q])).as("sorted at %d", q).isTrue();
          }
        }
      }
    }
  }

  @Test
  void neighbourListsAreIdenticalForOneAndManyThreads() {
    Dataset data = TestData.ratings(7);
    for (Similarity sim : Similarity.values()) {
      for (boolean itemBased : new boolean[] {true, false}) {
        for (int max : new int[] {0, 5}) {
          Neighbors one = train(data, sim, Weighting.NONE, 10f, 1, max, itemBased, 1);
          for (int threads : new int[] {2, 3, 8}) {
            assertThat(train(data, sim, Weighting.NONE, 10f, 1, max, itemBased, threads))
                .as("%s %s max %d, %d threads", sim, itemBased ? "item" : "user", max, threads)
                .isEqualTo(one);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  static Neighbors train(Dataset data, Similarity sim, Weighting w, float shrinkage,
      int minSupport, int maxNeighbors, boolean itemBased, int threads) {
    if (itemBased) {
      ItemKnnConfig c = new ItemKnnConfig(sim, 1, 1, shrinkage, minSupport, maxNeighbors, w, 1.2f,
          0.75f, 10, 15f, 10f, threads);
      return new ItemKnnTrainer(c).train(data).neighbors();
    }
    UserKnnConfig c = new UserKnnConfig(sim, 1, 1, shrinkage, minSupport, maxNeighbors, w, 1.2f,
        0.75f, 10, 15f, 10f, threads);
    return new UserKnnTrainer(c).train(data).neighbors();
  }

  static Dataset randomRatings(SplittableRandom rnd, long seed) {
    int users = 4 + rnd.nextInt(25);
    int items = 4 + rnd.nextInt(20);
    double density = 0.15 + 0.5 * rnd.nextDouble();
    List<long[]> pairs = new ArrayList<>();
    List<Float> values = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rnd.nextDouble() < density || (u == 0 && i == 0)) {
          pairs.add(new long[] {u, i});
          values.add((float) (1 + rnd.nextInt(5)));
        }
      }
    }
    long[] uid = new long[pairs.size()];
    long[] iid = new long[pairs.size()];
    float[] r = new float[pairs.size()];
    for (int k = 0; k < r.length; k++) {
      uid[k] = pairs.get(k)[0];
      iid[k] = pairs.get(k)[1];
      r[k] = values.get(k);
    }
    return TestData.ratings("random-" + seed, uid, iid, r);
  }

  /** entity → (neighbour → similarity), positive similarities only. */
  static Map<Integer, Map<Integer, Double>> naive(Dataset data, Similarity sim, Weighting w,
      float shrinkage, int minSupport, boolean itemBased) {
    CsrMatrix m = data.matrix();
    // ratings[entity][feature]
    Map<Integer, Map<Integer, Double>> r = new HashMap<>();
    for (int u = 0; u < m.rows(); u++) {
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        int i = m.colIdx()[p];
        int e = itemBased ? i : u;
        int f = itemBased ? u : i;
        r.computeIfAbsent(e, x -> new HashMap<>()).put(f, (double) m.values()[p]);
      }
    }
    int entities = itemBased ? m.cols() : m.rows();
    BiasModel bias = new BiasTrainer(new BiasConfig(10, 15f, 10f, 1)).train(data);
    Map<Integer, Map<Integer, Double>> x = new HashMap<>();
    Map<Integer, Double> entityMean = new HashMap<>();
    Map<Integer, Double> featureMean = new HashMap<>();
    Map<Integer, Integer> featureCount = new HashMap<>();
    Map<Integer, Double> featureSum = new HashMap<>();
    for (var e : r.entrySet()) {
      entityMean.put(e.getKey(), e.getValue().values().stream().mapToDouble(d -> d).average()
          .orElse(0));
      for (var f : e.getValue().entrySet()) {
        featureCount.merge(f.getKey(), 1, Integer::sum);
        featureSum.merge(f.getKey(), f.getValue(), Double::sum);
      }
    }
    featureSum.forEach((f, s) -> featureMean.put(f, s / featureCount.get(f)));
    double meanLen = r.values().stream().mapToDouble(v -> v.values().stream()
        .mapToDouble(d -> d).sum()).sum() / entities;
    for (var e : r.entrySet()) {
      int a = e.getKey();
      Map<Integer, Double> row = new HashMap<>();
      for (var f : e.getValue().entrySet()) {
        double v = f.getValue();
        int u = itemBased ? f.getKey() : a;
        int i = itemBased ? a : f.getKey();
        double idf = Math.log(entities) - Math.log(1 + featureCount.get(f.getKey()));
        double len = e.getValue().values().stream().mapToDouble(d -> d).sum();
        double t = switch (sim) {
          case PEARSON -> v - entityMean.get(a);
          case ADJUSTED_COSINE -> v - featureMean.get(f.getKey());
          case PEARSON_BASELINE -> v - ((double) bias.globalMean() + bias.userBias(u)
              + bias.itemBias(i));
          case COSINE -> switch (w) {
            case NONE -> v;
            case TFIDF -> Math.sqrt(v) * idf;
            case BM25 -> v * 2.2 / (1.2 * (0.25 + 0.75 * len / meanLen) + v) * idf;
          };
          case JACCARD -> 1;
        };
        row.put(f.getKey(), t);
      }
      x.put(a, row);
    }
    Map<Integer, Map<Integer, Double>> out = new HashMap<>();
    for (int a = 0; a < entities; a++) {
      Map<Integer, Double> res = new HashMap<>();
      Map<Integer, Double> xa = x.getOrDefault(a, Map.of());
      for (int b = 0; b < entities; b++) {
        Map<Integer, Double> xb = x.getOrDefault(b, Map.of());
        if (a == b) {
          continue;
        }
        Set<Integer> common = new HashSet<>(xa.keySet());
        common.retainAll(xb.keySet());
        int n = common.size();
        if (n == 0 || n < minSupport) {
          continue;
        }
        double s;
        if (sim == Similarity.JACCARD) {
          s = (double) n / (xa.size() + xb.size() - n);
        } else if (sim == Similarity.COSINE) {
          double dot = 0;
          for (int f : common) {
            dot += xa.get(f) * xb.get(f);
          }
          double na = Math.sqrt(xa.values().stream().mapToDouble(d -> d * d).sum());
          double nb = Math.sqrt(xb.values().stream().mapToDouble(d -> d * d).sum());
          s = na > 0 && nb > 0 ? dot / (na * nb) : 0;
        } else {
          double dot = 0;
          double sa = 0;
          double sb = 0;
          for (int f : common) {
            dot += xa.get(f) * xb.get(f);
            sa += xa.get(f) * xa.get(f);
            sb += xb.get(f) * xb.get(f);
          }
          s = sa > 0 && sb > 0 ? dot / Math.sqrt(sa * sb) : 0;
        }
        s *= shrinkage > 0 ? n / (n + (double) shrinkage) : 1;
        if (s > 0) {
          res.put(b, s);
        }
      }
      out.put(a, res);
    }
    return out;
  }

  private static void compare(String what, Neighbors got, Map<Integer, Map<Integer, Double>> want) {
    double tol = 2e-5;
    for (int a = 0; a < got.size(); a++) {
      Map<Integer, Double> w = want.getOrDefault(a, Map.of());
      Map<Integer, Double> g = new HashMap<>();
      for (int q = got.start(a); q < got.end(a); q++) {
        g.put(got.indices()[q], (double) got.similarities()[q]);
      }
      for (var e : w.entrySet()) {
        Double v = g.get(e.getKey());
        if (v == null) {
          if (e.getValue() > tol) {
            fail("%s: entity %d misses neighbour %d (sim %s)", what, a, e.getKey(), e.getValue());
          }
        } else if (Math.abs(v - e.getValue()) > tol) {
          fail("%s: entity %d neighbour %d: %s, naive %s", what, a, e.getKey(), v, e.getValue());
        }
      }
      for (var e : g.entrySet()) {
        if (!w.containsKey(e.getKey()) && e.getValue() > tol) {
          fail("%s: entity %d has extra neighbour %d (sim %s)", what, a, e.getKey(), e.getValue());
        }
      }
    }
  }
}
