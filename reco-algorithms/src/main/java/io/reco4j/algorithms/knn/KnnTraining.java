package io.reco4j.algorithms.knn;

import io.reco4j.algorithms.baseline.BiasConfig;
import io.reco4j.algorithms.baseline.BiasModel;
import io.reco4j.algorithms.baseline.BiasTrainer;
import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;

/**
 * The data preparation both neighbourhood trainers share: the baseline predictor, and the
 * interaction values a similarity measure works on (centred, weighted or raw).
 */
final class KnnTraining {
  private KnnTraining() {}

  /** μ, b<sub>u</sub>, b<sub>i</sub> and the rating range, as plain arrays. */
  record Baseline(float mu, float[] userBias, float[] itemBias, float min, float max) {
    float of(int u, int i) {
      return (mu + userBias[u]) + itemBias[i];
    }
  }

  static Baseline baseline(Dataset data, KnnConfig c) {
    BiasModel b = new BiasTrainer(new BiasConfig(c.baselineIterations(),
        c.baselineUserRegularization(), c.baselineItemRegularization(), c.threads())).train(data);
    float[] bu = new float[data.userCount()];
    float[] bi = new float[data.itemCount()];
    for (int u = 0; u < bu.length; u++) {
      bu[u] = b.userBias(u);
    }
    for (int i = 0; i < bi.length; i++) {
      bi[i] = b.itemBias(i);
    }
    return new Baseline(b.globalMean(), bu, bi, b.minRating(), b.maxRating());
  }

  /**
   * The user × item matrix whose values the similarity of {@code c} compares, with the structure
   * of {@code data.matrix()}: for item-kNN ({@code itemBased}) the entities are items and the
   * features users, for user-kNN the reverse.
   *
   * @throws IllegalArgumentException when a centred measure is asked of implicit data
   */
  static CsrMatrix similarityValues(Dataset data, KnnConfig c, Baseline base, boolean itemBased,
      String algorithm) {
    CsrMatrix r = data.matrix();
    Similarity sim = c.similarity();
    if (sim.overCommonSupport() && !data.explicit()) {
      throw new IllegalArgumentException(algorithm + ": similarity " + sim + " centres ratings,"
          + " but '" + data.name() + "' is implicit; use cosine or jaccard");
    }
    int[] ptr = r.rowPtr();
    int[] col = r.colIdx();
    float[] val = r.values();
    float[] x = new float[val.length];
    switch (sim) {
      case COSINE -> {
        if (c.weighting() == Weighting.NONE) {
          return r;
        }
        weigh(r, c, itemBased, x);
      }
      case JACCARD -> {
        return r;
      }
      case PEARSON_BASELINE -> {
        for (int u = 0; u < r.rows(); u++) {
          for (int p = ptr[u]; p < ptr[u + 1]; p++) {
            x[p] = val[p] - base.of(u, col[p]);
          }
        }
      }
      case PEARSON, ADJUSTED_COSINE -> {
        // Pearson centres by the compared entity's mean, adjusted cosine by the feature's
        boolean byItemMean = (sim == Similarity.PEARSON) == itemBased;
        if (byItemMean) {
          float[] mean = columnMeans(r);
          for (int p = 0; p < val.length; p++) {
            x[p] = val[p] - mean[col[p]];
          }
        } else {
          for (int u = 0; u < r.rows(); u++) {
            double s = 0;
            for (int p = ptr[u]; p < ptr[u + 1]; p++) {
              s += val[p];
            }
            float mean = (float) (s / Math.max(1, ptr[u + 1] - ptr[u]));
            for (int p = ptr[u]; p < ptr[u + 1]; p++) {
              x[p] = val[p] - mean;
            }
          }
        }
      }
      default -> throw new AssertionError(sim);
    }
    return new CsrMatrix(r.rows(), r.cols(), ptr, col, x, null);
  }

  /** Column means in double, summed in storage order; 0 for an empty column. */
  static float[] columnMeans(CsrMatrix r) {
    double[] sum = new double[r.cols()];
    int[] cnt = new int[r.cols()];
    int[] col = r.colIdx();
    float[] val = r.values();
    for (int p = 0; p < val.length; p++) {
      sum[col[p]] += val[p];
      cnt[col[p]]++;
    }
    float[] mean = new float[sum.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = cnt[i] == 0 ? 0f : (float) (sum[i] / cnt[i]);
    }
    return mean;
  }

  /** TF-IDF or BM25 weights of {@code r}'s entries into {@code x} (see {@link Weighting}). */
  private static void weigh(CsrMatrix r, KnnConfig c, boolean itemBased, float[] x) {
    int[] ptr = r.rowPtr();
    int[] col = r.colIdx();
    float[] val = r.values();
    int users = r.rows();
    int items = r.cols();
    // documents are the entities: items for item-kNN, users for user-kNN; terms the features
    int docs = itemBased ? items : users;
    int[] df = itemBased ? new int[users] : r.colCounts();
    double[] len = new double[docs];
    for (int u = 0; u < users; u++) {
      if (itemBased) {
        df[u] = ptr[u + 1] - ptr[u];
      }
      for (int p = ptr[u]; p < ptr[u + 1]; p++) {
        len[itemBased ? col[p] : u] += val[p];
      }
    }
    double[] idf = new double[df.length];
    for (int t = 0; t < df.length; t++) {
      idf[t] = Math.log(docs) - Math.log1p(df[t]);
    }
    double meanLen = 0;
    for (double l : len) {
      meanLen += l;
    }
    meanLen = docs == 0 ? 0 : meanLen / docs;
    double k1 = c.bm25K1();
    double b = c.bm25B();
    for (int u = 0; u < users; u++) {
      for (int p = ptr[u]; p < ptr[u + 1]; p++) {
        int doc = itemBased ? col[p] : u;
        int term = itemBased ? u : col[p];
        double v = val[p];
        double w;
        if (c.weighting() == Weighting.TFIDF) {
          w = Math.sqrt(v) * idf[term];
        } else {
          double norm = meanLen > 0 ? (1 - b) + b * len[doc] / meanLen : 1;
          w = v * (k1 + 1) / (k1 * norm + v) * idf[term];
        }
        x[p] = (float) w;
      }
    }
  }

  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
