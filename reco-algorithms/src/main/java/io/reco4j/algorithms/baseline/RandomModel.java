package io.reco4j.algorithms.baseline;

import io.reco4j.data.IdIndex;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Provenance;

/**
 * The {@code random} model: the score of (u, i) is a uniform pseudo-random float in [0, 1) that is
 * a pure function of (seed, u, i) — a SplitMix64 finaliser (Steele, Lea and Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014; the mixer behind
 * {@link java.util.SplittableRandom}) applied to the seed, the user and the item in turn. The
 * scores therefore do not depend on call order, thread count or which items are asked for, and
 * nothing is allocated. Immutable and thread-safe.
 */
public final class RandomModel extends BaselineModel<RandomConfig> implements ItemScorer {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "random";

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long seed;

  RandomModel(RandomConfig config, Provenance provenance, IdIndex users, IdIndex items) {
    super(config, provenance, users, items);
    this.seed = config.seed();
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  /** The score of dense user {@code userIndex} and dense item {@code itemIndex}, in [0, 1). */
  public float score(int userIndex, int itemIndex) {
    return unit(mix64(userStream(userIndex) + GOLDEN * (itemIndex + 1L)));
  }

  /** Writes {@link #score(int, int)} for every item. */
  @Override
  public void scoreItems(int userIndex, float[] out) {
    long h = userStream(userIndex);
    for (int i = 0, n = items().size(); i < n; i++) {
      out[i] = unit(mix64(h + GOLDEN * (i + 1L)));
    }
  }

  private long userStream(int userIndex) {
    return mix64(mix64(seed + GOLDEN) ^ ((userIndex + 1L) * GOLDEN));
  }

  // the top 24 bits as a float in [0, 1)
  private static float unit(long h) {
    return (h >>> 40) * 0x1.0p-24f;
  }

  // SplitMix64 finaliser (variant 13 of Stafford's mixers)
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
