package io.reco4j.data.download;

import java.net.URI;
import java.nio.file.Path;

/**
 * What {@link DatasetDownloader#download} did.
 *
 * @param directory the installed dataset folder, {@code <dataDir>/<name>}
 * @param downloaded {@code false} when the dataset was already installed and nothing was fetched
 * @param url the archive's URL (also when nothing was fetched)
 * @param bytes bytes downloaded; 0 when nothing was fetched
 * @param sha256 the SHA-256 of the downloaded archive; {@code null} when nothing was fetched
 * @param verified whether the digest matched a pin ({@code false} when the check was skipped)
 */
public record DownloadResult(
    Path directory, boolean downloaded, URI url, long bytes, String sha256, boolean verified) {}
