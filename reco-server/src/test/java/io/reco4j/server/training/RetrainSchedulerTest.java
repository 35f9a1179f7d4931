package io.reco4j.server.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.MovieLens;
import io.reco4j.server.registry.ModelRegistry;
import io.reco4j.store.Event;
import io.reco4j.store.EventStore;
import io.reco4j.store.SqliteEventStore;
import io.reco4j.testkit.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler with a real pipeline, SQLite store and registry on ml-100k. */
class RetrainSchedulerTest {
  static Dataset base;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws Exception {
    base = MovieLens.load(SharedData.dir("ml-100k"), LoadOptions.defaults()).dataset();
  }

  static void await(BooleanSupplier cond, String what) throws InterruptedException {
    long end = System.nanoTime() + 120_000_000_000L;
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  static boolean finished(RetrainScheduler s, String id) {
    TrainingJob.State st = s.job(id).orElseThrow().state();
    return st == TrainingJob.State.DONE || st == TrainingJob.State.FAILED;
  }

  @Test
  void jobsRunOneAtATimeAndAFailureDoesNotStopTheNext() throws Exception {
    try (EventStore store = SqliteEventStore.open(dir.resolve("events.db"));
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        RetrainScheduler s = new RetrainScheduler(new TrainingPipeline(registry, store, base,
            TrainingOptions.defaults().withRefit(false)), store, null, 0,
            Duration.ofMillis(50)).start(0)) {
      TrainingJob a = s.submit(new TrainingRequest("ials", "{\"factors\": 16, \"iterations\": 4}"));
      TrainingJob bad = s.submit(new TrainingRequest("no-such-algorithm", null));
      TrainingJob c = s.submit(new TrainingRequest("popular", null));
      assertThat(a.id()).isEqualTo("j1");
      assertThat(s.job(c.id()).orElseThrow().state()).isIn(TrainingJob.State.QUEUED,
          TrainingJob.State.RUNNING);
      // single flight: while any job runs, at most one is RUNNING
      List<Integer> runningSeen = new ArrayList<>();
      await(() -> {
        runningSeen.add((int) s.jobs().stream()
            .filter(j -> j.state() == TrainingJob.State.RUNNING).count());
        return finished(s, c.id());
      }, "three jobs");
      assertThat(runningSeen).allMatch(n -> n <= 1);
      assertThat(s.job(a.id()).orElseThrow().state()).isEqualTo(TrainingJob.State.DONE);
      assertThat(s.job(a.id()).orElseThrow().result().promoted()).isTrue();
      TrainingJob failed = s.job(bad.id()).orElseThrow();
      assertThat(failed.state()).isEqualTo(TrainingJob.State.FAILED);
      assertThat(failed.error()).contains("no-such-algorithm");
      TrainingJob done = s.job(c.id()).orElseThrow();
      assertThat(done.state()).isEqualTo(TrainingJob.State.DONE);
      assertThat(done.result().promoted()).isFalse(); // popular regresses against ials
      assertThat(registry.live().orElseThrow().model().algorithm()).isEqualTo("ials");
    }
  }

  @Test
  void enoughNewEventsTriggerARetrainOfTheLiveModel() throws Exception {
    try (EventStore store = SqliteEventStore.open(dir.resolve("events.db"));
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
      TrainingPipeline p = new TrainingPipeline(registry, store, base,
          TrainingOptions.defaults().withRefit(false));
      p.run(new TrainingRequest("ease", null));
      try (RetrainScheduler s = new RetrainScheduler(p, store, null, 10, Duration.ofMillis(50))
          .start(store.lastSequence())) {
        List<Event> few = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
          few.add(new Event("new-" + k, "50", "like", 1f, 1L, null));
        }
        store.append(few, null);
        Thread.sleep(300);
        assertThat(s.jobs()).isEmpty(); // 9 < 10
        store.append(List.of(new Event("new-9", "50", "like", 1f, 1L, null)), null);
        await(() -> !s.jobs().isEmpty() && finished(s, "j1"), "the event-triggered job");
        TrainingJob j = s.job("j1").orElseThrow();
        assertThat(j.trigger()).isEqualTo("events");
        assertThat(j.state()).as(String.valueOf(j.error())).isEqualTo(TrainingJob.State.DONE);
        assertThat(j.result().algorithm()).isEqualTo("ease");
        assertThat(j.result().watermark()).isEqualTo(10);
        assertThat(j.result().promoted()).isTrue();
        Thread.sleep(300);
        assertThat(s.jobs()).hasSize(1); // no new events since: no new run
      }
    }
  }

  @Test
  void aPeriodicScheduleRetrainsEvenWithoutEvents() throws Exception {
    try (EventStore store = SqliteEventStore.open(dir.resolve("events.db"));
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
      TrainingPipeline p = new TrainingPipeline(registry, store, base,
          TrainingOptions.defaults().withRefit(false));
      p.run(new TrainingRequest("popular", null));
      try (RetrainScheduler s = new RetrainScheduler(p, store, Duration.ofMillis(200), 0,
          Duration.ofMillis(20)).start(0)) {
        await(() -> s.jobs().size() >= 2 && finished(s, "j2"), "two scheduled jobs");
        assertThat(s.jobs()).allMatch(j -> j.trigger().equals("schedule"));
        assertThat(s.job("j1").orElseThrow().result().algorithm()).isEqualTo("popular");
      }
    }
  }
}
