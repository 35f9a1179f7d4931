package io.reco4j.algorithms.baseline;

import io.reco4j.data.IdIndex;
import io.reco4j.model.FoldIn;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Provenance;

/**
 * The {@code popular} model: the score of item {@code i} is its number of training interactions,
 * for every user (cold ones included). Items with equal counts tie and fall back to the ranker's
 * tie order (ascending item index for {@link io.reco4j.rank.TopN}). Scores are exact as floats up
 * to 2<sup>24</sup> interactions per item. It serves brand-new users through {@link FoldIn}: the
 * history is ignored and every user, known or not, gets the same scores — the fallback a service
 * uses for a user with no history at all. Immutable and thread-safe.
 */
public final class PopularModel extends BaselineModel<PopularConfig> implements ItemScorer, FoldIn {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "popular";

  private final int[] counts;

  PopularModel(PopularConfig config, Provenance provenance, IdIndex users, IdIndex items,
      int[] counts) {
    super(config, provenance, users, items);
    if (counts.length != items.size()) {
      throw new IllegalArgumentException(counts.length + " counts for " + items.size() + " items");
    }
    this.counts = counts;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  /** Number of training interactions of dense item {@code itemIndex}. */
  public int count(int itemIndex) {
    return counts[itemIndex];
  }

  /** Writes every item's interaction count; the same for every user. */
  @Override
  public void scoreItems(int userIndex, float[] out) {
    int[] c = counts;
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i];
    }
  }

  /** Writes every item's interaction count, whatever the history (which may be empty). */
  @Override
  public void scoreItemsForHistory(int[] items, float[] values, float[] out) {
    scoreItems(0, out);
  }

  // for the codec: the backing array, never handed out publicly
  int[] counts() {
    return counts;
  }
}
