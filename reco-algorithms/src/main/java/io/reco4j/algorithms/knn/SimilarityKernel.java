package io.reco4j.algorithms.knn;

import io.reco4j.data.CsrMatrix;
import io.reco4j.util.Parallel;

/**
 * The all-pairs neighbour kernel: for every row {@code a} of an entity × feature matrix (items ×
 * users for item-kNN, users × items for user-kNN), the similarities to every row sharing a
 * feature, and the most similar ones kept.
 *
 * <p>It is a sparse × sparse product walked row by row: for entity {@code a}, each of its features
 * {@code o} (a column of row {@code a}) is followed to the entities of feature {@code o} (row
 * {@code o} of the transpose), and the products and counts of the pair are added into dense
 * per-thread accumulators indexed by the other entity, with a list of the touched slots to finish
 * and reset them. No pair objects and no {@code n × n} matrix exist; memory is {@code O(n)} per
 * thread plus the kept lists. Cost is {@code Σ_o |column o|²} multiply-adds.
 *
 * <p>Entities are processed in blocks claimed by worker threads ({@link Parallel}); each entity's
 * sums run in a fixed order (its features ascending, then the feature's entities ascending) and
 * its list is kept by a total order (similarity descending, index ascending), so the result is
 * bit-identical for any thread count.
 */
public final class SimilarityKernel {
  // entities per block: large enough to amortise claiming, small enough to balance skewed rows
  private static final int GRAIN = 32;

  private SimilarityKernel() {}

  /**
   * Computes the neighbour lists of every row of {@code byEntity}.
   *
   * @param byEntity entity × feature values: raw or weighted values for {@link Similarity#COSINE},
   *     centred values for the Pearson-type measures, anything for {@link Similarity#JACCARD};
   *     its cached transpose is built if missing
   * @param similarity the measure; the centring it implies must already be in the values
   * @param shrinkage λ of {@code sim · n/(n + λ)}, 0 for none
   * @param minSupport pairs with fewer shared features are dropped
   * @param maxNeighbors neighbours kept per entity, 0 for every positive one
   * @param threads worker threads, 0 for all cores
   */
  public static Neighbors compute(CsrMatrix byEntity, Similarity similarity, float shrinkage,
      int minSupport, int maxNeighbors, int threads) {
    int n = byEntity.rows();
    CsrMatrix byFeature = byEntity.transpose();
    float[] invNorm = similarity == Similarity.COSINE ? inverseNorms(byEntity) : null;
    int cap = maxNeighbors <= 0 ? Math.max(0, n - 1) : Math.min(maxNeighbors, Math.max(0, n - 1));
    int[][] outIdx = new int[n][];
    float[][] outSim = new float[n][];
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(
        () -> new Scratch(n, cap, similarity.overCommonSupport()));
    Parallel.forRange(threads, n, GRAIN, (from, to) -> {
      Scratch s = scratch.get();
      for (int a = from; a < to; a++) {
        int found;
        if (similarity.overCommonSupport()) {
          found = common(byEntity, byFeature, a, s, shrinkage, minSupport);
        } else if (similarity == Similarity.COSINE) {
          found = cosine(byEntity, byFeature, a, s, invNorm, shrinkage, minSupport);
        } else {
          found = jaccard(byEntity, byFeature, a, s, shrinkage, minSupport);
        }
        int[] ix = new int[found];
        float[] sv = new float[found];
        s.heap.drainTo(ix, sv, 0);
        outIdx[a] = ix;
        outSim[a] = sv;
      }
    });
    int[] ptr = new int[n + 1];
    for (int a = 0; a < n; a++) {
      ptr[a + 1] = ptr[a] + outIdx[a].length;
    }
    int[] idx = new int[ptr[n]];
    float[] sim = new float[ptr[n]];
    for (int a = 0; a < n; a++) {
      System.arraycopy(outIdx[a], 0, idx, ptr[a], outIdx[a].length);
      System.arraycopy(outSim[a], 0, sim, ptr[a], outSim[a].length);
      outIdx[a] = null;
      outSim[a] = null;
    }
    return new Neighbors(ptr, idx, sim);
  }

  /** 1/‖row‖ of every row (0 for an empty or all-zero row), sums in double in row order. */
  static float[] inverseNorms(CsrMatrix m) {
    float[] inv = new float[m.rows()];
    int[] ptr = m.rowPtr();
    float[] val = m.values();
    for (int r = 0; r < inv.length; r++) {
      double sq = 0;
      for (int p = ptr[r]; p < ptr[r + 1]; p++) {
        sq += (double) val[p] * val[p];
      }
      inv[r] = sq > 0 ? (float) (1 / Math.sqrt(sq)) : 0f;
    }
    return inv;
  }

  /** Per-thread accumulators over all entities, reset through the touched list after each row. */
  private static final class Scratch {
    final int[] count;
    final float[] dot;
    final float[] sqA; // Σ x_oa² over the shared features (common-support measures only)
    final float[] sqB;
    final int[] touched;
    final NeighborHeap heap;

