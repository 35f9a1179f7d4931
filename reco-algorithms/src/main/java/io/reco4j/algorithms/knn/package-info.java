/**
 * Neighbourhood models: item-kNN ({@code itemknn}, {@link io.reco4j.algorithms.knn.ItemKnnTrainer})
 * and user-kNN ({@code userknn}, {@link io.reco4j.algorithms.knn.UserKnnTrainer}) with cosine,
 * adjusted cosine, Pearson, baseline-centred Pearson and Jaccard similarities, shrinkage and
 * minimum support ({@link io.reco4j.algorithms.knn.Similarity}), optional TF-IDF/BM25 weighting
 * ({@link io.reco4j.algorithms.knn.Weighting}); rating prediction as Surprise's
 * {@code KNNBaseline}, ranking as implicit's nearest-neighbour recommenders. The all-pairs
 * similarities come from one sparse × sparse kernel ({@link
 * io.reco4j.algorithms.knn.SimilarityKernel}).
 */
package io.reco4j.algorithms.knn;
