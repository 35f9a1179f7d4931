package io.reco4j.store;

/** The store could not complete an operation (I/O, database, corrupt data). Nothing partial was stored. */
public class EventStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EventStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public EventStoreException(String message) {
    super(message);
  }
}
