package io.reco4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The contract on an SQLite file, plus what only a file can get wrong. */
class SqliteEventStoreTest extends EventStoreContract {
  Path file() {
    return tmp.resolve("store").resolve("events.db");
  }

  @Override
  EventStore openStore() {
    return SqliteEventStore.open(file());
  }

  @Override
  String spec() {
    return "sqlite:" + file();
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Override
  void failWritesOf(String itemId) throws Exception {
    sql("CREATE TRIGGER reco4j_test_fail BEFORE INSERT ON reco4j_events WHEN NEW.item_id = '" + itemId
        + "' BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END");
  }

  @Override
  void stopFailingWrites() throws Exception {
    sql("DROP TRIGGER reco4j_test_fail");
  }

  @Override
  void assertIntact(EventStore s) {
    assertThat(((SqliteEventStore) s).checkIntegrity()).isEqualTo("ok");
  }

  @Test
  void theFileUsesAWriteAheadLogSyncedOnEveryCommit() throws Exception {
    store.append(batch("u", "a", 3), null);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
      var rs = s.executeQuery("PRAGMA journal_mode");
      assertThat(rs.getString(1)).isEqualTo("wal");
      rs = s.executeQuery("PRAGMA application_id");
      assertThat(rs.getInt(1)).isEqualTo(SqliteEventStore.APPLICATION_ID);
      rs = s.executeQuery("SELECT version FROM reco4j_schema");
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    assertThat(store.describe()).isEqualTo("sqlite:" + file());
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedByName() throws Exception {
    Path junk = tmp.resolve("junk.db");
    Files.writeString(junk, "this is not a database, just text that is long enough to have a header.".repeat(20));
    assertThatThrownBy(() -> SqliteEventStore.open(junk)).isInstanceOf(EventStoreException.class)
        .hasMessageContaining(junk.toString()).hasMessageContaining("not an SQLite database");
  }

  @Test
  void anotherSqliteDatabaseIsRefusedAsNotAReco4jStore() throws Exception {
    Path other = tmp.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id INTEGER)");
    }
    assertThatThrownBy(() -> SqliteEventStore.open(other)).isInstanceOf(EventStoreException.class)
        .hasMessageContaining(other.toString()).hasMessageContaining("not a reco4j event store");
  }

  @Test
  void aStoreOfANewerFormatIsRefused() throws Exception {
    store.close();
    sql("UPDATE reco4j_schema SET version = 99");
    assertThatThrownBy(this::openStore).isInstanceOf(EventStoreException.class)
        .hasMessageContaining("version 99").hasMessageContaining("newer");
    store = null;
  }

  @Test
  void aCorruptFileIsReportedByName() throws Exception {
    for (int k = 0; k < 20; k++) {
      store.append(batch("u" + k, "item-with-a-longish-name-" + k + "-", 200), null);
    }
    store.close();
    store = null;
    // overwrite every page after the header page with garbage (the WAL was checkpointed on close)
    byte[] bytes = Files.readAllBytes(file());
    for (int k = 4096; k < bytes.length; k++) {
      bytes[k] = (byte) (k * 31 + 7);
    }
    Files.write(file(), bytes);
    assertThatThrownBy(() -> {
      try (SqliteEventStore s = SqliteEventStore.open(file())) {
        s.scan(0, 1000, p -> {});
        assertThat(s.checkIntegrity()).isEqualTo("ok");
      }
    }).isInstanceOf(EventStoreException.class).hasMessageContaining(file().toString());
  }

  @Test
  void aFileLockedByAnotherWriterFailsWithAClearMessageAfterTheBusyTimeout() throws Exception {
    store.close();
    store = SqliteEventStore.open(file(), Duration.ofMillis(200));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      assertThatThrownBy(() -> store.append(batch("u", "a", 1), "k")).isInstanceOf(EventStoreException.class)
          .hasMessageContaining(file().toString()).hasMessageContaining("locked");
      // reads go on while another connection writes
      assertThat(store.count()).isZero();
      s.execute("ROLLBACK");
    }
    assertThat(store.append(batch("u", "a", 1), "k").duplicate()).isFalse();
  }

  @Test
  void aDirectoryIsNotAStore() {
    assertThatThrownBy(() -> SqliteEventStore.open(tmp)).isInstanceOf(EventStoreException.class)
        .hasMessageContaining("directory");
  }
}
