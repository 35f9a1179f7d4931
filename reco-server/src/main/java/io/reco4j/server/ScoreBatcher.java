package io.reco4j.server;

import io.reco4j.model.ItemScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Groups concurrent "score every item for this known user" requests so that one pass over the
 * item factors serves several of them ({@link ItemScorer#scoreItems(int[], float[][])}). No extra
 * thread: the first request to find no pass running becomes the leader, takes every request waiting
 * at that moment (up to {@link #MAX_BATCH}) and scores them together, while later arrivals queue
 * for the next pass. When the previous pass ended within {@link #BUSY_NANOS}, the leader first
 * waits up to {@link #HOLD_NANOS} for {@link #TARGET_BATCH} requests. An idle server therefore
 * scores a lone request at once, and a busy one batches by itself — the busier, the larger the
 * batches and the fewer bytes of factors read per request. Scores are bit-identical to scoring
 * one user alone.
 *
 * <p>Thread-safe. Requests for different models (during a model swap) are scored per model.
 */
final class ScoreBatcher {
  /** Most requests scored in one pass. */
  static final int MAX_BATCH = 16;

  private static final class Pending {
    final ItemScorer scorer;
    final int user;
    final float[] out;
    boolean done;
    RuntimeException failure;

    Pending(ItemScorer scorer, int user, float[] out) {
      this.scorer = scorer;
      this.user = user;
      this.out = out;
    }
  }

  /** Requests a busy leader waits for before it starts a pass. */
  static final int TARGET_BATCH = 8;
  /** Longest a busy leader holds a pass back for more requests. */
  static final long HOLD_NANOS = 300_000;
  /** A pass that ended this recently means the server is busy enough to batch. */
  static final long BUSY_NANOS = 700_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Condition finished = lock.newCondition();
  private final List<Pending> queue = new ArrayList<>();
  private boolean running;
  private boolean holding;
  private long lastPassEnd = Long.MIN_VALUE / 2;
  private long batches;
  private long scored;

  /** Writes {@code scorer}'s scores of every item for dense user {@code user} into {@code out}. */
  void score(ItemScorer scorer, int user, float[] out) {
    Pending me = new Pending(scorer, user, out);
    List<Pending> batch;
    lock.lock();
    try {
      queue.add(me);
      if (holding && queue.size() >= TARGET_BATCH) {
        arrived.signal();
      }
      while (running && !me.done) {
        finished.awaitUninterruptibly();
      }
      if (me.done) {
        rethrow(me);
        return;
      }
      // lead the next pass
      running = true;
      long now = System.nanoTime();
      if (queue.size() < TARGET_BATCH && now - lastPassEnd < BUSY_NANOS) {
        // busy server: hold the pass back briefly so that it serves more requests per read of
        // the item factors; an idle server never waits
        holding = true;
        long deadline = now + HOLD_NANOS;
        long left;
        while (queue.size() < TARGET_BATCH && (left = deadline - System.nanoTime()) > 0) {
          try {
            arrived.awaitNanos(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        holding = false;
      }
      int take = Math.min(MAX_BATCH, queue.size());
      batch = new ArrayList<>(queue.subList(0, take));
      queue.subList(0, take).clear();
      if (!batch.contains(me)) {
        // the leader is whoever takes the lock first, not the head of the queue: with more than
        // MAX_BATCH waiting it may be further back, and it always scores itself
        batch.add(me);
        queue.remove(me);
      }
    } finally {
      lock.unlock();
    }
    try {
      scoreBatch(batch);
    } finally {
      lock.lock();
      try {
        for (Pending p : batch) {
          p.done = true;
        }
        batches++;
        scored += batch.size();
        running = false;
        lastPassEnd = System.nanoTime();
        finished.signalAll();
      } finally {
        lock.unlock();
      }
    }
    rethrow(me);
  }

  private static void rethrow(Pending p) {
    if (p.failure != null) {
      throw p.failure;
    }
  }

  private static void scoreBatch(List<Pending> batch) {
    int from = 0;
    while (from < batch.size()) {
      ItemScorer scorer = batch.get(from).scorer;
      int to = from;
      while (to < batch.size() && batch.get(to).scorer == scorer) {
        to++;
      }
      int[] users = new int[to - from];
      float[][] outs = new float[to - from][];
      for (int j = from; j < to; j++) {
        users[j - from] = batch.get(j).user;
        outs[j - from] = batch.get(j).out;
      }
      try {
        scorer.scoreItems(users, outs);
      } catch (RuntimeException e) {
        for (int j = from; j < to; j++) {
          batch.get(j).failure = e;
        }
      }
      from = to;
    }
  }

  /** Batches run so far and requests they scored: the mean batch size, for metrics. */
  long[] counts() {
    lock.lock();
    try {
      return new long[] {batches, scored};
    } finally {
      lock.unlock();
    }
  }
}
