package io.reco4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code --data NAME} is looked up. */
final class DataPaths {
  private DataPaths() {}

  static Path resolve(String nameOrPath) {
    Path p = Path.of(nameOrPath);
    if (Files.exists(p)) {
      return p;
    }
    String env = System.getenv("RECO_DATA");
    Path dataDir = env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".reco4j", "data");
    String shared = System.getenv("RECO4J_SHARED");
    Path sharedDir = shared != null && !shared.isBlank() ? Path.of(shared) : Path.of("..", "shared", "data");
    Path[] candidates = {dataDir.resolve(nameOrPath), sharedDir.resolve(nameOrPath)};
    for (Path c : candidates) {
      if (Files.exists(c)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no dataset '" + nameOrPath + "': not a path, not in "
        + dataDir + ", not in ../shared/data; run 'reco data download " + nameOrPath
        + "' or pass --data PATH");
  }
}
