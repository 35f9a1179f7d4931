package io.reco4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco4j.store.EventStore;
import io.reco4j.store.EventStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code reco serve} while it ingests: two client threads stream {@code POST /events}
 * batches, each with its {@code Idempotency-Key}, into a service in a child JVM, which is killed
 * (SIGKILL) at a seeded random moment, three times over on the same state. After every kill the
 * store (opened directly, then through the restarted service's API) must hold every acknowledged
 * batch exactly once and every unacknowledged batch entirely or not at all; retrying every batch
 * with its key must then leave each stored exactly once.
 *
 * <p>This class runs on the embedded SQLite store; {@link PostgresServeIngestCrashTest} runs the
 * same on PostgreSQL.
 */
class ServeIngestCrashTest {
  static final int BATCH = 50;
  static final int ROUNDS = 3;

  @TempDir
  Path dir;

  /** The {@code --store} spec, or null for the embedded store under the state dir. */
  String storeSpec() throws Exception {
    return null;
  }

  /** The store the service uses, opened directly (the service must not be running). */
  EventStore openDirectly(String spec, Path stateDir) {
    return EventStores.open(spec, stateDir.resolve("events.db"));
  }

  /** One batch: its own user, {@code BATCH} distinct items; the key names it. */
  static final class Batch {
    final String key;
    final String userId;
    final int firstItem;
    volatile Long ackedSequence; // the lastSequence of the 200 answer; null when not acknowledged

    Batch(String key, int firstItem) {
      this.key = key;
      this.userId = "crash-" + key;
      this.firstItem = firstItem;
    }

    String itemId(int k) {
      return Integer.toString((firstItem + k) % 1682 + 1); // ml-100k items, distinct in a batch
    }

    String body() {
      StringBuilder b = new StringBuilder("{\"events\":[");
      for (int k = 0; k < BATCH; k++) {
        b.append(k == 0 ? "" : ",").append("{\"userId\":\"").append(userId)
            .append("\",\"itemId\":\"").append(itemId(k)).append("\",\"type\":\"view\"}");
      }
      return b.append("]}").toString();
    }
  }

  @Test
  void everyAcknowledgedBatchSurvivesAKillExactlyOnceAndRetriesNeverDoubleIt() throws Exception {
    SplittableRandom rnd = new SplittableRandom(20260311L);
    Path state = dir.resolve("state");
    String spec = storeSpec();
    List<String> args = ServiceProcess.serveArgs(state);
    if (spec != null) {
      args.addAll(List.of("--store", spec));
    }
    List<Batch> all = new ArrayList<>();
    ServiceProcess service = ServiceProcess.start(args, dir.resolve("serve-0.log"));
    try {
      for (int round = 0; round < ROUNDS; round++) {
        List<Batch> sent = streamAndKill(service, round, rnd);
        all.addAll(sent);
        long acked = sent.stream().filter(b -> b.ackedSequence != null).count();

        // 1. the store itself, opened directly after the kill
        Map<String, Boolean> present = checkStore(spec, state, all);

        // 2. the restarted service sees the same
        service = ServiceProcess.start(args, dir.resolve("serve-" + (round + 1) + ".log"));
        long stored = present.values().stream().filter(p -> p).count();
        assertThat(health(service).get("store").get("events").asLong())
            .as("event count after restart (round %d)", round).isEqualTo(stored * BATCH);
        for (Batch b : sent) {
          assertThat(history(service, b)).as("history of %s", b.key)
              .isEqualTo(present.get(b.key) ? BATCH : 0);
        }

        // 3. retrying every batch of the round with its key stores each exactly once
        for (Batch b : sent) {
          ServiceProcess.Reply r = service.post("/events", b.body(), "Idempotency-Key", b.key);
          assertThat(r.status()).as("retry of %s: %s", b.key, r.body()).isEqualTo(200);
          assertThat(r.json().get("duplicate").asBoolean()).as("retry of %s is a duplicate", b.key)
              .isEqualTo(present.get(b.key));
          if (b.ackedSequence != null) {
            assertThat(r.json().get("lastSequence").asLong()).as("retry of %s", b.key)
                .isEqualTo(b.ackedSequence);
          }
          assertThat(history(service, b)).as("history of %s after the retry", b.key)
              .isEqualTo(BATCH);
        }
        assertThat(health(service).get("store").get("events").asLong())
            .isEqualTo((long) all.size() * BATCH);
        System.out.printf("ingest kill %d: %d batches sent, %d acknowledged, %d of the %d "
            + "unacknowledged were stored%n", round, sent.size(), acked,
            sent.stream().filter(b -> b.ackedSequence == null && present.get(b.key)).count(),
            sent.size() - acked);
      }
      service.stop();
      Map<String, Boolean> present = checkStore(spec, state, all);
      assertThat(present).allSatisfy((k, p) -> assertThat(p).as(k).isTrue());
    } finally {
      service.close();
    }
  }

  /**
   * Streams batches from two threads until the service dies; kills it a seeded random while
   * after the first acknowledgements. Returns every batch sent (acknowledged or in flight).
   */
  private static List<Batch> streamAndKill(ServiceProcess service, int round, SplittableRandom rnd)
      throws Exception {
    ConcurrentLinkedQueue<Batch> sent = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    AtomicInteger acks = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int thread = t;
      int firstItem = rnd.nextInt(1682);
      clients.add(new Thread(() -> {
        for (int n = 0; !stop.get(); n++) {
          Batch b = new Batch("r" + round + "-t" + thread + "-" + n, firstItem + n);
          sent.add(b);
          try {
            ServiceProcess.Reply r = service.post("/events", b.body(), "Idempotency-Key", b.key);
            if (r.status() != 200 || r.json().get("accepted").asInt() != BATCH
                || r.json().get("duplicate").asBoolean()) {
              unexpected.add(b.key + ": " + r.status() + " " + r.body());
              return;
            }
            b.ackedSequence = r.json().get("lastSequence").asLong();
            acks.incrementAndGet();
          } catch (IOException e) {
            return; // the service died with this batch in flight
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "ingest-client-" + t));
    }
    clients.forEach(Thread::start);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (acks.get() < 5 && unexpected.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    Thread.sleep(rnd.nextInt(30, 600));
    service.kill();
    stop.set(true);
    for (Thread c : clients) {
      c.join(60_000);
    }
    assertThat(unexpected).as("answers other than 200 before the kill").isEmpty();
    assertThat(acks.get()).as("acknowledged batches").isGreaterThanOrEqualTo(5);
    return new ArrayList<>(sent);
  }

  /**
   * Opens the store directly and checks every batch: an acknowledged one exactly once (each of its
   * items once), any other one entirely or not at all, nothing else stored.
   *
   * @return batch key → whether it is stored
   */
  private Map<String, Boolean> checkStore(String spec, Path state, List<Batch> batches) {
    Map<String, Map<String, Integer>> byUser = new HashMap<>();
    long total;
    try (EventStore store = openDirectly(spec, state)) {
      total = store.count();
      store.scan(0, 10_000, chunk -> chunk.forEach(e -> byUser
          .computeIfAbsent(e.event().userId(), u -> new HashMap<>())
          .merge(e.event().itemId(), 1, Integer::sum)));
    }
    Map<String, Boolean> present = new HashMap<>();
    long expected = 0;
    for (Batch b : batches) {
      Map<String, Integer> items = byUser.getOrDefault(b.userId, Map.of());
      if (b.ackedSequence != null) {
        assertThat(items).as("acknowledged batch %s", b.key).hasSize(BATCH);
      } else {
        assertThat(items.size()).as("unacknowledged batch %s: all or nothing", b.key)
            .isIn(0, BATCH);
      }
      for (int k = 0; k < BATCH && !items.isEmpty(); k++) {
        assertThat(items.get(b.itemId(k))).as("%s item %s", b.key, b.itemId(k)).isEqualTo(1);
      }
      present.put(b.key, !items.isEmpty());
      expected += items.isEmpty() ? 0 : BATCH;
    }
    assertThat(total).as("events in the store").isEqualTo(expected);
    assertThat(byUser.keySet()).as("users in the store")
        .allSatisfy(u -> assertThat(present.get(u.substring("crash-".length()))).isTrue());
    return present;
  }

  private static JsonNode health(ServiceProcess s) throws Exception {
    ServiceProcess.Reply r = s.get("/health");
    assertThat(r.status()).as("/health: %s", r.body()).isEqualTo(200);
    return r.json();
  }

  private static int history(ServiceProcess s, Batch b) throws Exception {
    ServiceProcess.Reply r = s.get("/users/" + b.userId + "/history?limit=1000");
    assertThat(r.status()).as("history of %s: %s", b.key, r.body()).isEqualTo(200);
    return r.json().get("events").size();
  }
}
