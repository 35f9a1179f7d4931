package io.reco4j.data.download;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One downloadable dataset: a zip archive published under {@code <base URL>/<fileName>} that
 * holds a single folder {@code folderInZip} with the dataset's files.
 *
 * <p>The canonical constructor is public so that tests and mirrors of other archives can build
 * entries of their own; {@link DatasetCatalog} holds the official ones.
 *
 * @param name the dataset name users type, e.g. {@code ml-100k}; also the installed folder name
 * @param fileName the archive's file name relative to the base URL, e.g. {@code ml-100k.zip}
 * @param expectedSize the archive's size in bytes, or {@code -1} when not known
 * @param folderInZip the top-level folder inside the archive that holds the dataset
 * @param ratingsFile the file inside that folder whose presence marks a complete install, e.g.
 *     {@code u.data}
 * @param sha256 the pinned SHA-256 of the archive as 64 lower-case hex digits, or {@code null}
 *     when no pin is known (the downloader then refuses unless told to skip the check)
 * @param pinSource where the pin (and size) came from, for humans; empty when unpinned
 */
public record CatalogEntry(
    String name,
    String fileName,
    long expectedSize,
    String folderInZip,
    String ratingsFile,
    String sha256,
    String pinSource) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Validates the fields; names must be plain folder names, never paths. */
  public CatalogEntry {
    requireName(name, "name");
    requireName(fileName, "fileName");
    requireName(folderInZip, "folderInZip");
    requireName(ratingsFile, "ratingsFile");
    if (expectedSize < -1) {
      throw new IllegalArgumentException("expectedSize must be >= 0 or -1 (unknown): " + expectedSize);
    }
    if (sha256 != null) {
      sha256 = sha256.toLowerCase(Locale.ROOT);
      if (!HEX64.matcher(sha256).matches()) {
        throw new IllegalArgumentException("sha256 must be 64 hex digits: '" + sha256 + "'");
      }
    }
    pinSource = pinSource == null ? "" : pinSource;
  }

  private static void requireName(String value, String field) {
    Objects.requireNonNull(value, field);
    if (!NAME.matcher(value).matches() || value.contains("..")) {
      throw new IllegalArgumentException(field + " must be a plain file name: '" + value + "'");
    }
  }

  /** Whether a SHA-256 is pinned for this archive. */
  public boolean pinned() {
    return sha256 != null;
  }

  /** The pinned digest, if any. */
  public Optional<String> pinnedSha256() {
    return Optional.ofNullable(sha256);
  }

  /** The expected archive size in bytes, if known. */
  public OptionalLong knownSize() {
    return expectedSize >= 0 ? OptionalLong.of(expectedSize) : OptionalLong.empty();
  }

  /** A copy with another pin (or {@code null} for none); for tests and mirrors. */
  public CatalogEntry withSha256(String newSha256) {
    return new CatalogEntry(
        name, fileName, expectedSize, folderInZip, ratingsFile, newSha256, "overridden");
  }

  /** A copy with another expected size ({@code -1} for unknown); for tests and mirrors. */
  public CatalogEntry withExpectedSize(long newSize) {
    return new CatalogEntry(name, fileName, newSize, folderInZip, ratingsFile, sha256, pinSource);
  }
}
