package io.reco4j.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs blocks of work on a dedicated, short-lived pool of platform threads (never the common
 * pool, never nested). Blocks are claimed dynamically, so their results must be written to
 * per-block slots and reduced by the caller in block order: that keeps results independent of
 * the thread count and of scheduling.
 */
public final class Parallel {
  private Parallel() {}

  /** The number of threads to use when a config says 0 ("all cores"). */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** {@code threads <= 0} means {@link #defaultThreads()}. */
  public static int resolve(int threads) {
    return threads <= 0 ? defaultThreads() : threads;
  }

  /**
   * Calls {@code body.accept(b)} once for every block {@code b} in {@code [0, blocks)}, on at most
   * {@code threads} threads. Returns when all blocks are done; the first failure is rethrown
   * (unchecked exceptions as they are, checked ones wrapped).
   */
  public static void forEachBlock(int threads, int blocks, IntConsumer body) {
    int t = Math.min(resolve(threads), blocks);
    if (t <= 1) {
      for (int b = 0; b < blocks; b++) {
        body.accept(b);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
      Thread th = new Thread(r, "reco4j-worker");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(t);
      for (int k = 0; k < t; k++) {
        futures.add(pool.submit(() -> {
          for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
            body.accept(b);
          }
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          next.set(blocks); // stop the others early
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Splits {@code [0, n)} into contiguous ranges of about {@code grain} elements and calls
   * {@code body.accept(from, to)} for each, in parallel.
   */
  public static void forRange(int threads, int n, int grain, RangeBody body) {
    int g = Math.max(1, grain);
    int blocks = (int) ((n + (long) g - 1) / g);
    forEachBlock(threads, blocks, b -> {
      int from = b * g;
      body.accept(from, Math.min(n, from + g));
    });
  }

  /** A body over a half-open index range. */
  @FunctionalInterface
  public interface RangeBody {
    void accept(int from, int to);
  }
}