    Scratch(int n, int cap, boolean common) {
      count = new int[n];
      dot = new float[n];
      sqA = common ? new float[n] : null;
      sqB = common ? new float[n] : null;
      touched = new int[n];
      heap = new NeighborHeap(cap);
    }
  }

  private static float shrink(float s, int c, float shrinkage) {
    return shrinkage > 0 ? (float) (s * ((double) c / (c + shrinkage))) : s;
  }

  private static int cosine(CsrMatrix e, CsrMatrix f, int a, Scratch s, float[] invNorm,
      float shrinkage, int minSupport) {
    int[] ePtr = e.rowPtr();
    int[] eCol = e.colIdx();
    float[] eVal = e.values();
    int[] fPtr = f.rowPtr();
    int[] fCol = f.colIdx();
    float[] fVal = f.values();
    int[] count = s.count;
    float[] dot = s.dot;
    int[] touched = s.touched;
    int nt = 0;
    for (int p = ePtr[a], pe = ePtr[a + 1]; p < pe; p++) {
      int o = eCol[p];
      float x = eVal[p];
      for (int q = fPtr[o], qe = fPtr[o + 1]; q < qe; q++) {
        int b = fCol[q];
        if (count[b]++ == 0) {
          touched[nt++] = b;
        }
        dot[b] += x * fVal[q];
      }
    }
    NeighborHeap heap = s.heap;
    heap.clear();
    float ia = invNorm[a];
    for (int t = 0; t < nt; t++) {
      int b = touched[t];
      int c = count[b];
      if (b != a && c >= minSupport) {
        float sim = shrink(dot[b] * ia * invNorm[b], c, shrinkage);
        if (sim > 0) {
          heap.offer(b, sim);
        }
      }
      count[b] = 0;
      dot[b] = 0;
    }
    return heap.size();
  }

  private static int common(CsrMatrix e, CsrMatrix f, int a, Scratch s, float shrinkage,
      int minSupport) {
    int[] ePtr = e.rowPtr();
    int[] eCol = e.colIdx();
    float[] eVal = e.values();
    int[] fPtr = f.rowPtr();
    int[] fCol = f.colIdx();
    float[] fVal = f.values();
    int[] count = s.count;
    float[] dot = s.dot;
    float[] sqA = s.sqA;
    float[] sqB = s.sqB;
    int[] touched = s.touched;
    int nt = 0;
    for (int p = ePtr[a], pe = ePtr[a + 1]; p < pe; p++) {
      int o = eCol[p];
      float x = eVal[p];
      float xx = x * x;
      for (int q = fPtr[o], qe = fPtr[o + 1]; q < qe; q++) {
        int b = fCol[q];
        float y = fVal[q];
        if (count[b]++ == 0) {
          touched[nt++] = b;
        }
        dot[b] += x * y;
        sqA[b] += xx;
        sqB[b] += y * y;
      }
    }
    NeighborHeap heap = s.heap;
    heap.clear();
    for (int t = 0; t < nt; t++) {
      int b = touched[t];
      int c = count[b];
      if (b != a && c >= minSupport) {
        double den = (double) sqA[b] * sqB[b];
        if (den > 0) {
          float sim = shrink((float) (dot[b] / Math.sqrt(den)), c, shrinkage);
          if (sim > 0) {
            heap.offer(b, sim);
          }
        }
      }
      count[b] = 0;
      dot[b] = 0;
      sqA[b] = 0;
      sqB[b] = 0;
    }
    return heap.size();
  }

  private static int jaccard(CsrMatrix e, CsrMatrix f, int a, Scratch s, float shrinkage,
      int minSupport) {
    int[] ePtr = e.rowPtr();
    int[] eCol = e.colIdx();
    int[] fPtr = f.rowPtr();
    int[] fCol = f.colIdx();
    int[] count = s.count;
    int[] touched = s.touched;
    int nt = 0;
    for (int p = ePtr[a], pe = ePtr[a + 1]; p < pe; p++) {
      int o = eCol[p];
      for (int q = fPtr[o], qe = fPtr[o + 1]; q < qe; q++) {
        int b = fCol[q];
        if (count[b]++ == 0) {
          touched[nt++] = b;
        }
      }
    }
    NeighborHeap heap = s.heap;
    heap.clear();
    int na = ePtr[a + 1] - ePtr[a];
    for (int t = 0; t < nt; t++) {
      int b = touched[t];
      int c = count[b];
      if (b != a && c >= minSupport) {
        int union = na + (ePtr[b + 1] - ePtr[b]) - c;
        float sim = shrink((float) c / union, c, shrinkage);
        if (sim > 0) {
          heap.offer(b, sim);
        }
      }
      count[b] = 0;
    }
    return heap.size();
  }
}
