package io.reco4j.algorithms.baseline;

import io.reco4j.data.IdIndex;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Provenance;
import io.reco4j.model.RatingPredictor;
import java.util.Arrays;

/**
 * The {@code global-mean} model: predicts μ, the mean training rating, for every (user, item).
 * As an {@link ItemScorer} every item gets the same score, so a top-N list falls back to the
 * ranker's tie order (ascending item index for {@link io.reco4j.rank.TopN}). Immutable and
 * thread-safe.
 */
public final class GlobalMeanModel extends BaselineModel<GlobalMeanConfig>
    implements RatingPredictor, ItemScorer {
  /** The registered algorithm name. */
  public static final String ALGORITHM = "global-mean";

  private final float mean;

  GlobalMeanModel(GlobalMeanConfig config, Provenance provenance, IdIndex users, IdIndex items,
      float mean) {
    super(config, provenance, users, items);
    this.mean = mean;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  /** μ, the mean training rating. */
  public float mean() {
    return mean;
  }

  /** Returns μ for any user and item, including cold ones. */
  @Override
  public float predict(int userIndex, int itemIndex) {
    return mean;
  }

  /** Writes μ into the first {@code items().size()} entries of {@code out}. */
  @Override
  public void scoreItems(int userIndex, float[] out) {
    Arrays.fill(out, 0, items().size(), mean);
  }
}
