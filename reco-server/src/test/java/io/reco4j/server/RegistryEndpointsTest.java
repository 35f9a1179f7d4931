package io.reco4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco4j.server.registry.ModelRegistry;
import io.reco4j.server.registry.Registration;
import java.nio.file.Files;
import java.nio.file.Path;
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
          null));
      reg.promote(v1);
      t.server.attachRegistry(reg, TestServer.data());
      assertThat(t.get("/health").json().get("model").get("version").asText()).isEqualTo(v1);

      String key = TestServer.KEY;
      JsonNode models = t.get("/admin/models", "X-API-Key", key).json();
      assertThat(models.get("live").asText()).isEqualTo(v1);
      assertThat(models.get("models")).hasSize(2);
      JsonNode first = models.get("models").get(0);
      assertThat(first.get("status").asText()).isEqualTo("live");
      assertThat(first.get("metrics").get("ndcg@10").asDouble()).isEqualTo(0.35);
      assertThat(first.get("params").get("seed").asLong()).isEqualTo(42);

      var promoted = t.post("/admin/models/" + v2 + "/promote", "", "X-API-Key", key);
      assertThat(promoted.status()).isEqualTo(200);
      assertThat(promoted.json().get("live").asText()).isEqualTo(v2);
      assertThat(t.get("/users/1/recommendations").json().get("modelVersion").asText())
          .isEqualTo(v2);
      assertThat(t.get("/admin/models", "X-API-Key", key).json().get("models").get(0)
          .get("status").asText()).isEqualTo("retired");

      t.post("/admin/models/" + v1 + "/promote", "", "X-API-Key", key);
      assertThat(t.get("/users/1/recommendations").json().get("modelVersion").asText())
          .isEqualTo(v1);
      assertThat(t.post("/admin/models/v000099/promote", "", "X-API-Key", key).status())
          .isEqualTo(404);
    }
  }
}
