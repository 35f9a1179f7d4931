package io.reco4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Runs in the build's {@code scalar-kernels} execution (a JVM without the vector module). */
@EnabledIfSystemProperty(named = VectorKernels.PROPERTY, matches = "false")
class ScalarProviderTest {
  @Test
  void theScalarKernelsRunWhenVectorsAreDisabled() {
    assertThat(VectorKernels.provider().name()).isEqualTo("scalar");
    assertThat(VectorKernels.vectorized()).isEmpty(); // this execution omits --add-modules
  }
}
