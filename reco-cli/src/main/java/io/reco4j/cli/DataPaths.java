package io.reco4j.cli;

import io.reco4j.data.download.DataLocator;
import java.nio.file.Path;

/** Where {@code --data NAME} is looked up (see {@link DataLocator}). */
final class DataPaths {
  private DataPaths() {}

  static Path resolve(String nameOrPath) {
    return DataLocator.fromEnvironment().locate(nameOrPath);
  }
}
