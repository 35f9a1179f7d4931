package io.reco4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarantees of {@link EventStore}, run unchanged against every backend. A subclass provides a
 * fresh, empty store location per test and two backend-specific hooks.
 */
abstract class EventStoreContract {
  @TempDir Path tmp;
  EventStore store;

  /** Opens the store of this test's location; a second call after close reopens the same data. */
  abstract EventStore openStore();

  /** The spec string {@link EventStores#open} takes for this test's location (for child JVMs). */
  abstract String spec();

  /**
   * Makes the database itself reject any row whose item id is {@code itemId}, inside the append's
   * transaction (a trigger installed over a separate connection).
   */
  abstract void failWritesOf(String itemId) throws Exception;

  /** Removes what {@link #failWritesOf} installed. */
  abstract void stopFailingWrites() throws Exception;

  /** Backend-specific deep check after a crash (beyond reading everything back). */
  void assertIntact(EventStore s) {}

  @BeforeEach
  void openFresh() {
    store = openStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static Event ev(String user, String item) {
    return new Event(user, item, "view", 1f, 1_000L, null);
  }

  static List<Event> batch(String user, String prefix, int n) {
    List<Event> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(new Event(user, prefix + k, "click", k, 1_000L + k, null));
    }
    return out;
  }

  static List<StoredEvent> scanAll(EventStore s) {
    List<StoredEvent> all = new ArrayList<>();
    s.scan(0, 997, all::addAll);
    return all;
  }

  static List<Event> events(List<StoredEvent> stored) {
    return stored.stream().map(StoredEvent::event).toList();
  }

  @Test
  void anEmptyStoreHasNothing() {
    assertThat(store.count()).isZero();
    assertThat(store.lastSequence()).isZero();
    assertThat(store.history("u", 10)).isEmpty();
    assertThat(store.historySince("u", 0)).isEmpty();
    assertThat(store.scan(0, 10, b -> { throw new AssertionError("no batch expected"); })).isZero();
  }

  @Test
  void eventsComeBackEqualInEveryField() {
    List<Event> in = List.of(
        new Event("user-1", "item-1", "rating", 4.5f, 1_764_054_000_000L, "{\"page\":\"home\"}"),
        new Event("用户-ü-🙂", "🎬 Amélie (2001)", "view", 0.1f, -86_400_000L, null),
        new Event("u'; DROP TABLE reco4j_events; --", "i\"\\%_", "purchase_2", -3.25f, Long.MAX_VALUE,
            "{\"device\":\"📱\",\"q\":\"a'b\\\"c\"}"),
        new Event("x".repeat(Event.MAX_ID_LENGTH), "y".repeat(Event.MAX_ID_LENGTH), "z".repeat(Event.MAX_TYPE_LENGTH),
            Float.MIN_VALUE, 0L, "c".repeat(Event.MAX_CONTEXT_LENGTH)),
        new Event("u", "i", "like", Float.MAX_VALUE, Long.MIN_VALUE, ""));
    AppendResult r = store.append(in, null);
    assertThat(r).isEqualTo(new AppendResult(5, r.lastSequence(), false));
    List<StoredEvent> out = scanAll(store);
    assertThat(events(out)).containsExactlyElementsOf(in);
    assertThat(out.get(out.size() - 1).sequence()).isEqualTo(r.lastSequence());
    assertThat(store.history("用户-ü-🙂", 10)).extracting(StoredEvent::event).containsExactly(in.get(1));
    assertThat(store.count()).isEqualTo(5);
    assertThat(store.lastSequence()).isEqualTo(r.lastSequence());
  }

