package io.reco4j.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the SQLite and PostgreSQL stores share: the schema's tables, the append transaction and
 * every read. Subclasses supply connections and the dialect's few differences.
 *
 * <p>Tables (identical on both backends, {@code bigint} being SQLite's {@code INTEGER}):
 * <ul>
 *   <li>{@code reco4j_schema(version, created_millis)}: one row, the format version;
 *   <li>{@code reco4j_head(id = 1, last_sequence, event_count)}: one row, updated by every append
 *       in its transaction: the watermark and count read in O(1), and on PostgreSQL the row lock
 *       that serializes appends so that sequence order is commit order;
 *   <li>{@code reco4j_events(sequence primary key, user_id, item_id, type, value, ts_millis,
 *       context)} with index {@code (user_id, sequence)} for a user's history;
 *   <li>{@code reco4j_idempotency(idem_key primary key, accepted, last_sequence, created_millis)}.
 * </ul>
 *
 * <p>An append, in one transaction: lock the head row, look the idempotency key up (a hit returns
 * the original result and stores nothing), insert the events with sequences {@code last + 1 ..
 * last + n}, advance the head, record the key, commit. The sequences are dense within a store
 * written only by reco4j; the contract promises only that they increase in commit order.
 */
abstract class JdbcEventStore implements EventStore {
  /** Format version written by this build; a store with a higher version is refused. */
  static final int SCHEMA_VERSION = 1;

  static final String EVENT_COLUMNS = "sequence, user_id, item_id, type, value, ts_millis, context";

  private volatile boolean closed;

  /** A connection for one append transaction (serialized by the caller of {@link #append}). */
  interface WriteWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} inside an append transaction: begin, work, commit; rollback on failure. */
  abstract <T> T inWriteTransaction(WriteWork<T> work) throws SQLException;

  /** Runs a read on a connection in auto-commit mode. */
  abstract <T> T read(WriteWork<T> work) throws SQLException;

  /** The SQL that reads the head row inside the append transaction, locking it where needed. */
  abstract String lockHeadSql();

  /** Turns a database error into an {@link EventStoreException} that says what and where. */
  abstract EventStoreException translate(String operation, SQLException e);

  /** Releases the backend's connections; called once. */
  abstract void closeConnections();

  final void checkOpen() {
    if (closed) {
      throw new EventStoreException(describe() + ": the store is closed");
    }
  }

  @Override
  public final AppendResult append(List<Event> events, String idempotencyKey) {
    Batches.check(events, idempotencyKey);
    checkOpen();
    try {
      return inWriteTransaction(c -> appendIn(c, events, idempotencyKey));
    } catch (SQLException e) {
      throw translate("append " + events.size() + " events", e);
    }
  }

  private AppendResult appendIn(Connection c, List<Event> events, String key) throws SQLException {
    long last;
    long count;
    try (PreparedStatement head = c.prepareStatement(lockHeadSql());
        ResultSet rs = head.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("reco4j_head has no row: the store is damaged");
      }
      last = rs.getLong(1);
      count = rs.getLong(2);
    }
    if (key != null) {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT accepted, last_sequence FROM reco4j_idempotency WHERE idem_key = ?")) {
        q.setString(1, key);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            return new AppendResult(rs.getInt(1), rs.getLong(2), true);
          }
        }
      }
    }
    long seq = last;
    try (PreparedStatement ins = c.prepareStatement(
        "INSERT INTO reco4j_events (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Event e : events) {
        ins.setLong(1, ++seq);
        ins.setString(2, e.userId());
        ins.setString(3, e.itemId());
        ins.setString(4, e.type());
        ins.setFloat(5, e.value());
        ins.setLong(6, e.timestampMillis());
        if (e.context() == null) {
          ins.setNull(7, Types.VARCHAR);
        } else {
          ins.setString(7, e.context());
        }
        ins.addBatch();
      }
      ins.executeBatch();
    }
    try (PreparedStatement up = c.prepareStatement(
        "UPDATE reco4j_head SET last_sequence = ?, event_count = ? WHERE id = 1")) {
      up.setLong(1, seq);
      up.setLong(2, count + events.size());
      up.executeUpdate();
    }
    if (key != null) {
      try (PreparedStatement k = c.prepareStatement("INSERT INTO reco4j_idempotency"
          + " (idem_key, accepted, last_sequence, created_millis) VALUES (?, ?, ?, ?)")) {
        k.setString(1, key);
        k.setInt(2, events.size());
        k.setLong(3, seq);
        k.setLong(4, System.currentTimeMillis());
        k.executeUpdate();
      }
    }
    return new AppendResult(events.size(), seq, false);
  }

  @Override
  public final long count() {
    return headValue("event_count");
  }

  @Override
  public final long lastSequence() {
    return headValue("last_sequence");
  }

  private long headValue(String column) {
    checkOpen();
    try {
      return read(c -> {
        try (PreparedStatement q = c.prepareStatement("SELECT " + column + " FROM reco4j_head WHERE id = 1");
            ResultSet rs = q.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException("reco4j_head has no row: the store is damaged");
          }
          return rs.getLong(1);
        }
      });
    } catch (SQLException e) {
      throw translate("read " + column, e);
    }
  }

  @Override
  public final List<StoredEvent> history(String userId, int limit) {
    Objects.requireNonNull(userId, "userId");
    Batches.checkLimit("limit", limit, 0);
    checkOpen();
    if (limit == 0) {
      return List.of();
    }
    try {
      return read(c -> {
        try (PreparedStatement q = c.prepareStatement("SELECT " + EVENT_COLUMNS
            + " FROM reco4j_events WHERE user_id = ? ORDER BY sequence DESC LIMIT ?")) {
          q.setString(1, userId);
          q.setInt(2, limit);
          return rows(q);
        }
      });
    } catch (SQLException e) {
      throw translate("read the history of user '" + userId + "'", e);
    }
  }

  @Override
  public final List<StoredEvent> historySince(String userId, long afterSequence) {
    Objects.requireNonNull(userId, "userId");
    checkOpen();
    try {
      return read(c -> {
        try (PreparedStatement q = c.prepareStatement("SELECT " + EVENT_COLUMNS
            + " FROM reco4j_events WHERE user_id = ? AND sequence > ? ORDER BY sequence")) {
          q.setString(1, userId);
          q.setLong(2, afterSequence);
          return rows(q);
        }
      });
    } catch (SQLException e) {
      throw translate("read the history of user '" + userId + "'", e);
    }
  }

  @Override
  public final long scan(long afterSequence, int batchSize, Consumer<List<StoredEvent>> sink) {
    Batches.checkLimit("batchSize", batchSize, 1);
    Objects.requireNonNull(sink, "sink");
    long upTo = lastSequence();
    long cursor = afterSequence;
    long streamed = 0;
    // page by sequence: no read transaction stays open while the sink works
    while (cursor < upTo) {
      checkOpen();
      long from = cursor;
      List<StoredEvent> page;
      try {
        page = read(c -> {
          try (PreparedStatement q = c.prepareStatement("SELECT " + EVENT_COLUMNS
              + " FROM reco4j_events WHERE sequence > ? AND sequence <= ? ORDER BY sequence LIMIT ?")) {
            q.setLong(1, from);
            q.setLong(2, upTo);
            q.setInt(3, batchSize);
            return rows(q);
          }
        });
      } catch (SQLException e) {
        throw translate("scan events after sequence " + from, e);
      }
      if (page.isEmpty()) {
        break;
      }
      cursor = page.get(page.size() - 1).sequence();
      streamed += page.size();
      sink.accept(page);
    }
    return streamed;
  }

  private static List<StoredEvent> rows(PreparedStatement q) throws SQLException {
    List<StoredEvent> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        Event e = new Event(rs.getString(2), rs.getString(3), rs.getString(4), rs.getFloat(5),
            rs.getLong(6), rs.getString(7));
        out.add(new StoredEvent(rs.getLong(1), e));
      }
    }
    return out;
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeConnections();
  }
}
