package io.reco4j.server.training;

import io.reco4j.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TrainingPipeline} on demand ({@link #submit}) and automatically: every
 * {@code every} (when not null), and when at least {@code afterEvents} events (when {@code > 0})
 * were stored since the last run's watermark.
 *
 * <p><b>Single-flight.</b> All runs go through one dedicated worker thread, so two trainings never
 * overlap; a manual submission while one runs waits as {@code queued}, and an automatic trigger
 * is skipped while any job is queued or running. A run that throws is logged and recorded as a
 * {@code failed} job; the scheduler carries on. The trigger check runs every
 * {@code pollInterval} on its own thread and only reads the store's last sequence. Jobs are kept
 * for {@link #job} (the most recent 1,000). Thread-safe.
 */
public final class RetrainScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainScheduler.class);
  private static final int KEEP_JOBS = 1000;

  private final TrainingPipeline pipeline;
  private final EventStore store;
  private final Duration every;
  private final long afterEvents;
  private final Duration pollInterval;
  private final ExecutorService worker;
  private final ScheduledExecutorService ticker;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();
  private int pending; // queued or running, guarded by jobs
  private volatile long lastWatermark;
  private volatile Instant lastRun = Instant.now();

  /**
   * @param pipeline what a run does
   * @param store read for the event count trigger
   * @param every retrain period, or null for none
   * @param afterEvents retrain when this many events arrived since the last run; 0 for never
   * @param pollInterval how often the triggers are checked
   */
  public RetrainScheduler(TrainingPipeline pipeline, EventStore store, Duration every,
      long afterEvents, Duration pollInterval) {
    if (afterEvents < 0) {
      throw new IllegalArgumentException("afterEvents: must be >= 0, got " + afterEvents);
    }
    if (every != null && (every.isZero() || every.isNegative())) {
      throw new IllegalArgumentException("every: must be positive, got " + every);
    }
    this.pipeline = pipeline;
    this.store = store;
    this.every = every;
    this.afterEvents = afterEvents;
    this.pollInterval = pollInterval;
    this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "reco-retrain"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "reco-retrain-tick"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts the automatic triggers, counting new events from {@code watermark} (the live model's
   * {@code trainedOnEvents}, or the store's current last sequence).
   */
  public RetrainScheduler start(long watermark) {
    lastWatermark = watermark;
    lastRun = Instant.now();
    if (every != null || afterEvents > 0) {
      long ms = Math.max(1, pollInterval.toMillis());
      ticker.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** Queues a training run; returns its job at once (poll {@link #job}). */
  public TrainingJob submit(TrainingRequest request) {
    return submit(request, "manual");
  }

  /** A job by id. */
  public Optional<TrainingJob> job(String id) {
    synchronized (jobs) {
      return Optional.ofNullable(jobs.get(id));
    }
  }

  /** Every kept job, oldest first. */
  public List<TrainingJob> jobs() {
    synchronized (jobs) {
      return new ArrayList<>(jobs.values());
    }
  }

  /** Whether a job is queued or running. */
  public boolean busy() {
    synchronized (jobs) {
      return pending > 0;
    }
  }

  private TrainingJob submit(TrainingRequest request, String trigger) {
    String id = "j" + ids.incrementAndGet();
    TrainingJob job = new TrainingJob(id, trigger, request, TrainingJob.State.QUEUED,
        Instant.now(), null, null, null);
    synchronized (jobs) {
      jobs.put(id, job);
      pending++;
      while (jobs.size() > KEEP_JOBS) {
        jobs.remove(jobs.keySet().iterator().next());
      }
    }
    worker.execute(() -> runJob(id, request));
    return job;
  }

  private void runJob(String id, TrainingRequest request) {
    update(id, TrainingJob.State.RUNNING, null, null);
    long attempted = lastWatermark;
    try {
      attempted = store.lastSequence(); // a failed run is not retried until more events arrive
      TrainingResult r = pipeline.run(request);
      lastWatermark = Math.max(lastWatermark, r.watermark());
      update(id, TrainingJob.State.DONE, r, null);
    } catch (Exception | LinkageError e) {
      LOG.error("training job {} failed", id, e);
      update(id, TrainingJob.State.FAILED, null,
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } finally {
      lastWatermark = Math.max(lastWatermark, attempted);
      lastRun = Instant.now();
      synchronized (jobs) {
        pending--;
      }
    }
  }

  private void update(String id, TrainingJob.State s, TrainingResult r, String err) {
    synchronized (jobs) {
      TrainingJob j = jobs.get(id);
      if (j != null) {
        boolean end = s == TrainingJob.State.DONE || s == TrainingJob.State.FAILED;
        jobs.put(id, j.with(s, end ? Instant.now() : null, r, err));
      }
    }
  }

  /** One trigger check; never throws (an exception would cancel the schedule). */
  void tick() {
    try {
      if (busy()) {
        return;
      }
      String trigger = null;
      if (every != null && !Instant.now().isBefore(lastRun.plus(every))) {
        trigger = "schedule";
      } else if (afterEvents > 0 && store.lastSequence() - lastWatermark >= afterEvents) {
        trigger = "events";
      }
      if (trigger != null) {
        LOG.info("retraining ({})", trigger);
        submit(TrainingRequest.retrainLive(), trigger);
      }
    } catch (RuntimeException e) {
      LOG.error("retrain trigger check failed", e);
    }
  }

  /** Stops the triggers and the worker; a running job is interrupted at its next wait. */
  @Override
  public void close() {
    ticker.shutdownNow();
    worker.shutdownNow();
    try {
      worker.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
