package io.reco4j.parquet;

import java.io.IOException;

/**
 * A Parquet file that cannot be loaded as interactions: not Parquet or corrupt, a missing or
 * ill-typed column, or a null value. The message names the file and, where it applies, the column
 * and row.
 */
public final class ParquetInputException extends IOException {
  private static final long serialVersionUID = 1L;

  public ParquetInputException(String message) {
    super(message);
  }

  public ParquetInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
