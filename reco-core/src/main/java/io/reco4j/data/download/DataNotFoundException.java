package io.reco4j.data.download;

import java.nio.file.Path;
import java.util.List;

/**
 * Thrown by {@link DataLocator} when a {@code --data} argument is neither an existing path nor an
 * installed dataset. The message lists every place that was tried and how to fix it.
 */
public final class DataNotFoundException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String argument;
  private final transient List<Path> searched;

  public DataNotFoundException(String argument, List<Path> searched, String message) {
    super(message);
    this.argument = argument;
    this.searched = List.copyOf(searched);
  }

  /** What the user passed. */
  public String argument() {
    return argument;
  }

  /** The paths that were tried, in order. */
  public List<Path> searched() {
    return searched;
  }
}
