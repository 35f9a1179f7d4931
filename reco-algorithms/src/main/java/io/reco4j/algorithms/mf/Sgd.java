package io.reco4j.algorithms.mf;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.util.Parallel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery the SGD trainers share: seeded streams, the blocked layout of the ratings, the
 * phase scheduler that runs strata on a fixed set of workers, and codec helpers.
 */
final class Sgd {
  // stream tags: the purpose of a random stream, mixed into its seed
  static final long INIT = 1;
  static final long USER_BLOCKS = 2;
  static final long ITEM_BLOCKS = 3;
  static final long STRATUM_ORDER = 4;
  static final long CELL_ORDER = 5;
  static final long USER_ORDER = 6;

  private Sgd() {}

  /** A stream that depends only on (seed, tag, a, b), mixed so that nearby inputs do not overlap. */
  static SplittableRandom stream(long seed, long tag, long a, long b) {
    long h = mix(seed ^ 0x243F6A8885A308D3L);
    h = mix(h + tag * 0x9E3779B97F4A7C15L);
    h = mix(h + a * 0xC2B2AE3D27D4EB4FL);
    h = mix(h + b * 0x165667B19E3779F9L);
    return new SplittableRandom(h);
  }

  // the 64-bit finaliser of MurmurHash3
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  /** {@code n} values drawn from N(0, std²), in order. */
  static float[] gaussian(SplittableRandom rnd, int n, float std) {
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = (float) (rnd.nextGaussian() * std);
    }
    return a;
  }

  /** The mean rating, summed in storage order in double precision. */
  static double mean(Dataset data, String algorithm) {
    float[] v = data.matrix().values();
    if (v.length == 0) {
      throw new IllegalArgumentException(algorithm + ": training data '" + data.name()
          + "' has no interactions");
    }
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** {min, max} of the stored ratings (the clip range of predictions). */
  static float[] range(Dataset data) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float x : data.matrix().values()) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return new float[] {lo, hi};
  }

  /** Zeroes the factor rows of users without ratings and of items without raters. */
  static void zeroCold(CsrMatrix m, int f, float[] p, float[] q) {
    zeroColdUsers(m, f, p);
    zeroColdItems(m, f, q);
  }

  /** Zeroes the rows {@code u} of a users × f array where user u has no ratings. */
  static void zeroColdUsers(CsrMatrix m, int f, float[] p) {
    for (int u = 0; u < m.rows(); u++) {
      if (m.rowLength(u) == 0) {
        java.util.Arrays.fill(p, u * f, (u + 1) * f, 0f);
      }
    }
  }

  /** Zeroes the rows {@code i} of an items × f array where item i has no ratings. */
  static void zeroColdItems(CsrMatrix m, int f, float[] q) {
    int[] counts = m.colCounts();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        java.util.Arrays.fill(q, i * f, (i + 1) * f, 0f);
      }
    }
  }

  /** Seconds since {@code start} (a {@link System#nanoTime()} value). */
  static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * The ratings dealt into {@code blocks × blocks} cells. Users and items are assigned to blocks
   * by a seeded random permutation (dealt round-robin, so block sizes differ by at most one and
   * popular items spread evenly); cell {@code (ub, ib)} has index {@code ub * blocks + ib} and
   * holds its ratings in {@code [cellPtr[c], cellPtr[c + 1])} of the three parallel arrays,
   * which the trainer reshuffles in place every epoch.
   */
  static final class Blocked {
    final int blocks;
    final int[] cellPtr;
    final int[] user;
    final int[] item;
    final float[] rating;

    Blocked(CsrMatrix m, int blocks, long seed) {
      this.blocks = blocks;
      int[] ub = deal(m.rows(), blocks, stream(seed, USER_BLOCKS, 0, 0));
      int[] ib = deal(m.cols(), blocks, stream(seed, ITEM_BLOCKS, 0, 0));
      int cells = blocks * blocks;
      int[] count = new int[cells + 1];
      int[] ptr = m.rowPtr();
      int[] col = m.colIdx();
      for (int u = 0; u < m.rows(); u++) {
        for (int p = ptr[u]; p < ptr[u + 1]; p++) {
          count[ub[u] * blocks + ib[col[p]] + 1]++;
        }
      }
      for (int c = 0; c < cells; c++) {
        count[c + 1] += count[c];
      }
      cellPtr = count.clone();
      int nnz = m.nnz();
      user = new int[nnz];
      item = new int[nnz];
      rating = new float[nnz];
      float[] val = m.values();
      for (int u = 0; u < m.rows(); u++) {
        for (int p = ptr[u]; p < ptr[u + 1]; p++) {
          int c = ub[u] * blocks + ib[col[p]];
          int at = count[c]++;
          user[at] = u;
          item[at] = col[p];
          rating[at] = val[p];
        }
      }
    }

    private static int[] deal(int n, int blocks, SplittableRandom rnd) {
      int[] perm = new int[n];
      for (int k = 0; k < n; k++) {
        perm[k] = k;
      }
      for (int k = n - 1; k > 0; k--) {
        int j = rnd.nextInt(k + 1);
        int t = perm[k];
        perm[k] = perm[j];
        perm[j] = t;
      }
      int[] block = new int[n];
      for (int k = 0; k < n; k++) {
        block[perm[k]] = k % blocks;
      }
      return block;
    }

    /** Fisher–Yates shuffle of cell {@code c} in place, from a stream of (seed, epoch, cell). */
    void shuffle(int c, long seed, int epoch) {
      SplittableRandom rnd = stream(seed, CELL_ORDER, epoch, c);
      int from = cellPtr[c];
      for (int k = cellPtr[c + 1] - 1; k > from; k--) {
        int j = from + rnd.nextInt(k - from + 1);
        int tu = user[k];
        user[k] = user[j];
        user[j] = tu;
        int ti = item[k];
        item[k] = item[j];
        item[j] = ti;
        float tr = rating[k];
        rating[k] = rating[j];
        rating[j] = tr;
      }
    }

    /**
     * The order of the strata in an epoch: stratum {@code s} pairs user block {@code b} with item
     * block {@code (b + order[s]) mod blocks}.
     */
    int[] stratumOrder(long seed, int epoch) {
      SplittableRandom rnd = stream(seed, STRATUM_ORDER, epoch, 0);
      int[] o = new int[blocks];
      for (int k = 0; k < blocks; k++) {
        o[k] = k;
      }
      for (int k = blocks - 1; k > 0; k--) {
        int j = rnd.nextInt(k + 1);
        int t = o[k];
        o[k] = o[j];
        o[j] = t;
      }
      return o;
    }
  }

  /** A step of training: {@code tasks()} independent tasks that may run in parallel. */
  interface Phase {
    int tasks();

    void run(int task);
  }

  /** A phase of {@code n} tasks. */
  static Phase phase(int n, java.util.function.IntConsumer body) {
    return new Phase() {
      @Override
      public int tasks() {
        return n;
      }

      @Override
      public void run(int task) {
        body.accept(task);
      }
    };
  }

  /**
   * Runs the phases in order; the tasks of a phase run on up to {@code threads} workers and a
   * barrier separates consecutive phases. One pool (through {@link Parallel}) serves all phases,
   * so no threads are created per phase. Results must not depend on which worker runs a task.
   */
  static void run(int threads, int maxTasks, List<Phase> phases) {
    int t = Math.min(Parallel.resolve(threads), Math.max(1, maxTasks));
    if (t <= 1) {
      for (Phase ph : phases) {
        for (int k = 0; k < ph.tasks(); k++) {
          ph.run(k);
        }
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    CyclicBarrier barrier = new CyclicBarrier(t, () -> next.set(0));
    Throwable[] failure = new Throwable[1];
    Parallel.forEachBlock(t, t, w -> {
      for (Phase ph : phases) {
        boolean failed;
        synchronized (failure) {
          failed = failure[0] != null;
        }
        if (!failed) {
          try {
            for (int k = next.getAndIncrement(); k < ph.tasks(); k = next.getAndIncrement()) {
              ph.run(k);
            }
          } catch (Throwable e) {
            synchronized (failure) {
              if (failure[0] == null) {
                failure[0] = e;
              }
            }
          }
        }
        try {
          barrier.await(); // every worker keeps arriving, so a failure never deadlocks the rest
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (BrokenBarrierException e) {
          throw new IllegalStateException("training barrier broken", e);
        }
      }
    });
    if (failure[0] instanceof RuntimeException re) {
      throw re;
    }
    if (failure[0] instanceof Error err) {
      throw err;
    }
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
  }

  // ---- codec helpers ----





}
