package io.reco4j.server.registry;

/** No registry entry has this version (the HTTP layer answers 404). */
public class UnknownVersionException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public UnknownVersionException(String version) {
    super("unknown model version '" + version + "'");
  }
}
