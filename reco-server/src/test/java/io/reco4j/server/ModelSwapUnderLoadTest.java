package io.reco4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Swapping the served model while clients hammer the API fails no request. */
class ModelSwapUnderLoadTest {

  @Test
  void swappingModelsUnderConcurrentLoadFailsNoRequest() throws Exception {
    Model other = TestServer.model(7);
    try (TestServer t = TestServer.start()) {
      // a user with newer events exercises the fold-in path during the swaps too
      t.postEvents("{\"userId\":\"swapper\",\"itemId\":\"1\",\"type\":\"rating\",\"value\":5}");
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger ok = new AtomicInteger();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      Set<String> versions = ConcurrentHashMap.newKeySet();
      String[] paths = {"/users/1/recommendations?k=10", "/users/swapper/recommendations?k=10",
          "/users/nobody/recommendations?k=5", "/items/1/similar?k=5",
          "/users/2/recommendations?k=10&filter=genre:Comedy&explain=true"};
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < 6; c++) {
        int id = c;
        clients.add(pool.submit(() -> {
          int n = 0;
          while (!stop.get()) {
            TestServer.Reply r = t.get(paths[(id + n++) % paths.length]);
            if (r.status() != 200) {
              failures.add(r.status() + " " + r.body());
            } else {
              versions.add(r.json().get("modelVersion").asText());
              ok.incrementAndGet();
            }
          }
        }));
      }
      for (int s = 2; s <= 41; s++) {
        Thread.sleep(50);
        t.server.serve(ServedModel.of(String.format("v%06d", s), s % 2 == 0 ? other
            : TestServer.model(42), TestServer.data(), 0));
      }
      stop.set(true);
      for (Future<?> f : clients) {
        f.get();
      }
      pool.shutdown();
      assertThat(failures).isEmpty();
      assertThat(ok.get()).isGreaterThan(100);
      assertThat(versions.size()).as("requests saw several versions").isGreaterThan(3);
      assertThat(t.get("/health").json().get("model").get("version").asText())
          .isEqualTo("v000041");
      assertThat(t.get("/users/swapper/recommendations").json().get("path").asText())
          .isEqualTo("fold-in");
    }
  }
}
