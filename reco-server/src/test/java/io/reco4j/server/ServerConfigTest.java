package io.reco4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void yamlGivesOnlyWhatDiffersFromTheDefaults() {
    ServerConfig c = ServerConfig.fromYaml("port: 9090\nalgo: ease\nreadAuth: key\n"
        + "eventWeights: {view: 0.5}\nparams: {regularization: '300'}\n");
    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.algo()).isEqualTo("ease");
    assertThat(c.readsNeedKey()).isTrue();
    assertThat(c.params()).containsEntry("regularization", "300");
    assertThat(c.weights().implicitWeight("view", 1)).isEqualTo(0.5f);
    assertThat(c.weights().implicitWeight("purchase", 1)).isEqualTo(5f);
    assertThat(c.maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(c.maxBatchEvents()).isEqualTo(1000);
  }

  @Test
  void jsonRoundTripsAndUnknownOrInvalidFieldsAreNamed() {
    ServerConfig c = ServerConfig.defaults().withApiKeyHashes(List.of(ApiKeys.hash("k")));
    assertThat(ServerConfig.fromJson(c.toJson())).isEqualTo(c);
    assertThatThrownBy(() -> ServerConfig.fromJson("{\"prot\": 1}")).hasMessageContaining("prot");
    assertThatThrownBy(() -> ServerConfig.fromYaml("port: 70000"))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> ServerConfig.fromYaml("readAuth: maybe"))
        .hasMessageContaining("readAuth");
    assertThatThrownBy(() -> ServerConfig.fromYaml("apiKeyHashes: [nothex]"))
        .hasMessageContaining("apiKeyHashes[0]");
    assertThatThrownBy(() -> ServerConfig.fromYaml("eventWeights: {view: -1}"))
        .hasMessageContaining("view");
  }

  @Test
  void apiKeysVerifyOnlyTheHashedKeyAndNeverStoreIt() {
    String h = ApiKeys.hash("s3cret");
    assertThat(h).doesNotContain("s3cret").matches("[0-9a-f]{32}:[0-9a-f]{64}");
    assertThat(ApiKeys.hash("s3cret")).isNotEqualTo(h); // fresh salt each time
    ApiKeys keys = new ApiKeys(List.of(ApiKeys.hash("other"), h));
    assertThat(keys.verify("s3cret")).isTrue();
    assertThat(keys.verify("other")).isTrue();
    assertThat(keys.verify("s3cret ")).isFalse();
    assertThat(keys.verify("")).isFalse();
    assertThat(keys.verify(null)).isFalse();
    assertThat(new ApiKeys(List.of()).verify("s3cret")).isFalse();
    assertThat(ApiKeys.newKey()).hasSizeGreaterThan(40).isNotEqualTo(ApiKeys.newKey());
  }
}
