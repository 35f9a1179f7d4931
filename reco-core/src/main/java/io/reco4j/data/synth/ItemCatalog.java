package io.reco4j.data.synth;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The movies of one synthetic data set, by dense index {@code i} in {@code [0, items)} (which is
 * also movie-id order): external ids, popularity weights, biases and latent factors. Immutable
 * once built; shared read-only by all workers.
 */
final class ItemCatalog {
  final int items;
  /** Movie id per index, strictly increasing from 1. */
  final int[] ids;
  /** The ASCII digits of every id, back to back; id {@code i} spans {@code idOff[i]..idOff[i+1]}. */
  final byte[] idText;
  final int[] idOff;
  /** Unnormalised popularity per index, largest 1. */
  final double[] weight;
  final AliasTable alias;
  final double[] bias;
  /** Row-major {@code items × factors}. */
  final double[] factors;
  final int k;

  ItemCatalog(SynthConfig c) {
    items = c.items();
    k = c.factors();
    SplittableRandom rnd = Streams.of(c.seed(), Streams.ITEMS, 0);
    Streams.Normal normal = new Streams.Normal(rnd);

    // ids: 1, then gaps ~ geometric with mean (spread - 1)
    ids = new int[items];
    double stayP = 1 - 1 / c.movieIdSpread(); // P(one more skipped id)
    double logStay = stayP > 0 ? StrictMath.log(stayP) : 0;
    long id = 1;
    for (int i = 0; i < items; i++) {
      if (i > 0) {
        long gap = 0;
        if (stayP > 0) {
          double u = 1 - rnd.nextDouble(); // (0, 1]
          gap = (long) Math.floor(StrictMath.log(u) / logStay);
        }
        id += 1 + gap;
      }
      if (id > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("movie ids overflow an int; lower movieIdSpread");
      }
      ids[i] = (int) id;
    }
    idOff = new int[items + 1];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < items; i++) {
      sb.append(ids[i]);
      idOff[i + 1] = sb.length();
    }
    idText = sb.toString().getBytes(StandardCharsets.US_ASCII);

    // popularity rank of each index: a seeded Fisher–Yates permutation, so ids and popularity
    // are unrelated
    int[] rankOf = new int[items];
    for (int i = 0; i < items; i++) {
      rankOf[i] = i;
    }
    for (int i = items - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = rankOf[i];
      rankOf[i] = rankOf[j];
      rankOf[j] = t;
    }
    double q = c.itemPopularityOffset() * items;
    double s = c.itemPopularityExponent();
    weight = new double[items];
    double top = StrictMath.pow(1 + q, -s);
    for (int i = 0; i < items; i++) {
      weight[i] = StrictMath.pow(1 + rankOf[i] + q, -s) / top;
    }
    alias = new AliasTable(weight);

    bias = new double[items];
    for (int i = 0; i < items; i++) {
      bias[i] = c.itemBiasSd() * normal.next();
    }
    factors = new double[items * k];
    double sd = factorSd(c);
    for (int p = 0; p < factors.length; p++) {
      factors[p] = sd * normal.next();
    }
  }

  /** Per-element sd such that a dot product of two factor vectors has sd {@code interactionSd}. */
  static double factorSd(SynthConfig c) {
    return c.factors() == 0 ? 0 : Math.sqrt(c.interactionSd() / Math.sqrt(c.factors()));
  }

  /** The largest movie id. */
  int maxId() {
    return ids[items - 1];
  }
}
