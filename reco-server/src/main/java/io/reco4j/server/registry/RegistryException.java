package io.reco4j.server.registry;

/** The registry cannot do what was asked: unknown version, unreadable file, held by another process. */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
