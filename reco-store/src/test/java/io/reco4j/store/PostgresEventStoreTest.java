package io.reco4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a real PostgreSQL server, one fresh schema per test. */
class PostgresEventStoreTest extends EventStoreContract {
  /** One server for the whole test run, stopped when JUnit closes its root store. */
  @RegisterExtension static final PostgresServer.Shared PG = new PostgresServer.Shared();

  private String schema;

  private String schema() throws Exception {
    if (schema == null) {
      schema = PG.server().newSchema();
    }
    return schema;
  }

  private void sql(String statement) throws Exception {
    try (Connection c = PG.server().connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Override
  EventStore openStore() {
    try {
      return EventStores.open(spec(), null);
    } catch (EventStoreException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  String spec() {
    try {
      return PG.server().urlFor(schema());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  void failWritesOf(String itemId) throws Exception {
    sql("CREATE FUNCTION " + schema + ".reco4j_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " IF NEW.item_id = '" + itemId + "' THEN RAISE EXCEPTION 'simulated write failure'; END IF;"
        + " RETURN NEW; END $$");
    sql("CREATE TRIGGER reco4j_test_fail BEFORE INSERT ON " + schema + ".reco4j_events"
        + " FOR EACH ROW EXECUTE FUNCTION " + schema + ".reco4j_test_fail()");
  }

  @Override
  void stopFailingWrites() throws Exception {
    sql("DROP TRIGGER reco4j_test_fail ON " + schema + ".reco4j_events");
  }

  @Override
  void dropLocation() throws Exception {
    if (schema != null) {
      sql("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  void describeShowsUserHostAndDatabaseButNeverThePassword() throws Exception {
    String url = PG.server().urlFor(schema()) + "&password=s3cr3t-pw";
    try (EventStore s = EventStores.open(url, null)) {
      assertThat(s.describe()).startsWith("postgresql://").contains("currentSchema=" + schema)
          .doesNotContain("s3cr3t-pw").doesNotContainIgnoringCase("password");
    }
  }

  @Test
  void openingTwiceOnTheSameSchemaAtOnceCreatesTheTablesOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<EventStore>> opens = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        opens.add(pool.submit(this::openStore));
      }
      for (Future<EventStore> f : opens) {
        try (EventStore s = f.get(60, TimeUnit.SECONDS)) {
          assertThat(s.count()).isZero();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = PG.server().connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + schema + ".reco4j_schema")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void twoStoresOnOneDatabaseShareOneSequenceInCommitOrder() throws Exception {
    try (EventStore other = openStore()) {
      AppendResult a = store.append(batch("u", "a", 3), "k");
      AppendResult b = other.append(batch("u", "b", 2), null);
      assertThat(other.append(batch("u", "a", 3), "k")).isEqualTo(new AppendResult(3, a.lastSequence(), true));
      assertThat(b.lastSequence()).isEqualTo(a.lastSequence() + 2);
      assertThat(other.count()).isEqualTo(5);
    }
  }

  @Test
  void aStoreOfANewerFormatIsRefused() throws Exception {
    store.close();
    store = null;
    sql("UPDATE " + schema + ".reco4j_schema SET version = 99");
    assertThatThrownBy(this::openStore).isInstanceOf(EventStoreException.class)
        .hasMessageContaining("version 99").hasMessageContaining("newer");
  }

  @Test
  void anUnreachableServerFailsWithTheAddressAndNoPassword() {
    assertThatThrownBy(() -> EventStores.open("postgresql://bob:hunter2@127.0.0.1:1/nowhere?connectTimeout=2", null))
        .isInstanceOf(EventStoreException.class).hasMessageContaining("postgresql://bob@127.0.0.1:1/nowhere")
        .hasMessageNotContaining("hunter2");
  }
}