  @Test
  void sequencesIncreaseAcrossBatchesAndCountAddsUp() {
    AppendResult a = store.append(batch("u1", "a", 3), null);
    AppendResult b = store.append(batch("u2", "b", 2), null);
    assertThat(a.accepted()).isEqualTo(3);
    assertThat(b.accepted()).isEqualTo(2);
    assertThat(b.lastSequence()).isGreaterThanOrEqualTo(a.lastSequence() + 2);
    List<StoredEvent> all = scanAll(store);
    assertThat(all).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
    assertThat(all.get(2).sequence()).isEqualTo(a.lastSequence());
    assertThat(store.count()).isEqualTo(5);
    assertThat(store.lastSequence()).isEqualTo(b.lastSequence());
  }

  @Test
  void aBadEventRejectsTheWholeBatchBeforeAnythingIsStored() {
    store.append(batch("u", "before", 2), null);
    List<Event> bad = new ArrayList<>(batch("u", "x", 4));
    bad.set(2, new Event("u", "broken\uD800", "view", 1f, 0L, null));
    assertThatThrownBy(() -> store.append(bad, "key-bad"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events[2].itemId");
    List<Event> nul = new ArrayList<>(batch("u", "x", 2));
    nul.add(new Event("u", "i", "view", 1f, 0L, "{\"a\":\"\u0000\"}"));
    assertThatThrownBy(() -> store.append(nul, null)).hasMessageContaining("events[2].context");
    List<Event> withNull = new ArrayList<>(batch("u", "x", 2));
    withNull.add(null);
    assertThatThrownBy(() -> store.append(withNull, null)).hasMessageContaining("events[2]");
    assertThatThrownBy(() -> store.append(List.of(), null)).hasMessageContaining("at least one event");
    assertThatThrownBy(() -> store.append(batch("u", "x", 1), "")).hasMessageContaining("idempotencyKey");
    assertThatThrownBy(() -> store.append(batch("u", "x", 1), "k".repeat(129))).hasMessageContaining("idempotencyKey");
    assertThat(store.count()).isEqualTo(2);
    assertThat(events(scanAll(store))).containsExactlyElementsOf(batch("u", "before", 2));
    // the rejected key was not recorded
    assertThat(store.append(batch("u", "y", 1), "key-bad").duplicate()).isFalse();
  }

  @Test
  void aDatabaseFailureMidBatchStoresNothingAndRecordsNoKey() throws Exception {
    AppendResult before = store.append(batch("u", "ok", 3), null);
    failWritesOf("poison");
    List<Event> doomed = new ArrayList<>(batch("victim", "a", 5));
    doomed.add(ev("victim", "poison"));
    doomed.addAll(batch("victim", "b", 5));
    assertThatThrownBy(() -> store.append(doomed, "retry-me"))
        .isInstanceOf(EventStoreException.class).hasMessageContaining("simulated write failure");
    assertThat(store.count()).isEqualTo(3);
    assertThat(store.lastSequence()).isEqualTo(before.lastSequence());
    assertThat(store.history("victim", 100)).isEmpty();
    assertThat(events(scanAll(store))).containsExactlyElementsOf(batch("u", "ok", 3));
    // the store keeps working, and the key of the failed batch is still free
    assertThat(store.append(batch("u", "more", 1), null).accepted()).isEqualTo(1);
    stopFailingWrites();
    AppendResult retried = store.append(doomed, "retry-me");
    assertThat(retried.duplicate()).isFalse();
    assertThat(retried.accepted()).isEqualTo(11);
    assertThat(store.history("victim", 100)).hasSize(11);
    assertThat(store.count()).isEqualTo(15);
  }

  @Test
  void theSameKeyTwiceStoresOnceAndReturnsTheOriginalResult() {
    AppendResult first = store.append(batch("u", "a", 3), "k1");
    store.append(batch("v", "z", 2), null);
    AppendResult again = store.append(batch("u", "a", 3), "k1");
    assertThat(again).isEqualTo(new AppendResult(3, first.lastSequence(), true));
    // the key names the batch: a different body under the same key is not stored either
    AppendResult other = store.append(batch("w", "q", 7), "k1");
    assertThat(other).isEqualTo(new AppendResult(3, first.lastSequence(), true));
    assertThat(store.count()).isEqualTo(5);
    assertThat(store.history("w", 10)).isEmpty();
  }

  @Test
  void differentKeysStoreTwice() {
    AppendResult a = store.append(batch("u", "a", 2), "k1");
    AppendResult b = store.append(batch("u", "a", 2), "k2");
    AppendResult c = store.append(batch("u", "a", 2), null);
    AppendResult d = store.append(batch("u", "a", 2), null);
    assertThat(List.of(a, b, c, d)).extracting(AppendResult::duplicate).containsOnly(false);
    assertThat(store.count()).isEqualTo(8);
    assertThat(store.history("u", 100)).hasSize(8);
  }

  @Test
  void historyIsNewestFirstLimitedAndPerUser() {
    for (int k = 0; k < 10; k++) {
      store.append(List.of(ev("alice", "a" + k), ev("bob", "b" + k)), null);
    }
    List<StoredEvent> h = store.history("alice", 4);
    assertThat(h).extracting(s -> s.event().itemId()).containsExactly("a9", "a8", "a7", "a6");
    assertThat(h).extracting(StoredEvent::sequence).isSortedAccordingTo(Collections.reverseOrder());
    assertThat(store.history("alice", 100)).hasSize(10).allMatch(s -> s.event().userId().equals("alice"));
    assertThat(store.history("alice", 0)).isEmpty();
    assertThat(store.history("carol", 5)).isEmpty();
    assertThat(store.history("ALICE", 5)).as("ids are case-sensitive").isEmpty();
    assertThatThrownBy(() -> store.history("alice", -1)).hasMessageContaining("limit");
  }

  @Test
  void historySinceReturnsOnlyNewerEventsOldestFirst() {
    store.append(List.of(ev("alice", "a0"), ev("alice", "a1"), ev("bob", "b0")), null);
    long watermark = store.lastSequence();
    store.append(List.of(ev("alice", "a2"), ev("bob", "b1"), ev("alice", "a3")), null);
    assertThat(store.historySince("alice", watermark)).extracting(s -> s.event().itemId()).containsExactly("a2", "a3");
    assertThat(store.historySince("alice", 0)).extracting(s -> s.event().itemId())
        .containsExactly("a0", "a1", "a2", "a3");
    assertThat(store.historySince("alice", store.lastSequence())).isEmpty();
    assertThat(store.historySince("carol", 0)).isEmpty();
  }

  @Test
  void scanStreamsInSequenceOrderInBatchesAfterTheWatermark() {
    for (int b = 0; b < 5; b++) {
      store.append(batch("u" + b, "i" + b + "-", 500), null);
    }
    List<Integer> sizes = new ArrayList<>();
    List<StoredEvent> seen = new ArrayList<>();
    long n = store.scan(0, 1000, page -> {
      sizes.add(page.size());
      seen.addAll(page);
    });
    assertThat(n).isEqualTo(2500);
    assertThat(sizes).containsExactly(1000, 1000, 500);
    assertThat(seen).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
    assertThat(seen).isEqualTo(scanAll(store));
    long mark = seen.get(1233).sequence();
    List<StoredEvent> after = new ArrayList<>();
    assertThat(store.scan(mark, 100, after::addAll)).isEqualTo(2500 - 1234);
    assertThat(after).isEqualTo(seen.subList(1234, 2500));
    assertThatThrownBy(() -> store.scan(0, 0, p -> {})).hasMessageContaining("batchSize");
  }

  @Test
  void scanStopsAtTheLastSequenceOfTheCall() {
    store.append(batch("u", "a", 10), null);
    List<StoredEvent> seen = new ArrayList<>();
    long n = store.scan(0, 3, page -> {
      seen.addAll(page);
      store.append(batch("late", "x", 2), null);
    });
    assertThat(n).isEqualTo(10);
    assertThat(seen).allMatch(s -> s.event().userId().equals("u"));
    assertThat(store.count()).isEqualTo(10 + 2 * 4);
  }

  @Test
  void concurrentAppendsLoseNothingDuplicateNothingAndCommitInSequenceOrder() throws Exception {
    int threads = 4;
    int batches = 40;
    int size = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    List<StoredEvent> tailed = new CopyOnWriteArrayList<>();
    try {
      // a watermark reader as the service has: scan(after the last watermark) again and again; a
      // lower sequence committed after a higher one became visible would be missed here
      Future<?> reader = pool.submit(() -> {
        start.await();
        long[] mark = {0};
        while (true) {
          boolean last = !writing.get();
          store.scan(mark[0], 64, page -> {
            tailed.addAll(page);
            mark[0] = page.get(page.size() - 1).sequence();
          });
          if (last) {
            return null;
          }
        }
      });
      List<Future<List<AppendResult>>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        writers.add(pool.submit(() -> {
          start.await();
          List<AppendResult> results = new ArrayList<>();
          for (int b = 0; b < batches; b++) {
            String prefix = "t" + thread + "-b" + b + "-";
            results.add(store.append(batch("user" + thread, prefix, size), prefix));
            // every thread retries one batch to mix duplicates into the contention
            if (b % 10 == 3) {
              assertThat(store.append(batch("user" + thread, prefix, size), prefix).duplicate()).isTrue();
            }
          }
          return results;
        }));
      }
      start.countDown();
      List<Long> ends = new ArrayList<>();
      for (Future<List<AppendResult>> w : writers) {
        List<AppendResult> rs = w.get(120, TimeUnit.SECONDS);
        assertThat(rs).extracting(AppendResult::lastSequence).isSorted().doesNotHaveDuplicates();
        rs.forEach(r -> ends.add(r.lastSequence()));
      }
      writing.set(false);
      reader.get(120, TimeUnit.SECONDS);
      assertThat(ends).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
    List<StoredEvent> all = scanAll(store);
    assertThat(all).hasSize(threads * batches * size);
    assertThat(store.count()).isEqualTo(threads * batches * size);
    assertThat(all).extracting(s -> s.event().itemId()).doesNotHaveDuplicates();
    assertThat(all).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
    // each batch is contiguous and in its own order
    for (int k = 0; k < all.size(); k += size) {
      String prefix = all.get(k).event().itemId().replaceAll("0$", "");
      for (int j = 0; j < size; j++) {
        assertThat(all.get(k + j).event().itemId()).isEqualTo(prefix + j);
      }
    }
    assertThat(tailed).as("the incremental reader saw everything, in order, exactly once").isEqualTo(all);
  }

  @Test
  void reopeningAfterCloseKeepsEverything() {
    store.append(batch("u", "a", 7), "k-a");
    store.append(List.of(new Event("ü", "🎬", "rating", 3.5f, 42L, "{}")), null);
    List<StoredEvent> before = scanAll(store);
    long last = store.lastSequence();
    store.close();
    store = openStore();
    assertThat(scanAll(store)).isEqualTo(before);
    assertThat(store.count()).isEqualTo(8);
    assertThat(store.lastSequence()).isEqualTo(last);
    assertThat(store.append(batch("u", "a", 7), "k-a").duplicate()).isTrue();
    assertThat(store.append(batch("u", "c", 1), null).lastSequence()).isGreaterThan(last);
  }

  @Test
  void aClosedStoreRefusesCalls() {
    store.append(batch("u", "a", 1), null);
    store.close();
    assertThatThrownBy(() -> store.append(batch("u", "b", 1), null)).isInstanceOf(EventStoreException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.count()).isInstanceOf(EventStoreException.class);
    assertThatThrownBy(() -> store.history("u", 1)).isInstanceOf(EventStoreException.class);
    store.close(); // idempotent
    store = null;
  }

  @Test
  void describeNamesTheStoreWithoutSecrets() {
    assertThat(store.describe()).isNotBlank().doesNotContainIgnoringCase("password");
  }

  /**
   * A child JVM appends keyed batches and prints each acknowledgement; it is killed with SIGKILL
   * mid-stream (twice, the second run starting on the crashed store). Every acknowledged batch must
   * be there exactly once, every stored batch whole, and retries with the same keys must store
   * nothing that was already stored.
   */
  @Test
  void aKilledWriterLosesNothingAcknowledgedAndRetriesDoNotDouble() throws Exception {
    store.close();
    store = null;
    int size = 50;
    Map<Integer, Long> acked = new HashMap<>();
    int next = 0;
    for (int round = 0; round < 2; round++) {
      acked.putAll(runAndKill(next, size, 20 + 15 * round));
      try (EventStore s = openStore()) {
        next = (int) (s.lastSequence() / size);
      }
    }
    store = openStore();
    assertIntact(store);
    List<StoredEvent> all = scanAll(store);
    assertThat(all).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
    assertThat(all).extracting(s -> s.event().itemId()).doesNotHaveDuplicates();
    Map<Integer, Integer> perBatch = new HashMap<>();
    for (StoredEvent s : all) {
      String item = s.event().itemId();
      perBatch.merge(Integer.parseInt(item.substring(1, item.indexOf('-'))), 1, Integer::sum);
    }
    assertThat(perBatch.values()).as("every stored batch is whole").containsOnly(size);
    for (Map.Entry<Integer, Long> a : acked.entrySet()) {
      int b = a.getKey();
      List<StoredEvent> h = store.historySince("u" + (b % 7), a.getValue() - size);
      assertThat(h.subList(0, size)).extracting(StoredEvent::event)
          .as("acknowledged batch %d", b).containsExactlyElementsOf(AppendUntilKilled.batch(b, size));
      assertThat(h.get(size - 1).sequence()).isEqualTo(a.getValue());
    }
    assertThat(store.count()).isEqualTo(all.size());
    // the client retries its last batches (it cannot know which of them the store has)
    int lastAcked = acked.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
    long countBefore = store.count();
    int newlyStored = 0;
    for (int b = lastAcked - 3; b <= lastAcked + 2; b++) {
      boolean had = perBatch.containsKey(b);
      AppendResult r = store.append(AppendUntilKilled.batch(b, size), AppendUntilKilled.key(b));
      assertThat(r.duplicate()).as("batch %d retried", b).isEqualTo(had);
      if (acked.containsKey(b)) {
        assertThat(r.lastSequence()).isEqualTo(acked.get(b));
      }
      if (!had) {
        newlyStored++;
      }
    }
    assertThat(store.count()).isEqualTo(countBefore + (long) newlyStored * size);
    assertThat(scanAll(store)).extracting(s -> s.event().itemId()).doesNotHaveDuplicates();
  }

  private Map<Integer, Long> runAndKill(int first, int size, int killAfterAcks) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File errors = tmp.resolve("child-" + first + ".err").toFile();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        AppendUntilKilled.class.getName(), spec(), Integer.toString(first), Integer.toString(size));
    pb.redirectError(errors);
    Process child = pb.start();
    Map<Integer, Long> acked = new HashMap<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      String line;
      boolean killed = false;
      while ((line = out.readLine()) != null) {
        // a line cut by the kill has no END marker: that batch does not count as acknowledged
        if (line.startsWith("ACK ") && line.endsWith(" END")) {
          String[] f = line.split(" ");
          acked.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
        }
        if (!killed && (acked.size() >= killAfterAcks || System.nanoTime() > deadline)) {
          // SIGKILL on Unix; through the handle, so that our end of the pipe stays open and the
          // acknowledgements already written are still read
          child.toHandle().destroyForcibly();
          killed = true;
        }
      }
      assertThat(killed).as("child exited by itself: %s", Files.readString(errors.toPath())).isTrue();
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(acked).as("child acknowledged nothing: %s", Files.readString(errors.toPath())).isNotEmpty();
    return acked;
  }
}
