package io.reco4j.server;

/**
 * A client-visible error: answered with its status and the JSON error body of docs/api.md
 * ({@code status}, {@code error}, {@code message}, {@code field} when one field is at fault).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String error;
  private final String field;

  /**
   * @param status HTTP status
   * @param error the error code ({@code bad_request}, {@code not_found}, …)
   * @param field the offending field path ({@code events[3].value}), or null
   * @param message what is wrong, for a person
   */
  public ApiException(int status, String error, String field, String message) {
    super(message);
    this.status = status;
    this.error = error;
    this.field = field;
  }

  /** 400 naming a field; the message is prefixed with the field path. */
  public static ApiException badField(String field, String problem) {
    return new ApiException(400, "bad_request", field, field + ": " + problem);
  }

  /** 400 without a single field at fault. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", null, message);
  }

  /** 404. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", null, message);
  }

  /** 401. */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", null, message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The error code. */
  public String error() {
    return error;
  }

  /** The field path, or null. */
  public String field() {
    return field;
  }
}
