package io.reco4j.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import io.reco4j.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  static final Dataset DATA = TestData.ratings();

  @TempDir
  Path dir;

  static Model train(String algo, long seed) {
    Map<String, String> params = algo.equals("ials")
        ? Map.of("factors", "4", "iterations", "2", "seed", String.valueOf(seed)) : Map.of();
    return Algorithms.trainer(algo, params).train(DATA);
  }

  static String registerAndPromote(ModelRegistry r, Model m) throws IOException {
    String v = r.register(m, Registration.of(Map.of("ndcg@10", 0.1)));
    r.promote(v);
    return v;
  }

  @Test
  void anEmptyRegistryServesNothingUntilAPromotion() throws IOException {
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      assertThat(r.live()).isEmpty();
      assertThat(r.list()).isEmpty();
      String v = r.register(train("popular", 1), new Registration(Map.of("ndcg@10", 0.2), 17, null, "base"));
      assertThat(v).isEqualTo("v000001");
      assertThat(r.live()).isEmpty();
      assertThat(r.get(v).orElseThrow().status()).isEqualTo(ModelStatus.CANDIDATE);
      r.promote(v);
      assertThat(r.live().orElseThrow().version().version()).isEqualTo(v);
      assertThat(r.live().orElseThrow().model()).isInstanceOf(ItemScorer.class);
      assertThat(r.recoveryLog()).isEmpty();
    }
    assertThat(dir.resolve("models/v000001.reco")).isRegularFile();
    assertThat(dir.resolve("registry.json")).isRegularFile();
  }

  @Test
  void promotionRetiresThePreviousVersionTellsListenersAndSurvivesAReopen() throws IOException {
    List<String> heard = new ArrayList<>();
    String v1;
    String v2;
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      r.onPromote(l -> heard.add(l.version().version()));
      v1 = registerAndPromote(r, train("popular", 1));
      v2 = registerAndPromote(r, train("ials", 2));
      assertThat(heard).containsExactly(v1, v2);
      assertThat(r.get(v1).orElseThrow().status()).isEqualTo(ModelStatus.RETIRED);
      assertThat(r.get(v2).orElseThrow().status()).isEqualTo(ModelStatus.LIVE);
      ModelVersion e = r.get(v2).orElseThrow();
      assertThat(e.algorithm()).isEqualTo("ials");
      assertThat(e.paramsJson()).contains("\"factors\":4");
      assertThat(e.metrics()).containsEntry("ndcg@10", 0.1);
      assertThat(e.sha256()).hasSize(64);
      assertThat(e.dataFingerprint()).isEqualTo(DATA.fingerprint().toString());
    }
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      assertThat(r.recoveryLog()).isEmpty();
      assertThat(r.live().orElseThrow().version().version()).isEqualTo(v2);
      assertThat(r.live().orElseThrow().model().algorithm()).isEqualTo("ials");
      List<String> late = new ArrayList<>();
      r.onPromote(l -> late.add(l.version().version())); // told the current live at once
      assertThat(late).containsExactly(v2);
      r.promote(v1); // rollback
      assertThat(r.live().orElseThrow().model().algorithm()).isEqualTo("popular");
      assertThat(r.get(v2).orElseThrow().status()).isEqualTo(ModelStatus.RETIRED);
      assertThat(r.register(train("popular", 3), Registration.of(Map.of())))
          .isEqualTo("v000003");
    }
  }

  @Test
  void leftoverTemporaryFilesAreDeletedOnOpen() throws IOException {
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      registerAndPromote(r, train("popular", 1));
    }
    Path t1 = Files.writeString(dir.resolve(".registry.json.123.tmp"), "{half");
    Path t2 = Files.write(dir.resolve("models/.v000002.reco.456.tmp"), new byte[100]);
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      assertThat(t1).doesNotExist();
      assertThat(t2).doesNotExist();
      assertThat(r.live()).isPresent();
      assertThat(r.recoveryLog()).hasSize(2).allMatch(l -> l.contains("temporary"));
    }
  }

  @Test
  void aMissingLiveFileIsMarkedRejectedAndThePreviousLiveVersionServed() throws IOException {
    String v1;
    String v2;
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      v1 = registerAndPromote(r, train("popular", 1));
      v2 = registerAndPromote(r, train("ials", 2));
    }
    Files.delete(dir.resolve("models/" + v2 + ".reco"));
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      assertThat(r.live().orElseThrow().version().version()).isEqualTo(v1);
      ModelVersion bad = r.get(v2).orElseThrow();
      assertThat(bad.status()).isEqualTo(ModelStatus.REJECTED);
      assertThat(bad.reason()).contains("missing");
      assertThat(r.recoveryLog()).anyMatch(l -> l.contains(v2) && l.contains("missing"));
      assertThatThrownBy(() -> r.promote(v2)).isInstanceOf(RegistryException.class)
          .hasMessageContaining("missing");
    }
    try (ModelRegistry r = ModelRegistry.open(dir)) { // the repair was written: clean now
      assertThat(r.recoveryLog()).isEmpty();
      assertThat(r.live().orElseThrow().version().version()).isEqualTo(v1);
    }
  }

  @Test
  void aCorruptLiveFileIsMarkedRejectedAndThePreviousLiveVersionServed() throws IOException {
    String v1;
    String v2;
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      v1 = registerAndPromote(r, train("ials", 1));
      v2 = registerAndPromote(r, train("ials", 2));
    }
    Path f = dir.resolve("models/" + v2 + ".reco");
    byte[] b = Files.readAllBytes(f);
    b[b.length / 2] ^= 0x5a;
    Files.write(f, b);
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      assertThat(r.live().orElseThrow().version().version()).isEqualTo(v1);
      assertThat(r.get(v2).orElseThrow().status()).isEqualTo(ModelStatus.REJECTED);
      assertThat(r.get(v2).orElseThrow().reason()).contains("corrupt");
    }
  }

  @Test
  void aCorruptOnlyVersionLeavesNothingLiveButTheRegistryOpens() throws IOException {
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      registerAndPromote(r, train("popular", 1));
    }
    Files.write(dir.resolve("models/v000001.reco"), new byte[] {1, 2, 3});
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      assertThat(r.live()).isEmpty();
      assertThat(r.list()).singleElement().extracting(ModelVersion::status)
          .isEqualTo(ModelStatus.REJECTED);
      String v = registerAndPromote(r, train("popular", 2));
      assertThat(v).isEqualTo("v000002");
      assertThat(r.live()).isPresent();
    }
  }

  @Test
  void aModelFileTheRegistryDoesNotListIsAdoptedAsACandidateOrDeletedWhenUnreadable()
      throws IOException {
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      registerAndPromote(r, train("popular", 1));
    }
    // as if killed between writing the model file and updating registry.json
    io.reco4j.model.ModelFiles.save(train("ials", 2), dir.resolve("models/v000002.reco"));
    Files.write(dir.resolve("models/v000003.reco"), new byte[] {9, 9, 9});
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      ModelVersion adopted = r.get("v000002").orElseThrow();
      assertThat(adopted.status()).isEqualTo(ModelStatus.CANDIDATE);
      assertThat(adopted.algorithm()).isEqualTo("ials");
      assertThat(adopted.reason()).contains("adopted");
      assertThat(dir.resolve("models/v000003.reco")).doesNotExist();
      assertThat(r.get("v000003")).isEmpty();
      assertThat(r.live().orElseThrow().version().version()).isEqualTo("v000001");
      assertThat(r.register(train("popular", 4), Registration.of(Map.of()))).isEqualTo("v000004");
      assertThat(r.promote("v000002").model().algorithm()).isEqualTo("ials");
    }
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefusedWhileTheFirstHoldsIt() throws IOException {
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      assertThatThrownBy(() -> ModelRegistry.open(dir)).isInstanceOf(RegistryException.class)
          .hasMessageContaining("already open");
    }
    ModelRegistry.open(dir).close(); // released
  }

  @Test
  void unknownVersionsAreNamed() throws IOException {
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      assertThatThrownBy(() -> r.promote("v000042")).isInstanceOf(UnknownVersionException.class)
          .hasMessageContaining("v000042");
      assertThatThrownBy(() -> r.promote("../etc/passwd"))
          .isInstanceOf(UnknownVersionException.class);
    }
  }

  @Test
  void aRejectedCandidateKeepsItsReasonAndTheLiveVersionStays() throws IOException {
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      String v1 = registerAndPromote(r, train("popular", 1));
      String v2 = r.register(train("popular", 2), Registration.of(Map.of()));
      r.reject(v2, "ndcg@10 0.01 < live 0.1");
      assertThat(r.get(v2).orElseThrow().reason()).contains("0.01");
      assertThat(r.live().orElseThrow().version().version()).isEqualTo(v1);
      assertThatThrownBy(() -> r.reject(v1, "x")).isInstanceOf(RegistryException.class);
    }
  }
}
