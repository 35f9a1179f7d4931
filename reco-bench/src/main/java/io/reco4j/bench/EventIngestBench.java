package io.reco4j.bench;

import io.reco4j.store.AppendResult;
import io.reco4j.store.Event;
import io.reco4j.store.EventStore;
import io.reco4j.store.EventStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Durable ingest throughput of the event store backends: events/s and per-batch latency for batch
 * sizes 1, 100 and 1,000, every batch a committed, fsync'ed transaction with an idempotency key.
 *
 * <ul>
 *   <li>{@code sqlite}: {@link io.reco4j.store.SqliteEventStore} (WAL, synchronous=FULL);
 *   <li>{@code postgres}: {@link io.reco4j.store.PostgresEventStore} on the server named by
 *       {@code --postgres URL} (skipped without it);
 *   <li>{@code h2}: the same tables and transaction in an H2 2.x MVStore file with
 *       {@code WRITE_DELAY=0} and a {@code CHECKPOINT SYNC} after each commit (H2 itself does not
 *       fsync on commit); {@code h2-nosync} without that sync, for reference only (not durable on
 *       power loss).
 * </ul>
 *
 * <p>Usage: {@code java -cp reco-bench/target/benchmarks.jar io.reco4j.bench.EventIngestBench
 * [--dir DIR] [--seconds S] [--sizes 1,100,1000] [--postgres postgresql://user:pass@host/db]
 * [--backends sqlite,postgres,h2,h2-nosync]}. Events are synthetic, seed 42: 100,000 users,
 * 20,000 items.
 */
public final class EventIngestBench {
  private EventIngestBench() {}

  /** One append path under test. */
  private interface Sink extends AutoCloseable {
    void append(List<Event> batch, String key) throws Exception;

    @Override
    void close() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path dir = null;
    double seconds = 5;
    int[] sizes = {1, 100, 1000};
    String postgres = null;
    List<String> backends = List.of("sqlite", "postgres", "h2", "h2-nosync");
    for (int k = 0; k < args.length; k++) {
      switch (args[k]) {
        case "--dir" -> dir = Path.of(args[++k]);
        case "--seconds" -> seconds = Double.parseDouble(args[++k]);
        case "--sizes" -> sizes = Arrays.stream(args[++k].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--postgres" -> postgres = args[++k];
        case "--backends" -> backends = List.of(args[++k].split(","));
        default -> throw new IllegalArgumentException("unknown argument: " + args[k]);
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("reco4j-ingest-");
    }
    Files.createDirectories(dir);
    System.out.printf("# EventIngestBench: %s, %d cores, java %s, %.1f s per run, dir %s%n",
        System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), seconds, dir);
    System.out.printf("%-10s %6s %12s %10s %10s %10s%n", "backend", "batch", "events/s", "p50 ms", "p99 ms", "batches");
    for (String backend : backends) {
      for (int size : sizes) {
        Path file = dir.resolve(backend + "-" + size);
        Sink sink = switch (backend) {
          case "sqlite" -> store(EventStores.open("sqlite:" + file + ".db", null));
          case "postgres" -> postgres == null ? null : store(EventStores.open(postgres, null));
          case "h2" -> h2(file, true);
          case "h2-nosync" -> h2(file, false);
          default -> throw new IllegalArgumentException("unknown backend: " + backend);
        };
        if (sink == null) {
          System.out.printf("%-10s %6d %12s%n", backend, size, "skipped (no --postgres URL)");
          continue;
        }
        try (Sink s = sink) {
          run(backend, size, s, seconds);
        }
      }
    }
  }

  private static void run(String backend, int size, Sink sink, double seconds) throws Exception {
    SplittableRandom rnd = new SplittableRandom(42);
    String runId = Long.toString(System.nanoTime(), 36);
    long warmEnd = System.nanoTime() + 1_000_000_000L;
    int batchNo = 0;
    while (System.nanoTime() < warmEnd) {
      sink.append(batch(rnd, size), runId + "-w" + batchNo++);
    }
    long[] latencies = new long[1 << 16];
    int n = 0;
    long events = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now = start;
    while (now < end) {
      List<Event> b = batch(rnd, size);
      long t0 = System.nanoTime();
      sink.append(b, runId + "-" + batchNo++);
      now = System.nanoTime();
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = now - t0;
      events += size;
    }
    double elapsed = (now - start) / 1e9;
    Arrays.sort(latencies, 0, n);
    System.out.printf("%-10s %6d %12.0f %10.2f %10.2f %10d%n", backend, size, events / elapsed,
        latencies[n / 2] / 1e6, latencies[Math.min(n - 1, (int) (n * 0.99))] / 1e6, n);
  }

  private static List<Event> batch(SplittableRandom rnd, int size) {
    List<Event> out = new ArrayList<>(size);
    long now = System.currentTimeMillis();
    for (int k = 0; k < size; k++) {
      out.add(new Event("u" + rnd.nextInt(100_000), "i" + rnd.nextInt(20_000), "view", 1f, now,
          rnd.nextInt(4) == 0 ? "{\"page\":\"home\"}" : null));
    }
    return out;
  }

  private static Sink store(EventStore store) {
    return new Sink() {
      @Override
      public void append(List<Event> batch, String key) {
        AppendResult r = store.append(batch, key);
        if (r.duplicate()) {
          throw new IllegalStateException("unexpected duplicate key " + key);
        }
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  /** The store's tables and append transaction on H2, to compare engines and not code paths. */
  private static Sink h2(Path file, boolean sync) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0", "sa", "");
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS reco4j_head (id SMALLINT PRIMARY KEY, last_sequence BIGINT NOT NULL,"
          + " event_count BIGINT NOT NULL)");
      s.execute("MERGE INTO reco4j_head KEY (id) VALUES (1, 0, 0)");
      s.execute("CREATE TABLE IF NOT EXISTS reco4j_events (sequence BIGINT PRIMARY KEY, user_id VARCHAR NOT NULL,"
          + " item_id VARCHAR NOT NULL, type VARCHAR NOT NULL, event_value REAL NOT NULL, ts_millis BIGINT NOT NULL,"
          + " context VARCHAR)");
      s.execute("CREATE INDEX IF NOT EXISTS reco4j_events_user ON reco4j_events (user_id, sequence)");
      s.execute("CREATE TABLE IF NOT EXISTS reco4j_idempotency (idem_key VARCHAR PRIMARY KEY, accepted INT NOT NULL,"
          + " last_sequence BIGINT NOT NULL, created_millis BIGINT NOT NULL)");
    }
    c.setAutoCommit(false);
    PreparedStatement head = c.prepareStatement("SELECT last_sequence, event_count FROM reco4j_head WHERE id = 1 FOR UPDATE");
    PreparedStatement key = c.prepareStatement("SELECT accepted, last_sequence FROM reco4j_idempotency WHERE idem_key = ?");
    PreparedStatement ins = c.prepareStatement("INSERT INTO reco4j_events VALUES (?, ?, ?, ?, ?, ?, ?)");
    PreparedStatement up = c.prepareStatement("UPDATE reco4j_head SET last_sequence = ?, event_count = ? WHERE id = 1");
    PreparedStatement rec = c.prepareStatement("INSERT INTO reco4j_idempotency VALUES (?, ?, ?, ?)");
    Statement checkpoint = c.createStatement();
    return new Sink() {
      @Override
      public void append(List<Event> batch, String idem) throws SQLException {
        long last;
        long count;
        try (ResultSet rs = head.executeQuery()) {
          rs.next();
          last = rs.getLong(1);
          count = rs.getLong(2);
        }
        key.setString(1, idem);
        try (ResultSet rs = key.executeQuery()) {
          if (rs.next()) {
            throw new IllegalStateException("unexpected duplicate key " + idem);
          }
        }
        long seq = last;
        for (Event e : batch) {
          ins.setLong(1, ++seq);
          ins.setString(2, e.userId());
          ins.setString(3, e.itemId());
          ins.setString(4, e.type());
          ins.setFloat(5, e.value());
          ins.setLong(6, e.timestampMillis());
          ins.setString(7, e.context());
          ins.addBatch();
        }
        ins.executeBatch();
        up.setLong(1, seq);
        up.setLong(2, count + batch.size());
        up.executeUpdate();
        rec.setString(1, idem);
        rec.setInt(2, batch.size());
        rec.setLong(3, seq);
        rec.setLong(4, System.currentTimeMillis());
        rec.executeUpdate();
        c.commit();
        if (sync) {
          checkpoint.execute("CHECKPOINT SYNC");
        }
      }

      @Override
      public void close() throws SQLException {
        c.close();
      }
    };
  }
}
