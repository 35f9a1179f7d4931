package io.reco4j.split;

import io.reco4j.data.Dataset;
import java.util.Objects;

/**
 * One train/test partition of a dataset. All parts share the source's user and item index spaces.
 *
 * <p>For most protocols the model is trained on {@code train} and, at test time, each test user's
 * history is their rows of {@code train}. For the held-out-users protocol (strong generalisation)
 * the test users are absent from {@code train}; part of each test user's history is given to the
 * model as input at test time ({@code testInput}) and the rest is the target ({@code test}).
 *
 * @param protocol the split spec that produced this part, e.g. {@code kfold:5}
 * @param fold 0-based fold number (0 for single-holdout protocols)
 * @param seed the seed the split was drawn with
 * @param train entries to train on
 * @param test entries to predict or rank
 * @param testInput per test user, the history given at test time; null unless the protocol holds
 *     out whole users
 */
public record Split(String protocol, int fold, long seed, Dataset train, Dataset test,
    Dataset testInput) {

  public Split {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (train.users() != test.users() || train.items() != test.items()) {
      throw new IllegalArgumentException("train and test must share index spaces");
    }
    if (testInput != null && (testInput.users() != train.users() || testInput.items() != train.items())) {
      throw new IllegalArgumentException("testInput must share index spaces with train");
    }
  }

  /** The history that test users bring at test time: {@code testInput} when set, else {@code train}. */
  public Dataset history() {
    return testInput != null ? testInput : train;
  }
}
