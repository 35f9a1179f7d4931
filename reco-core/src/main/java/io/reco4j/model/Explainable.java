package io.reco4j.model;

/**
 * A model that can say how much each item of a user's history contributed to the score of a
 * recommended item — the "because you liked X" of a service. The decomposition is additive:
 *
 * <pre>
 *   score(item | history) = baseline + Σ<sub>k</sub> contribution[k]
 * </pre>
 *
 * where {@code score(item | history)} is what {@link FoldIn#scoreItemsForHistory} writes for
 * {@code item} (to float rounding) and {@code baseline} is the part no history item accounts for
 * (global mean and biases, or 0). Each implementation documents how it decomposes its score and
 * cites the source; all current ones are exact decompositions of their fold-in score, not
 * approximations:
 *
 * <ul>
 *   <li>ALS/iALS and SVD: the fold-in user vector is the solution of a ridge regression, linear in
 *       the (residual or confidence-weighted) history, so score<sub>i</sub> = Σ<sub>j</sub>
 *       s<sub>ij</sub> c<sub>j</sub> with s<sub>ij</sub> = y<sub>i</sub><sup>T</sup> W
 *       y<sub>j</sub> (Hu, Koren and Volinsky, ICDM 2008, §5);
 *   <li>EASE and item-kNN: the score is a sum over history items of a weight times the value;
 *   <li>BPR: the SGD fold-in trajectory, each step's update attributed to the history item it was
 *       drawn for.
 * </ul>
 *
 * <p>For a user the model was trained on, pass the training row as the history: the explanation is
 * then that of the fold-in score, which for factor models is close to but not bit-equal to
 * {@link ItemScorer#scoreItems}. Thread-safe; allocates per call, never per catalogue item.
 */
public interface Explainable extends FoldIn {
  /**
   * Decomposes the fold-in score of {@code itemIndex} for a history.
   *
   * @param items dense item indices of the history (no duplicates), as for
   *     {@link FoldIn#scoreItemsForHistory}
   * @param values the interaction values aligned with {@code items}
   * @param itemIndex the dense index of the item whose score is explained
   * @param outContributions receives the contribution of {@code items[k]} at index {@code k};
   *     length at least {@code items.length}
   * @return the baseline: the score minus the sum of the contributions
   */
  float explain(int[] items, float[] values, int itemIndex, float[] outContributions);
}
