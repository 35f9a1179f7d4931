package io.reco4j.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The event store on a PostgreSQL server, through a HikariCP connection pool. Same tables and
 * semantics as {@link SqliteEventStore} (see {@code JdbcEventStore}'s schema); the tables live in
 * the connection's current schema (set {@code currentSchema=...} in the URL to choose one) and are
 * created when missing.
 *
 * <p>Ordering: every append first locks the single {@code reco4j_head} row ({@code SELECT ... FOR
 * UPDATE}) and takes its sequence numbers from it, so appends are serialized and a transaction
 * never makes a lower sequence visible after a higher one: {@link #lastSequence()} is a safe
 * watermark for a later {@link #scan} or {@link #historySince}.
 *
 * <p>Durability: each pooled connection sets {@code synchronous_commit = on}, so a commit returns
 * only after the server flushed its WAL (provided the server runs with {@code fsync = on}, its
 * default). Batches are sent with {@code reWriteBatchedInserts}.
 *
 * <p>Thread-safe.
 */
public final class PostgresEventStore extends JdbcEventStore {
  /** Default number of pooled connections. */
  public static final int DEFAULT_POOL_SIZE = 8;
  /** Advisory lock key that serializes schema creation between processes ("r4js"). */
  private static final long SCHEMA_LOCK = 0x72346A73L;

  private final HikariDataSource pool;
  private final String description;

  private PostgresEventStore(HikariDataSource pool, String description) {
    this.pool = pool;
    this.description = description;
  }

  /**
   * Connects and creates the tables when missing.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host:port/database?params}
   * @param user user name, or null to take it from the URL
   * @param password password, or null
   * @param poolSize maximum pooled connections, at least 1
   * @throws EventStoreException when the server cannot be reached, refuses the login, or holds
   *     tables of a newer format
   */
  public static PostgresEventStore open(String jdbcUrl, String user, String password, int poolSize) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Batches.checkLimit("poolSize", poolSize, 1);
    String description = EventStores.describePostgres(jdbcUrl, user);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    if (user != null) {
      cfg.setUsername(user);
    }
    if (password != null) {
      cfg.setPassword(password);
    }
    cfg.setMaximumPoolSize(poolSize);
    cfg.setMinimumIdle(1);
    cfg.setPoolName("reco4j-events");
    cfg.setConnectionInitSql("SET synchronous_commit = on");
    cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
    cfg.addDataSourceProperty("ApplicationName", "reco4j");
    cfg.setConnectionTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(cfg);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new EventStoreException(description + ": cannot connect: " + cause.getMessage(), e);
    }
    PostgresEventStore store = new PostgresEventStore(pool, description);
    try {
      store.initSchema();
    } catch (SQLException e) {
      store.close();
      throw store.translate("create or check the tables", e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void initSchema() throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // two processes opening a fresh database at once: one creates, the other then checks
        s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        boolean exists;
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('reco4j_schema') IS NOT NULL")) {
          exists = rs.next() && rs.getBoolean(1);
        }
        if (exists) {
          int version;
          try (ResultSet rs = s.executeQuery("SELECT max(version) FROM reco4j_schema")) {
            version = rs.next() ? rs.getInt(1) : 0;
          }
          if (version > SCHEMA_VERSION) {
            throw new EventStoreException(description + ": event store format version " + version
                + " was written by a newer reco4j; this build reads up to version " + SCHEMA_VERSION);
          }
        } else {
          s.execute("CREATE TABLE reco4j_schema (version integer NOT NULL, created_millis bigint NOT NULL)");
          s.execute("INSERT INTO reco4j_schema VALUES (" + SCHEMA_VERSION + ", " + System.currentTimeMillis() + ")");
        }
        s.execute("CREATE TABLE IF NOT EXISTS reco4j_head (id smallint PRIMARY KEY CHECK (id = 1),"
            + " last_sequence bigint NOT NULL, event_count bigint NOT NULL)");
        s.execute("INSERT INTO reco4j_head VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING");
        s.execute("CREATE TABLE IF NOT EXISTS reco4j_events (sequence bigint PRIMARY KEY, user_id text NOT NULL,"
            + " item_id text NOT NULL, type text NOT NULL, value real NOT NULL,"
            + " ts_millis bigint NOT NULL, context text)");
        s.execute("CREATE INDEX IF NOT EXISTS reco4j_events_user ON reco4j_events (user_id, sequence)");
        s.execute("CREATE TABLE IF NOT EXISTS reco4j_idempotency (idem_key text PRIMARY KEY,"
            + " accepted integer NOT NULL, last_sequence bigint NOT NULL, created_millis bigint NOT NULL)");
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  @Override
  <T> T inWriteTransaction(WriteWork<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the connection broke: the server rolls the transaction back
        }
        throw e;
      }
    }
  }

  @Override
  <T> T read(WriteWork<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    }
  }

  @Override
  String lockHeadSql() {
    return "SELECT last_sequence, event_count FROM reco4j_head WHERE id = 1 FOR UPDATE";
  }

  @Override
  EventStoreException translate(String operation, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String what;
    if (state.startsWith("08")) {
      what = "cannot reach the server";
    } else if (state.startsWith("28")) {
      what = "login refused";
    } else if (state.equals("42501")) {
      what = "permission denied";
    } else if (state.startsWith("53")) {
      what = "server out of resources";
    } else {
      what = "failed";
    }
    return new EventStoreException(description + ": " + what + " (" + operation + "): "
        + e.getMessage() + (state.isEmpty() ? "" : " [SQLSTATE " + state + "]"), e);
  }

  @Override
  void closeConnections() {
    pool.close();
  }

  @Override
  public String describe() {
    return description;
  }
}
