package io.reco4j.server.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.store.Event;
import io.reco4j.store.EventStore;
import io.reco4j.store.SqliteEventStore;
import io.reco4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EventDatasets on ml-100k plus events in a real SQLite store. */
class EventDatasetsTest {
  static Dataset base;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws Exception {
    base = MovieLens.load(SharedData.dir("ml-100k"), LoadOptions.defaults()).dataset();
  }

  static Event ev(String user, String item, String type, float value) {
    return new Event(user, item, type, value, 1_700_000_000_000L, null);
  }

  @Test
  void newUsersAndItemsJoinTheIndicesAndMetadataFollowsItsItems() {
    try (EventStore store = SqliteEventStore.open(dir.resolve("events.db"))) {
      store.append(List.of(ev("1", "1", "rating", 1.0f), ev("5000", "99999", "rating", 4f),
          ev("1", "2", "view", 1f)), null);
      EventDatasets.Built b = EventDatasets.build(base, store, store.lastSequence(),
          EventDatasets.Mode.EXPLICIT, EventWeights.defaults(), 1);
      Dataset d = b.dataset();
      assertThat(d.users().isNumeric()).isTrue(); // canonical integer ids keep the index numeric
      assertThat(d.userCount()).isEqualTo(base.userCount() + 1);
      assertThat(d.itemCount()).isEqualTo(base.itemCount() + 1);
      assertThat(b.newUsers()).isEqualTo(1);
      assertThat(b.newItems()).isEqualTo(1);
      assertThat(b.eventsScanned()).isEqualTo(3);
      assertThat(b.eventsUsed()).isEqualTo(2); // the view is not a rating
      assertThat(d.explicit()).isTrue();
      int u1 = d.users().require("1");
      // user 1 rated item 1 with 5 in ml-100k; the event's later rating replaces it
      assertThat(base.matrix().get(base.users().require("1"), base.items().require("1")))
          .isEqualTo(5f);
      assertThat(d.matrix().get(u1, d.items().require("1"))).isEqualTo(1f);
      assertThat(d.matrix().get(d.users().require("5000"), d.items().require("99999")))
          .isEqualTo(4f);
      assertThat(d.size()).isEqualTo(base.size() + 1);
      int toy = d.items().require("1");
      assertThat(d.metadata().title(toy)).startsWith("Toy Story");
      assertThat(d.metadata().title(d.items().require("99999"))).isNull();
    }
  }

  @Test
  void implicitWeightsAddUpAreCappedAndLowRatingsAndDislikesDoNotCount() {
    try (EventStore store = SqliteEventStore.open(dir.resolve("events.db"))) {
      store.append(List.of(ev("alice", "1", "view", 1f), ev("alice", "1", "view", 1f),
          ev("alice", "1", "click", 1f), ev("alice", "2", "rating", 2f),
          ev("alice", "3", "dislike", 1f), ev("alice", "4", "purchase", 1f),
          ev("alice", "4", "purchase", 1f), ev("alice", "4", "purchase", 1f)), null);
      store.append(List.of(ev("bob", "5", "view", 1f)), null); // after the watermark below
      long watermark = store.lastSequence() - 1;
      EventDatasets.Built b = EventDatasets.build(base, store, watermark,
          EventDatasets.Mode.IMPLICIT, EventWeights.defaults(), 2);
      Dataset d = b.dataset();
      assertThat(b.watermark()).isEqualTo(watermark);
      assertThat(d.users().isNumeric()).isFalse(); // "alice" makes the user index strings
      assertThat(d.users().find("bob")).isEmpty();
      int a = d.users().require("alice");
      assertThat(d.matrix().get(a, d.items().require("1"))).isEqualTo(4f); // 1 + 1 + 2
      assertThat(d.matrix().contains(a, d.items().require("2"))).isFalse(); // rating 2 < 3.5
      assertThat(d.matrix().contains(a, d.items().require("3"))).isFalse(); // dislike weighs 0
      assertThat(d.matrix().get(a, d.items().require("4"))).isEqualTo(10f); // 15 capped at 10
      // base ratings went through the rating rule: only >= 3.5 kept, as weight 1
      int baseKept = 0;
      for (float v : base.matrix().values()) {
        baseKept += v >= 3.5f ? 1 : 0;
      }
      assertThat(d.size()).isEqualTo(baseKept + 2);
      assertThat(d.explicit()).isFalse();
    }
  }

  @Test
  void eventsAloneMakeADataset() {
    try (EventStore store = SqliteEventStore.open(dir.resolve("events.db"))) {
      store.append(List.of(ev("u1", "a", "like", 1f), ev("u2", "b", "view", 1f)), null);
      Dataset d = EventDatasets.build(null, store, store.lastSequence(),
          EventDatasets.Mode.IMPLICIT, EventWeights.defaults(), 1).dataset();
      assertThat(d.userCount()).isEqualTo(2);
      assertThat(d.matrix().get(d.users().require("u1"), d.items().require("a"))).isEqualTo(3f);
      assertThat(d.metadata()).isNull();
    }
  }
}
