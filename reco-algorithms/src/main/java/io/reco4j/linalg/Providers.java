package io.reco4j.linalg;

/**
 * Chooses the {@link VectorKernels} once per JVM (the idea of Lucene's
 * {@code VectorizationProvider}): the {@code jdk.incubator.vector} implementation is loaded by
 * reflection only when its module is in the boot layer, so nothing links against the incubator
 * classes on a JVM started without {@code --add-modules jdk.incubator.vector}.
 */
final class Providers {
  private static final String VECTOR_CLASS = "io.reco4j.linalg.PanamaKernels";

  /** The vector kernels, or null when the module is absent or they fail to load. */
  static final VectorKernels VECTOR = loadVector();

  /** The kernels in use. */
  static final VectorKernels ACTIVE =
      VECTOR != null && !"false".equalsIgnoreCase(System.getProperty(VectorKernels.PROPERTY, ""))
          ? VECTOR
          : ScalarKernels.INSTANCE;

  private Providers() {}

  private static VectorKernels loadVector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      Object k = Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
      PanamaCheck check = (PanamaCheck) k;
      return check.usable() ? (VectorKernels) k : null;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null; // e.g. a JDK whose incubator API differs: stay scalar
    }
  }

  /** Implemented by the vector kernels: false when vectors are too narrow to pay off. */
  interface PanamaCheck {
    boolean usable();
  }
}
