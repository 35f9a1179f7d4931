package io.reco4j.eval;

import io.reco4j.data.Dataset;
import io.reco4j.data.IdIndex;
import io.reco4j.split.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random evaluation problem: disjoint train/test ratings on a small catalogue and a model
 * whose scores are random, often tied (quantised) so that tie handling is exercised.
 */
final class RandomProblem {
  final int users;
  final int items;
  final Split split;
  final float[][] scores;

  RandomProblem(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    users = 1 + rnd.nextInt(150);
    items = 1 + rnd.nextInt(60);
    double pTrain = rnd.nextDouble() * 0.4;
    double pTest = rnd.nextDouble() * 0.3;
    boolean quantised = rnd.nextBoolean();
    List<int[]> train = new ArrayList<>();
    List<int[]> test = new ArrayList<>();
    scores = new float[users][items];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        double x = rnd.nextDouble();
        int rating = 1 + rnd.nextInt(5);
        if (x < pTrain) {
          train.add(new int[] {u, i, rating});
        } else if (x < pTrain + pTest) {
          test.add(new int[] {u, i, rating});
        }
        scores[u][i] = quantised ? rnd.nextInt(4) : (float) rnd.nextGaussian();
      }
    }
    IdIndex us = IdIndex.identity("user", users);
    IdIndex is = IdIndex.identity("item", items);
    split = TestModels.split(part("train", us, is, train), part("test", us, is, test));
  }

  private static Dataset part(String name, IdIndex us, IdIndex is, List<int[]> entries) {
    int n = entries.size();
    int[] r = new int[n];
    int[] c = new int[n];
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      r[k] = entries.get(k)[0];
      c[k] = entries.get(k)[1];
      v[k] = entries.get(k)[2];
    }
    return TestModels.dataset(name, us, is, r, c, v);
  }

  /** A model scoring and predicting from the random table. */
  TestModels.Both model() {
    return new TestModels.Both("random-table", split.train(), (u, i) -> scores[u][i]);
  }
}
