package io.reco4j.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The embedded event store: one SQLite database file (plus its {@code -wal} and {@code -shm}
 * companions while open).
 *
 * <p>Durability: the journal is a write-ahead log ({@code journal_mode=WAL}) synced on every commit
 * ({@code synchronous=FULL}), so an append that returned survives a killed process and a power
 * loss; a batch is one transaction. Appends go through a single writer connection, one at a time,
 * each starting with {@code BEGIN IMMEDIATE} so that another process writing the same file waits up
 * to the busy timeout instead of failing half-way. Reads use a small pool of separate connections:
 * in WAL mode they see the last committed state and never block the writer.
 *
 * <p>Opening checks that the file is a reco4j store of a format this build reads; an empty or new
 * file becomes one. Errors name the file: not a database, not a reco4j store, newer format,
 * corrupt, locked.
 *
 * <p>Thread-safe.
 */
public final class SqliteEventStore extends JdbcEventStore {
  /** Default time an append or read waits for another process's lock on the file. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);
  /** Written into the database header ({@code PRAGMA application_id}): "R4JE". */
  static final int APPLICATION_ID = 0x52344A45;
  private static final int READERS = 4;

  private final Path path;
  private final String url;
  private final Duration busyTimeout;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
  private final List<Connection> allReaders = new ArrayList<>();

  private SqliteEventStore(Path path, Duration busyTimeout) throws SQLException {
    this.path = path;
    this.url = "jdbc:sqlite:" + path;
    this.busyTimeout = busyTimeout;
    SQLiteConfig cfg = baseConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    this.writer = DriverManager.getConnection(url, cfg.toProperties());
  }

  /** Opens (creating if missing) the store at {@code path} with the default busy timeout. */
  public static SqliteEventStore open(Path path) {
    return open(path, DEFAULT_BUSY_TIMEOUT);
  }

  /**
   * Opens (creating if missing) the store at {@code path}.
   *
   * @param busyTimeout how long an operation waits for a lock held by another process before it
   *     fails with an {@link EventStoreException} saying the file is locked
   * @throws EventStoreException when the file cannot be opened, is not a reco4j store, was written
   *     by a newer format, or is corrupt or locked
   */
  public static SqliteEventStore open(Path path, Duration busyTimeout) {
    Path abs = path.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      throw new EventStoreException(abs + ": is a directory, not an event store file");
    }
    try {
      Files.createDirectories(abs.getParent());
    } catch (IOException e) {
      throw new EventStoreException(abs + ": cannot create the directory: " + e.getMessage(), e);
    }
    SqliteEventStore store;
    try {
      store = new SqliteEventStore(abs, busyTimeout);
    } catch (SQLException e) {
      throw translate(abs, "open", e);
    }
    try {
      store.initSchema();
    } catch (SQLException e) {
      store.close();
      throw store.translate("open", e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private SQLiteConfig baseConfig() {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    cfg.setEncoding(SQLiteConfig.Encoding.UTF8);
    return cfg;
  }

  private void initSchema() throws SQLException {
    try (Statement s = writer.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        String mode = rs.next() ? rs.getString(1) : "?";
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new EventStoreException(path + ": cannot switch to WAL journal mode (is " + mode + ")");
        }
      }
      s.execute("BEGIN IMMEDIATE");
      try {
        Set<String> tables = tables(s);
        if (tables.isEmpty()) {
          s.execute("PRAGMA application_id = " + APPLICATION_ID);
          s.execute("CREATE TABLE reco4j_schema (version INTEGER NOT NULL, created_millis INTEGER NOT NULL)");
          s.execute("INSERT INTO reco4j_schema VALUES (" + SCHEMA_VERSION + ", " + System.currentTimeMillis() + ")");
          s.execute("CREATE TABLE reco4j_head (id INTEGER PRIMARY KEY CHECK (id = 1),"
              + " last_sequence INTEGER NOT NULL, event_count INTEGER NOT NULL)");
          s.execute("INSERT INTO reco4j_head VALUES (1, 0, 0)");
          s.execute("CREATE TABLE reco4j_events (sequence INTEGER PRIMARY KEY, user_id TEXT NOT NULL,"
              + " item_id TEXT NOT NULL, type TEXT NOT NULL, value REAL NOT NULL,"
              + " ts_millis INTEGER NOT NULL, context TEXT)");
          s.execute("CREATE INDEX reco4j_events_user ON reco4j_events (user_id, sequence)");
          s.execute("CREATE TABLE reco4j_idempotency (idem_key TEXT PRIMARY KEY, accepted INTEGER NOT NULL,"
              + " last_sequence INTEGER NOT NULL, created_millis INTEGER NOT NULL) WITHOUT ROWID");
        } else {
          checkExisting(s, tables);
        }
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(s);
        throw e;
      }
    }
  }

