package io.reco4j.data;

/** Thrown when an external id is not known to an {@link IdIndex}; names the id and its kind. */
public final class UnknownIdException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String kind;
  private final String id;

  public UnknownIdException(String kind, String id) {
    super("unknown " + kind + " id '" + id + "'");
    this.kind = kind;
    this.id = id;
  }

  /** What the id names, e.g. "user". */
  public String kind() {
    return kind;
  }

  /** The id that was not found. */
  public String id() {
    return id;
  }
}
