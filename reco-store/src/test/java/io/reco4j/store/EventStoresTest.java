package io.reco4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoresTest {
  @TempDir Path tmp;

  @Test
  void noSpecOpensSqliteAtTheDefaultPath() {
    Path def = tmp.resolve("data").resolve("events.db");
    try (EventStore s = EventStores.open(null, def)) {
      assertThat(s).isInstanceOf(SqliteEventStore.class);
      assertThat(s.describe()).isEqualTo("sqlite:" + def);
    }
    try (EventStore s = EventStores.open("  ", def)) {
      assertThat(s.describe()).isEqualTo("sqlite:" + def);
    }
  }

  @Test
  void sqlitePrefixesAndPlainPathsOpenSqlite() {
    Path a = tmp.resolve("a.db");
    try (EventStore s = EventStores.open("sqlite:" + a, null)) {
      assertThat(s.describe()).isEqualTo("sqlite:" + a);
    }
    try (EventStore s = EventStores.open("jdbc:sqlite:" + a, null)) {
      assertThat(s.describe()).isEqualTo("sqlite:" + a);
    }
    try (EventStore s = EventStores.open(tmp.resolve("b.db").toString(), null)) {
      assertThat(s.describe()).isEqualTo("sqlite:" + tmp.resolve("b.db"));
    }
  }

  @Test
  void aLibpqUrlBecomesAJdbcUrlWithDecodedCredentials() {
    EventStores.Postgres pg = EventStores.fromLibpqUrl("postgresql://reco%40app:p%3Ass@db.example:6543/events?sslmode=require");
    assertThat(pg).isEqualTo(new EventStores.Postgres("jdbc:postgresql://db.example:6543/events?sslmode=require", "reco@app", "p:ss"));
    assertThat(EventStores.fromLibpqUrl("postgres://h/db")).isEqualTo(new EventStores.Postgres("jdbc:postgresql://h/db", null, null));
    assertThat(EventStores.fromLibpqUrl("postgresql:///db").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db");
    assertThat(EventStores.fromLibpqUrl("postgresql://u@[::1]:5432/db").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/db");
  }

  @Test
  void describeDropsPasswordsWhereverTheyAre() {
    assertThat(EventStores.describePostgres("jdbc:postgresql://h:5432/db?user=bob&password=x&sslmode=require", null))
        .isEqualTo("postgresql://bob@h:5432/db?sslmode=require");
    assertThat(EventStores.describePostgres("jdbc:postgresql://h/db", "alice")).isEqualTo("postgresql://alice@h/db");
    assertThat(EventStores.describePostgres("jdbc:postgresql://h/db?password=x", null)).isEqualTo("postgresql://h/db");
  }

  @Test
  void anUnknownKindIsRefusedWithoutEchoingThePassword() {
    assertThatThrownBy(() -> EventStores.open("mysql://u:secret@h/db", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown kind")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> EventStores.open("sqlite:", null)).hasMessageContaining("names no file");
  }
}
