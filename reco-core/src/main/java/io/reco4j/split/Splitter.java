package io.reco4j.split;

import io.reco4j.data.Dataset;
import java.util.List;

/**
 * An evaluation protocol: turns a dataset into one or more train/test {@link Split}s.
 *
 * <p>Every part of every split is a selection of the source matrix's entries (see
 * {@link io.reco4j.data.CsrMatrix#select}), so all parts share the source's user and item index
 * spaces, and values and timestamps travel with their entries. Train, test and test input are
 * disjoint and together hold every entry of the source, except under
 * {@code heldout-users:...:seen-items} ({@link HeldOutUsersSplit#seenItemsOnly()}), which drops
 * held-out users' entries on items absent from train.
 *
 * <p>Implementations are immutable, thread-safe and deterministic: the same dataset and seed give
 * equal splits on every run, whatever the thread count. Their randomness comes from
 * {@link java.util.SplittableRandom} streams derived from the seed (and, per user, from the user
 * index), never from thread identity or a global generator.
 *
 * <p>Obtain one from a text spec with {@link Splits#parse(String)}, or construct a protocol record
 * such as {@link KFoldSplit} directly.
 */
public interface Splitter {

  /**
   * Splits {@code data}.
   *
   * @param data the dataset to split; not modified
   * @param seed the seed for every random choice (ignored by purely temporal protocols, but
   *     recorded in each {@link Split})
   * @return the splits in fold order: one for holdout protocols, K for K-fold; each carries
   *     {@link #spec()} as its protocol
   * @throws IllegalArgumentException when the protocol cannot be applied to this dataset (no
   *     timestamps for a temporal protocol, fewer entries than folds, too few eligible users)
   */
  List<Split> split(Dataset data, long seed);

  /** The canonical spec of this protocol, accepted by {@link Splits#parse(String)}. */
  String spec();
}
