package io.reco4j.model;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that cannot be read: wrong magic, unsupported version, bad checksum, truncation. */
public final class ModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public ModelFileException(Path file, String message) {
    super(file + ": " + message);
  }

  public ModelFileException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
  }
}
