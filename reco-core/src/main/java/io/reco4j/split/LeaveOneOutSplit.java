package io.reco4j.split;

import io.reco4j.data.Dataset;
import java.util.List;

/**
 * Leave-one-out ({@code loo}): for every user with at least two entries, the latest entry by
 * timestamp (ties: the larger item index) is the test; users with one entry keep it in train.
 * Equivalent to {@code user-temporal:1}. Needs timestamps; deterministic: the seed is only
 * recorded.
 */
public record LeaveOneOutSplit() implements Splitter {

  @Override
  public List<Split> split(Dataset data, long seed) {
    return List.of(SplitKernels.holdout(spec(), 0, seed, data,
        UserTemporalSplit.latestPerUser(data, 1, spec())));
  }

  @Override
  public String spec() {
    return "loo";
  }
}