  private static Set<String> tables(Statement s) throws SQLException {
    Set<String> tables = new HashSet<>();
    try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private void checkExisting(Statement s, Set<String> tables) throws SQLException {
    if (!tables.contains("reco4j_schema")) {
      throw new EventStoreException(path + ": is an SQLite database but not a reco4j event store"
          + " (no reco4j_schema table; tables: " + tables + ")");
    }
    int version;
    try (ResultSet rs = s.executeQuery("SELECT max(version) FROM reco4j_schema")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > SCHEMA_VERSION) {
      throw new EventStoreException(path + ": event store format version " + version
          + " was written by a newer reco4j; this build reads up to version " + SCHEMA_VERSION);
    }
    if (version < 1) {
      throw new EventStoreException(path + ": reco4j_schema holds no valid version: the store is damaged");
    }
    for (String t : List.of("reco4j_head", "reco4j_events", "reco4j_idempotency")) {
      if (!tables.contains(t)) {
        throw new EventStoreException(path + ": table " + t + " is missing: the store is damaged");
      }
    }
  }

  private static void rollbackQuietly(Statement s) {
    try {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction open, or the connection is gone: nothing was committed either way
    }
  }

  @Override
  <T> T inWriteTransaction(WriteWork<T> work) throws SQLException {
    writeLock.lock();
    try {
      checkOpen();
      try (Statement s = writer.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        T result;
        try {
          result = work.run(writer);
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(s);
          throw e;
        }
        try {
          s.execute("COMMIT");
        } catch (SQLException e) {
          rollbackQuietly(s);
          throw e;
        }
        return result;
      }
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  <T> T read(WriteWork<T> work) throws SQLException {
    Connection c = borrowReader();
    try {
      return work.run(c);
    } finally {
      synchronized (allReaders) {
        if (!allReaders.contains(c) || !idleReaders.offer(c)) {
          c.close(); // the store was closed meanwhile
        }
      }
    }
  }

  private Connection borrowReader() throws SQLException {
    Connection c = idleReaders.poll();
    if (c != null) {
      return c;
    }
    synchronized (allReaders) {
      checkOpen();
      if (allReaders.size() < READERS) {
        Connection fresh = DriverManager.getConnection(url, baseConfig().toProperties());
        try (Statement s = fresh.createStatement()) {
          s.execute("PRAGMA query_only = 1");
        }
        allReaders.add(fresh);
        return fresh;
      }
    }
    try {
      return idleReaders.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a read connection", e);
    }
  }

  /**
   * Runs SQLite's full {@code PRAGMA integrity_check} (reads the whole file: seconds on a large
   * store).
   *
   * @return "ok", or SQLite's list of problems
   */
  public String checkIntegrity() {
    checkOpen();
    try {
      return read(c -> {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
          while (rs.next()) {
            if (out.length() > 0) {
              out.append('\n');
            }
            out.append(rs.getString(1));
          }
        }
        return out.toString();
      });
    } catch (SQLException e) {
      throw translate("check integrity", e);
    }
  }

  /** The database file. */
  public Path path() {
    return path;
  }

  @Override
  String lockHeadSql() {
    // BEGIN IMMEDIATE already holds the database's write lock
    return "SELECT last_sequence, event_count FROM reco4j_head WHERE id = 1";
  }

  @Override
  EventStoreException translate(String operation, SQLException e) {
    return translate(path, operation, e);
  }

  private static EventStoreException translate(Path path, String operation, SQLException e) {
    int code = e.getErrorCode() & 0xff;
    String what = switch (code) {
      case 5, 6 -> "is locked by another process or connection (waited for the busy timeout)";
      case 11 -> "is corrupt";
      case 26 -> "is not an SQLite database, so not a reco4j event store";
      case 13 -> "cannot grow: the disk is full";
      case 8 -> "is read-only";
      case 14 -> "cannot be opened";
      default -> "failed";
    };
    return new EventStoreException(path + ": " + what + " (" + operation + "): " + e.getMessage(), e);
  }

  @Override
  void closeConnections() {
    writeLock.lock();
    try {
      synchronized (allReaders) {
        for (Connection c : allReaders) {
          closeQuietly(c);
        }
        allReaders.clear();
        idleReaders.clear();
      }
      closeQuietly(writer);
    } finally {
      writeLock.unlock();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing: nothing left to protect
    }
  }

  @Override
  public String describe() {
    return "sqlite:" + path;
  }
}
