package io.reco4j.data.download;

import java.io.IOException;

/**
 * A download or install that failed; the message is meant for the user and names the URL or file
 * involved. When this is thrown nothing was installed and no temporary files are left behind.
 */
public final class DownloadException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the download failed, for callers that map failures to exit codes. */
  public enum Kind {
    /** The server answered with a non-2xx status. */
    HTTP_STATUS,
    /** Connecting or reading failed or timed out. */
    NETWORK,
    /** Fewer bytes arrived than announced or expected. */
    TRUNCATED,
    /** The SHA-256 of the body differs from the pin. */
    CHECKSUM_MISMATCH,
    /** No SHA-256 is pinned and skipping the check was not requested. */
    UNPINNED,
    /** The archive is not a usable zip: unreadable, unsafe entries, or the folder is missing. */
    BAD_ARCHIVE,
    /** Writing to the data directory failed. */
    LOCAL_IO
  }

  private final Kind kind;

  public DownloadException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public DownloadException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Why it failed. */
  public Kind kind() {
    return kind;
  }
}
