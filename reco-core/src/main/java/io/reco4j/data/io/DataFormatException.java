package io.reco4j.data.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Input that cannot be loaded, with the file, 1-based line number and field it was found at
 * (line 0 and a null field when the problem is with the file as a whole).
 */
public final class DataFormatException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final long line;
  private final String field;
  private final String reason;

  public DataFormatException(Path file, long line, String field, String reason) {
    super(format(file, line, field, reason));
    this.file = file;
    this.line = line;
    this.field = field;
    this.reason = reason;
  }

  private static String format(Path file, long line, String field, String reason) {
    StringBuilder sb = new StringBuilder().append(file);
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    if (field != null) {
      sb.append(", field ").append(field);
    }
    return sb.append(": ").append(reason).toString();
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** 1-based line number, or 0 for the file as a whole. */
  public long line() {
    return line;
  }

  /** The field (e.g. {@code 'rating' (column 3)}), or null. */
  public String field() {
    return field;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}
