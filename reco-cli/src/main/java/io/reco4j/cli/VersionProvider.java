package io.reco4j.cli;

import io.reco4j.model.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code reco --version}: version, commit and JVM. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"reco4j " + BuildInfo.version() + " (" + BuildInfo.gitCommit() + ")",
        "JVM: " + BuildInfo.jvm(),
        "kernels: " + io.reco4j.linalg.VectorKernels.provider().name()
            + (io.reco4j.linalg.VectorKernels.provider().name().equals("scalar")
                ? " (run with --add-modules jdk.incubator.vector for the vectorised ones)" : "")};
  }
}
