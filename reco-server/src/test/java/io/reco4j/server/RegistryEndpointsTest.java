package io.reco4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco4j.server.registry.ModelRegistry;
import io.reco4j.server.registry.Registration;
import java.nio.file.Files;
import java.nio.file.Path;
import io.reco4j.server.training.RetrainScheduler;
import io.reco4j.server.training.TrainingOptions;
import io.reco4j.server.training.TrainingPipeline;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin endpoints over a real model registry: listing, promotion and rollback swap the served model. */
class RegistryEndpointsTest {

  @Test
  void promotingAndRollingBackThroughTheApiSwapsTheServedModel() throws Exception {
    Path dir = Files.createTempDirectory("reco-registry-test");
    try (TestServer t = TestServer.start(); ModelRegistry reg = ModelRegistry.open(dir)) {
      String v1 = reg.register(TestServer.model(42), Registration.of(Map.of("ndcg@10", 0.35)));
      String v2 = reg.register(TestServer.model(7), new Registration(Map.of("ndcg@10", 0.36), 0,
          null, null));
      reg.promote(v1);
      t.server.attachRegistry(reg, TestServer.data(), null);
      assertThat(t.get("/health").json().get("model").get("version").asText()).isEqualTo(v1);

      String key = TestServer.KEY;
      JsonNode models = t.get("/admin/models", "X-API-Key", key).json();
      assertThat(models.get("live").asText()).isEqualTo(v1);
      assertThat(models.get("models")).hasSize(2);
      JsonNode first = models.get("models").get(1); // newest first: v2, then v1
      assertThat(first.get("status").asText()).isEqualTo("live");
      assertThat(first.get("metrics").get("ndcg@10").asDouble()).isEqualTo(0.35);
      assertThat(first.get("params").get("seed").asLong()).isEqualTo(42);

      var promoted = t.post("/admin/models/" + v2 + "/promote", "", "X-API-Key", key);
      assertThat(promoted.status()).isEqualTo(200);
      assertThat(promoted.json().get("live").asText()).isEqualTo(v2);
      assertThat(t.get("/users/1/recommendations").json().get("modelVersion").asText())
          .isEqualTo(v2);
      assertThat(t.get("/admin/models", "X-API-Key", key).json().get("models").get(1)
          .get("status").asText()).isEqualTo("retired");

      t.post("/admin/models/" + v1 + "/promote", "", "X-API-Key", key);
      assertThat(t.get("/users/1/recommendations").json().get("modelVersion").asText())
          .isEqualTo(v1);
      assertThat(t.post("/admin/models/v000099/promote", "", "X-API-Key", key).status())
          .isEqualTo(404);
      assertThat(t.post("/admin/models/train", "", "X-API-Key", key).status()).isEqualTo(409);
    }
  }

  @Test
  void aTrainingJobRetrainsOnStoredEventsAndTheNewModelKnowsTheNewUser() throws Exception {
    Path dir = Files.createTempDirectory("reco-registry-train");
    try (TestServer t = TestServer.start(); ModelRegistry reg = ModelRegistry.open(dir)) {
      String key = TestServer.KEY;
      reg.promote(reg.register(TestServer.model(42), Registration.of(Map.of())));
      TrainingPipeline pipeline = new TrainingPipeline(reg, t.store, TestServer.data(),
          TrainingOptions.defaults().withTolerance(0.5));
      try (RetrainScheduler scheduler = new RetrainScheduler(pipeline, t.store, null, 0,
          Duration.ofSeconds(1)).start(0)) {
        t.server.attachRegistry(reg, TestServer.data(), scheduler);
        StringBuilder events = new StringBuilder("{\"events\":[");
        String[] liked = {"1", "2355", "3114", "588", "595", "364", "2081", "1907"};
        for (int k = 0; k < liked.length; k++) {
          events.append(k == 0 ? "" : ",").append("{\"userId\":\"trained-user\",\"itemId\":\"")
              .append(liked[k]).append("\",\"type\":\"like\"}");
        }
        assertThat(t.postEvents(events.append("]}").toString()).status()).isEqualTo(200);
        assertThat(t.get("/users/trained-user/recommendations").json().get("path").asText())
            .isEqualTo("fold-in");

        var bad = t.post("/admin/models/train", "{\"algo\":\"nope\"}", "X-API-Key", key,
            "Content-Type", "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("algo");
        var badParam = t.post("/admin/models/train", "{\"params\":{\"factorz\":3}}",
            "X-API-Key", key, "Content-Type", "application/json");
        assertThat(badParam.json().get("field").asText()).isEqualTo("params");

        var started = t.post("/admin/models/train", "{\"algo\":\"ials\",\"params\":"
            + "{\"factors\":16,\"iterations\":4}}", "X-API-Key", key, "Content-Type",
            "application/json");
        assertThat(started.status()).isEqualTo(202);
        String job = started.json().get("job").asText();
        JsonNode state = null;
        for (int n = 0; n < 600; n++) {
          state = t.get("/admin/jobs/" + job, "X-API-Key", key).json();
          if (!state.get("state").asText().matches("queued|running")) {
            break;
          }
          Thread.sleep(100);
        }
        assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("done");
        assertThat(state.get("promoted").asBoolean()).as(state.toString()).isTrue();
        String v = state.get("version").asText();
        assertThat(state.get("metrics").has("ndcg@10")).isTrue();

        var r = t.get("/users/trained-user/recommendations?k=10");
        assertThat(r.json().get("modelVersion").asText()).isEqualTo(v);
        assertThat(r.json().get("path").asText()).isEqualTo("model");
        for (JsonNode i : r.json().get("items")) {
          assertThat(i.get("itemId").asText()).isNotIn((Object[]) liked);
        }
        JsonNode listed = t.get("/admin/models", "X-API-Key", key).json();
        assertThat(listed.get("live").asText()).isEqualTo(v);
        assertThat(listed.get("models").get(0).get("trainedOnEvents").asLong())
            .isEqualTo(t.store.lastSequence());
      }
    }
  }
}
