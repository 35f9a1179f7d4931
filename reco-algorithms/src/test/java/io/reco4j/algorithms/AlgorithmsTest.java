package io.reco4j.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.algorithms.baseline.BiasConfig;
import io.reco4j.algorithms.baseline.BiasTrainer;
import io.reco4j.algorithms.baseline.GlobalMeanConfig;
import io.reco4j.algorithms.baseline.GlobalMeanTrainer;
import io.reco4j.algorithms.baseline.PopularTrainer;
import io.reco4j.algorithms.baseline.RandomConfig;
import io.reco4j.data.Dataset;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.Model;
import io.reco4j.model.ModelFiles;
import io.reco4j.model.Trainer;
import io.reco4j.testkit.TestData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlgorithmsTest {

  @Test
  void namesListsEveryBaselineInRegistrationOrder() {
    assertThat(Algorithms.names()).startsWith("global-mean", "bias", "popular", "random")
        .contains("svd", "svdpp", "bpr", "itemknn", "userknn", "als", "ials", "ease");
  }

  @Test
  void aliasesAndCaseResolveToTheCanonicalName() {
    assertThat(Algorithms.canonicalName("mean")).isEqualTo("global-mean");
    assertThat(Algorithms.canonicalName("pop")).isEqualTo("popular");
    assertThat(Algorithms.canonicalName(" Bias ")).isEqualTo("bias");
    assertThat(Algorithms.trainer("mean")).isInstanceOf(GlobalMeanTrainer.class);
    assertThat(Algorithms.trainer("POP")).isInstanceOf(PopularTrainer.class);
    assertThat(Algorithms.aliases("popular")).containsExactly("pop");
  }

  @Test
  void trainerWithoutOverridesUsesTheDefaults() {
    for (String name : Algorithms.names()) {
      assertThat(Algorithms.trainer(name).config()).as(name).isEqualTo(Algorithms.defaults(name));
      assertThat(Algorithms.defaults(name)).isInstanceOf(Algorithms.configClass(name));
    }
    assertThat(Algorithms.configClass("random")).isEqualTo(RandomConfig.class);
    assertThat(Algorithms.configClass("global-mean")).isEqualTo(GlobalMeanConfig.class);
  }

  @Test
  void stringParametersOverrideTheDefaults() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("userRegularization", "20");
    params.put("iterations", "3");
    Trainer<? extends Model> t = Algorithms.trainer("bias", params);
    assertThat(t).isInstanceOf(BiasTrainer.class);
    assertThat(t.config()).isEqualTo(new BiasConfig(3, 20f, 10f, 0));
    assertThat(Algorithms.trainer("random", Map.of("seed", "-5")).config())
        .isEqualTo(new RandomConfig(-5));
  }

  @Test
  void jsonOverridesArePartialAndMergedIntoTheDefaults() {
    assertThat(Algorithms.trainer("bias", "{\"itemRegularization\": 2.5, \"threads\": 1}").config())
        .isEqualTo(new BiasConfig(10, 15f, 2.5f, 1));
    assertThat(Algorithms.config("bias", "")).isEqualTo(BiasConfig.defaults());
    assertThat(Algorithms.config("mean", "{}")).isEqualTo(GlobalMeanConfig.defaults());
  }

  @Test
  void unknownAlgorithmListsTheKnownNames() {
    assertThatThrownBy(() -> Algorithms.trainer("svd++"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'svd++'")
        .hasMessageContaining("global-mean").hasMessageContaining("bias")
        .hasMessageContaining("popular").hasMessageContaining("random");
    assertThatThrownBy(() -> Algorithms.configClass("nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
  }

  @Test
  void unknownParameterIsAnErrorNamingItAndTheKnownOnes() {
    assertThatThrownBy(() -> Algorithms.trainer("bias", Map.of("userReg", "15")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'userReg'")
        .hasMessageContaining("userRegularization");
    assertThatThrownBy(() -> Algorithms.trainer("popular", "{\"k\": 3}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k'");
  }

  @Test
  void invalidValuesAreErrorsNamingTheField() {
    assertThatThrownBy(() -> Algorithms.trainer("bias", Map.of("iterations", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iterations must be >= 1");
    assertThatThrownBy(() -> Algorithms.trainer("bias", Map.of("iterations", "many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'iterations'");
    assertThatThrownBy(() -> Algorithms.trainer("bias", "[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> Algorithms.trainer("bias", "{iterations"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void trainerForAConfigRecordPicksItsAlgorithm() {
    AlgorithmConfig c = new BiasConfig(4, 1f, 2f, 1);
    assertThat(Algorithms.trainer(c)).isInstanceOf(BiasTrainer.class);
    assertThat(Algorithms.trainer(c).config()).isEqualTo(c);
    assertThatThrownBy(() -> Algorithms.trainer(new AlgorithmConfig() {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyRegisteredAlgorithmTrainsSavesAndLoadsUnderItsName(@TempDir Path dir) throws Exception {
    Dataset data = TestData.ratings();
    for (String name : Algorithms.names()) {
      Model m = Algorithms.trainer(name).train(data);
      assertThat(m.algorithm()).isEqualTo(name);
      assertThat(m.config()).isInstanceOf(Algorithms.configClass(name));
      Path f = dir.resolve(name + ".r4j");
      ModelFiles.save(m, f);
      Model back = ModelFiles.load(f);
      assertThat(back.algorithm()).isEqualTo(name);
      assertThat(back.getClass()).isEqualTo(m.getClass());
      assertThat(back.provenance()).isEqualTo(m.provenance());
    }
  }
}
