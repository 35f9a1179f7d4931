package io.reco4j.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One-second samples over the last five minutes for the dashboard: events ingested per second,
 * requests per second, and the p50/p99 request latency of each second (HdrHistogram interval
 * recorder, microsecond resolution). A daemon thread closes a sample every second. Thread-safe.
 */
final class Stats implements AutoCloseable {
  /** Samples kept: five minutes of seconds. */
  static final int WINDOW = 300;

  private final LongAdder ingested = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final Recorder latency = new Recorder(3);
  private final long[] times = new long[WINDOW];
  private final double[] ingestRate = new double[WINDOW];
  private final double[] requestRate = new double[WINDOW];
  private final double[] p50 = new double[WINDOW];
  private final double[] p99 = new double[WINDOW];
  private final LongSupplier clock;
  private int next;
  private int filled;
  private long lastIngested;
  private long lastRequests;
  private long lastTick;
  private Histogram reuse;
  private final ScheduledExecutorService ticker;

  Stats(LongSupplier clockMillis, boolean autoTick) {
    this.clock = clockMillis;
    this.lastTick = clockMillis.getAsLong();
    if (autoTick) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reco-stats");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    } else {
      ticker = null;
    }
  }

  /** Counts ingested events. */
  void ingested(int n) {
    ingested.add(n);
  }

  /** Counts one request that took {@code micros}. */
  void request(long micros) {
    requests.increment();
    latency.recordValue(Math.max(0, Math.min(micros, 3_600_000_000L)));
  }

  /** Closes the current sample. */
  synchronized void tick() {
    long now = clock.getAsLong();
    double secs = Math.max(1e-3, (now - lastTick) / 1000.0);
    long ing = ingested.sum();
    long req = requests.sum();
    reuse = latency.getIntervalHistogram(reuse);
    times[next] = now;
    ingestRate[next] = (ing - lastIngested) / secs;
    requestRate[next] = (req - lastRequests) / secs;
    boolean any = reuse.getTotalCount() > 0;
    p50[next] = any ? reuse.getValueAtPercentile(50) / 1000.0 : 0;
    p99[next] = any ? reuse.getValueAtPercentile(99) / 1000.0 : 0;
    next = (next + 1) % WINDOW;
    filled = Math.min(WINDOW, filled + 1);
    lastIngested = ing;
    lastRequests = req;
    lastTick = now;
  }

  /**
   * The four series (ingest/s, requests/s, p50 ms, p99 ms) as {@code [[epochMillis, value], ...]},
   * oldest first.
   */
  synchronized List<List<List<Number>>> series() {
    List<List<List<Number>>> out = new ArrayList<>(4);
    for (int s = 0; s < 4; s++) {
      out.add(new ArrayList<>(filled));
    }
    int start = (next - filled + WINDOW) % WINDOW;
    for (int k = 0; k < filled; k++) {
      int p = (start + k) % WINDOW;
      out.get(0).add(List.of(times[p], round(ingestRate[p])));
      out.get(1).add(List.of(times[p], round(requestRate[p])));
      out.get(2).add(List.of(times[p], round(p50[p])));
      out.get(3).add(List.of(times[p], round(p99[p])));
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
