package io.reco4j.algorithms.knn;

import io.reco4j.data.CsrMatrix;
import io.reco4j.util.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

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
 * <p>With a bounded list length ({@code maxNeighbors > 0}) and {@code workers × entities ×
 * maxNeighbors} within a budget of 2<sup>25</sup> heap entries (8 bytes each), the kernel
 * computes each pair once (entity {@code a} walks only the entities {@code b > a} of each
 * feature) and offers it to both entities' bounded heaps of the worker's scratch; the per-worker
 * heaps are merged at the end. This halves the multiply-adds (1.5× less CPU time measured on
 * 5M synthetic ratings). Otherwise (every positive neighbour kept, or too many entities) each
 * entity walks all pairs and keeps its own list.
 *
 * <p>Entities are processed in blocks claimed by worker threads ({@link Parallel}). A pair's sums
 * run over the shared features in ascending order, whichever side computes them, and its
 * similarity is a symmetric expression of them, so it is the same bits on both paths; every list
 * is kept by a total order (similarity descending, index ascending). The result is therefore
 * bit-identical for any thread count and on either path.
 */
public final class SimilarityKernel {
  // entities per block: large enough to amortise claiming, small enough to balance skewed rows
  private static final int GRAIN = 32;
  // the half path keeps workers × entities × cap heap entries; above this it takes the full path
  private static final long HALF_BUDGET = 1L << 25;

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
    return compute(byEntity, similarity, shrinkage, minSupport, maxNeighbors, threads, true);
  }

  /**
   * {@link #compute(CsrMatrix, Similarity, float, int, int, int)} with the half path (each pair
   * computed once) allowed or not; the result is the same either way. For benchmarks and tests.
   */
  public static Neighbors compute(CsrMatrix byEntity, Similarity similarity, float shrinkage,
      int minSupport, int maxNeighbors, int threads, boolean allowHalf) {
    int n = byEntity.rows();
    CsrMatrix byFeature = byEntity.transpose();
    float[] invNorm = similarity == Similarity.COSINE ? inverseNorms(byEntity) : null;
    int cap = maxNeighbors <= 0 ? Math.max(0, n - 1) : Math.min(maxNeighbors, Math.max(0, n - 1));
    int workers = Math.max(1, Math.min(Parallel.resolve(threads), (n + GRAIN - 1) / GRAIN));
    boolean half = allowHalf && maxNeighbors > 0 && (long) workers * n * cap <= HALF_BUDGET;
    boolean common = similarity.overCommonSupport();
    // scratch is pooled, not thread-local: at most one per worker, never left behind on a thread
    ConcurrentLinkedQueue<Scratch> pool = new ConcurrentLinkedQueue<>();
    List<Scratch> created = Collections.synchronizedList(new ArrayList<>());
    int[][] outIdx = half ? null : new int[n][];
    float[][] outSim = half ? null : new float[n][];
    Parallel.forRange(threads, n, GRAIN, (from, to) -> {
      Scratch s = pool.poll();
      if (s == null) {
        s = new Scratch(n, half ? n : 1, cap, common);
        created.add(s);
      }
      for (int a = from; a < to; a++) {
        if (common) {
          common(byEntity, byFeature, a, s, shrinkage, minSupport, half);
        } else if (similarity == Similarity.COSINE) {
          cosine(byEntity, byFeature, a, s, invNorm, shrinkage, minSupport, half);
        } else {
          jaccard(byEntity, byFeature, a, s, shrinkage, minSupport, half);
        }
        if (!half) {
          int found = s.heap.size();
          outIdx[a] = new int[found];
          outSim[a] = new float[found];
          s.heap.drainTo(outIdx[a], outSim[a], 0);
        }
      }
      pool.offer(s);
    });
    return half ? merge(created, n, cap, threads) : flatten(outIdx, outSim);
  }

  /**
   * The half path: every pair was offered once, by its smaller entity, to both entities' heaps of
   * whichever scratch computed it. Each scratch keeps the best {@code cap} of the pairs it saw per
   * entity, so the union over scratches contains each entity's best {@code cap}: the best of the
   * union is the same whichever scratch computed which pair.
   */
  private static Neighbors merge(List<Scratch> parts, int n, int cap, int threads) {
    Scratch[] ps = parts.toArray(new Scratch[0]);
    int[][] outIdx = new int[n][];
    float[][] outSim = new float[n][];
    ConcurrentLinkedQueue<NeighborHeap> pool = new ConcurrentLinkedQueue<>();
    Parallel.forRange(threads, n, 1024, (from, to) -> {
      NeighborHeap h = pool.poll();
      if (h == null) {
        h = new NeighborHeap(cap);
      }
      for (int a = from; a < to; a++) {
        for (Scratch p : ps) {
          h.offerAll(p.heap, a);
        }
        int found = h.size();
        outIdx[a] = new int[found];
        outSim[a] = new float[found];
        h.drainTo(outIdx[a], outSim[a], 0);
      }
      pool.offer(h);
    });
    return flatten(outIdx, outSim);
  }

  private static Neighbors flatten(int[][] outIdx, float[][] outSim) {
    int n = outIdx.length;
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

    Scratch(int n, int slots, int cap, boolean common) {
      count = new int[n];
      dot = new float[n];
      sqA = common ? new float[n] : null;
      sqB = common ? new float[n] : null;
      touched = new int[n];
      heap = new NeighborHeap(slots, cap);
    }
  }

  private static float shrink(float s, int c, float shrinkage) {
    return shrinkage > 0 ? (float) (s * ((double) c / (c + shrinkage))) : s;
  }

  // where the walk of feature row [lo, hi) starts: past entity a itself on the half path
  private static int first(int[] fCol, int lo, int hi, int a, boolean half) {
    return half ? Arrays.binarySearch(fCol, lo, hi, a) + 1 : lo;
  }

  private static void keep(NeighborHeap heap, int a, int b, float sim, boolean half) {
    if (half) {
      heap.offer(a, b, sim);
      heap.offer(b, a, sim);
    } else {
      heap.offer(b, sim);
    }
  }

  private static void cosine(CsrMatrix e, CsrMatrix f, int a, Scratch s, float[] invNorm,
      float shrinkage, int minSupport, boolean half) {
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
      for (int q = first(fCol, fPtr[o], fPtr[o + 1], a, half), qe = fPtr[o + 1]; q < qe;
          q++) {
        int b = fCol[q];
        if (count[b]++ == 0) {
          touched[nt++] = b;
        }
        dot[b] += x * fVal[q];
      }
    }
    NeighborHeap heap = s.heap;
    float ia = invNorm[a];
    for (int t = 0; t < nt; t++) {
      int b = touched[t];
      int c = count[b];
      if (b != a && c >= minSupport) {
        float sim = shrink(dot[b] * (ia * invNorm[b]), c, shrinkage);
        if (sim > 0) {
          keep(heap, a, b, sim, half);
        }
      }
      count[b] = 0;
      dot[b] = 0;
    }
  }

  private static void common(CsrMatrix e, CsrMatrix f, int a, Scratch s, float shrinkage,
      int minSupport, boolean half) {
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
      for (int q = first(fCol, fPtr[o], fPtr[o + 1], a, half), qe = fPtr[o + 1]; q < qe;
          q++) {
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
    for (int t = 0; t < nt; t++) {
      int b = touched[t];
      int c = count[b];
      if (b != a && c >= minSupport) {
        double den = (double) sqA[b] * sqB[b];
        if (den > 0) {
          float sim = shrink((float) (dot[b] / Math.sqrt(den)), c, shrinkage);
          if (sim > 0) {
            keep(heap, a, b, sim, half);
          }
        }
      }
      count[b] = 0;
      dot[b] = 0;
      sqA[b] = 0;
      sqB[b] = 0;
    }
  }

  private static void jaccard(CsrMatrix e, CsrMatrix f, int a, Scratch s, float shrinkage,
      int minSupport, boolean half) {
    int[] ePtr = e.rowPtr();
    int[] eCol = e.colIdx();
    int[] fPtr = f.rowPtr();
    int[] fCol = f.colIdx();
    int[] count = s.count;
    int[] touched = s.touched;
    int nt = 0;
    for (int p = ePtr[a], pe = ePtr[a + 1]; p < pe; p++) {
      int o = eCol[p];
      for (int q = first(fCol, fPtr[o], fPtr[o + 1], a, half), qe = fPtr[o + 1]; q < qe;
          q++) {
        int b = fCol[q];
        if (count[b]++ == 0) {
          touched[nt++] = b;
        }
      }
    }
    NeighborHeap heap = s.heap;
    int na = ePtr[a + 1] - ePtr[a];
    for (int t = 0; t < nt; t++) {
      int b = touched[t];
      int c = count[b];
      if (b != a && c >= minSupport) {
        int union = na + (ePtr[b + 1] - ePtr[b]) - c;
        float sim = shrink((float) c / union, c, shrinkage);
        if (sim > 0) {
          keep(heap, a, b, sim, half);
        }
      }
      count[b] = 0;
    }
  }
}
