package io.reco4j.data.download;

/**
 * How {@link DatasetDownloader#download} behaves.
 *
 * @param force download and reinstall even when the dataset is already installed; the old folder
 *     is replaced only after the new one is complete
 * @param insecureSkipChecksum install even when no SHA-256 is pinned or the pin does not match;
 *     the computed digest is still reported. For refreshed archives and private mirrors only
 */
public record DownloadOptions(boolean force, boolean insecureSkipChecksum) {

  /** No force, checksum enforced. */
  public static DownloadOptions defaults() {
    return new DownloadOptions(false, false);
  }

  /** A copy with {@code force} set. */
  public DownloadOptions withForce(boolean value) {
    return new DownloadOptions(value, insecureSkipChecksum);
  }

  /** A copy with {@code insecureSkipChecksum} set. */
  public DownloadOptions withInsecureSkipChecksum(boolean value) {
    return new DownloadOptions(force, value);
  }
}
