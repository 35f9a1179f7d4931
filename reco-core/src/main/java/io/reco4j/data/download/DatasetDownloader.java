package io.reco4j.data.download;

import io.reco4j.data.download.DownloadException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Downloads a {@link CatalogEntry}'s archive, verifies it and installs it as {@code
 * <dataDir>/<name>}: the backend of {@code reco data download}.
 *
 * <p>The archive is streamed to a temporary file inside the data directory while its SHA-256 is
 * computed; its length is checked against Content-Length (or the catalog size) and its digest
 * against the pin; it is then extracted into a temporary folder beside the target, with every
 * entry checked to stay inside that folder, and the dataset folder is renamed into place. A
 * failure at any step throws {@link DownloadException}, leaves any earlier install untouched and
 * removes every temporary file, so the data directory never holds a half-installed dataset.
 *
 * <p>HTTP goes through {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}
 * because its read timeout bounds every blocking read of the body, so a stalled server cannot
 * hang the download; HttpClient's request timeout stops at the response headers.
 *
 * <p>Instances are immutable and thread-safe. Two processes installing the same dataset at once
 * both download; the second to finish finds the first one's install and keeps it.
 */
public final class DatasetDownloader {
  /** Default time allowed to open the connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Default time allowed for any single read of the response to block. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  private static final int BUFFER = 1 << 16;

  private final Path dataDir;
  private final URI baseUrl;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  /**
   * A downloader.
   *
   * @param dataDir the data directory datasets are installed into; created when needed
   * @param baseUrl the base URL archive file names are resolved against, e.g. {@link
   *     DatasetCatalog#GROUPLENS_BASE_URL} or a mirror; a trailing slash is added when missing
   * @param connectTimeout time allowed to open the connection
   * @param readTimeout time allowed for any single read to block
   */
  public DatasetDownloader(
      Path dataDir, URI baseUrl, Duration connectTimeout, Duration readTimeout) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    this.baseUrl = DataDirs.baseUrl(Objects.requireNonNull(baseUrl, "baseUrl").toString());
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    this.readTimeout = positive(readTimeout, "readTimeout");
  }

  /** A downloader with the default timeouts. */
  public DatasetDownloader(Path dataDir, URI baseUrl) {
    this(dataDir, baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
  }

  /**
   * A downloader for {@link DataDirs#defaultDataDir()} ({@code RECO_DATA}) and {@link
   * DataDirs#defaultBaseUrl()} ({@code RECO4J_MIRROR}, else GroupLens).
   */
  public static DatasetDownloader fromEnvironment() {
    return new DatasetDownloader(DataDirs.defaultDataDir(), DataDirs.defaultBaseUrl());
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be between 1 ms and ~24 days: " + d);
    }
    return d;
  }

  /** The data directory, absolute. */
  public Path dataDir() {
    return dataDir;
  }

  /** The base URL, with a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Where {@code entry}'s archive is fetched from. */
  public URI urlOf(CatalogEntry entry) {
    return baseUrl.resolve(entry.fileName());
  }

  /** Where {@code entry} is (or would be) installed: {@code <dataDir>/<name>}. */
  public Path installDir(CatalogEntry entry) {
    return dataDir.resolve(entry.name());
  }

  /** Whether {@code entry} is installed: its folder holds its ratings file. */
  public boolean isInstalled(CatalogEntry entry) {
    return Files.isRegularFile(installDir(entry).resolve(entry.ratingsFile()));
  }

  /**
   * Downloads and installs the catalog dataset named {@code name}.
   *
   * @throws IllegalArgumentException when the catalog has no such dataset
   * @see #download(CatalogEntry, DownloadOptions, ProgressListener)
   */
  public DownloadResult download(String name, DownloadOptions options, ProgressListener listener)
      throws DownloadException {
    return download(DatasetCatalog.get(name), options, listener);
  }

  /**
   * Downloads, verifies and installs {@code entry}, unless it is already installed and {@code
   * options.force()} is off, in which case nothing is fetched and the result says so.
   *
   * @param entry what to download
   * @param options force and checksum behaviour
   * @param listener receives status lines and byte counts; called on this thread
   * @return where the dataset is installed and what was done
   * @throws DownloadException on any failure; its message names the URL or path, and nothing is
   *     installed or left behind
   */
  public DownloadResult download(
      CatalogEntry entry, DownloadOptions options, ProgressListener listener)
      throws DownloadException {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    URI url = urlOf(entry);
    Path target = installDir(entry);
    if (!options.force() && isInstalled(entry)) {
      listener.message(entry.name() + " is already installed at " + target
          + " (nothing downloaded; use --force to download it again)");
      return new DownloadResult(target, false, url, 0, null, false);
    }
    if (!options.force() && Files.exists(target)) {
      throw new DownloadException(Kind.LOCAL_IO, target + " exists but has no "
          + entry.ratingsFile() + "; remove it, or use --force to replace it");
    }
    if (!entry.pinned() && !options.insecureSkipChecksum()) {
      throw new DownloadException(Kind.UNPINNED, "no SHA-256 is pinned for " + entry.name()
          + ", so its download from " + url + " cannot be verified; rerun with"
          + " --insecure-skip-checksum to download it unverified (the computed SHA-256 is printed)");
    }
    Path part = null;
    try {
      Files.createDirectories(dataDir);
      part = Files.createTempFile(dataDir, "." + entry.name() + ".", ".zip.part");
      listener.message("downloading " + url);
      Fetched fetched = fetch(url, part, entry, listener);
      boolean verified = verify(entry, url, fetched.sha256, options, listener);
      install(entry, url, part, target, listener);
      listener.message("installed " + entry.name() + " at " + target);
      return new DownloadResult(target, true, url, fetched.bytes, fetched.sha256, verified);
    } catch (DownloadException e) {
      throw e;
    } catch (IOException e) {
      throw new DownloadException(Kind.LOCAL_IO,
          "cannot write to data directory " + dataDir + ": " + e, e);
    } finally {
      if (part != null) {
        deleteQuietly(part);
      }
    }
  }

  private record Fetched(long bytes, String sha256) {}

  /** Streams the body of {@code url} into {@code part}, hashing it; checks status and length. */
  private Fetched fetch(URI url, Path part, CatalogEntry entry, ProgressListener listener)
      throws IOException {
    URLConnection raw = url.toURL().openConnection();
    if (!(raw instanceof HttpURLConnection)) {
      throw new DownloadException(Kind.NETWORK, "not an http(s) URL: " + url);
    }
    HttpURLConnection c = (HttpURLConnection) raw;
    c.setConnectTimeout((int) connectTimeout.toMillis());
    c.setReadTimeout((int) readTimeout.toMillis());
    c.setInstanceFollowRedirects(true);
    c.setUseCaches(false);
    c.setRequestProperty("Accept-Encoding", "identity");
    c.setRequestProperty("User-Agent", "reco4j-data-download");
    try {
      int status;
      try {
        status = c.getResponseCode();
      } catch (SocketTimeoutException e) {
        throw new DownloadException(Kind.NETWORK, "timed out connecting to " + url
            + " (connect timeout " + seconds(connectTimeout) + ", read timeout "
            + seconds(readTimeout) + ")", e);
      } catch (IOException e) {
        throw new DownloadException(Kind.NETWORK, "cannot download " + url + ": " + e, e);
      }
      if (status / 100 != 2) {
        String reason = c.getResponseMessage();
        throw new DownloadException(Kind.HTTP_STATUS, "HTTP " + status
            + (reason == null || reason.isBlank() ? "" : " " + reason) + " for " + url
            + (status == 404 ? " (check the dataset name, or the mirror in "
                + DataDirs.MIRROR_ENV + ")" : ""));
      }
      long contentLength = c.getContentLengthLong();
      long total = contentLength >= 0 ? contentLength : entry.expectedSize();
      MessageDigest md = sha256();
      long n = 0;
      try (InputStream in = c.getInputStream();
          OutputStream out = Files.newOutputStream(part, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buf = new byte[BUFFER];
        while (true) {
          int r;
          try {
            r = in.read(buf);
          } catch (SocketTimeoutException e) {
            throw new DownloadException(Kind.NETWORK, "timed out reading " + url + " after "
                + n + " bytes (no data for " + seconds(readTimeout) + ")", e);
          } catch (IOException e) {
            if (contentLength >= 0 && n < contentLength) {
              throw truncated(url, n, contentLength, e);
            }
            throw new DownloadException(Kind.NETWORK,
                "download of " + url + " failed after " + n + " bytes: " + e, e);
          }
          if (r < 0) {
            break;
          }
          out.write(buf, 0, r);
          md.update(buf, 0, r);
          n += r;
          listener.progress(n, total);
        }
      }
      if (contentLength >= 0 && n < contentLength) {
        throw truncated(url, n, contentLength, null);
      }
      if (contentLength < 0 && entry.expectedSize() >= 0 && n < entry.expectedSize()) {
        throw truncated(url, n, entry.expectedSize(), null);
      }
      return new Fetched(n, HexFormat.of().formatHex(md.digest()));
    } finally {
      c.disconnect();
    }
  }

  private static DownloadException truncated(URI url, long got, long of, Throwable cause) {
    return new DownloadException(Kind.TRUNCATED,
        "truncated: got " + got + " of " + of + " bytes from " + url + "; nothing was installed",
        cause);
  }

  /** Checks the digest against the pin; returns whether it was verified. */
  private static boolean verify(CatalogEntry entry, URI url, String actual,
      DownloadOptions options, ProgressListener listener) throws DownloadException {
    if (!entry.pinned()) {
      listener.message("WARNING: no SHA-256 is pinned for " + entry.name()
          + "; installing unverified because the checksum check was skipped; its SHA-256 is "
          + actual);
      return false;
    }
    if (entry.sha256().equals(actual)) {
      listener.message("verified SHA-256 " + actual);
      return true;
    }
    String detail = "SHA-256 mismatch for " + url + ": expected " + entry.sha256()
        + (entry.pinSource().isEmpty() ? "" : " (pinned from " + entry.pinSource() + ")")
        + ", got " + actual;
    if (options.insecureSkipChecksum()) {
      listener.message("WARNING: " + detail + "; installing anyway because the checksum check"
          + " was skipped");
      return false;
    }
    throw new DownloadException(Kind.CHECKSUM_MISMATCH, detail + "; nothing was installed");
  }

  /** Extracts the archive beside {@code target} and renames the dataset folder into place. */
  private void install(CatalogEntry entry, URI url, Path zip, Path target,
      ProgressListener listener) throws IOException {
    Path staging = Files.createTempDirectory(dataDir, "." + entry.name() + ".extract-");
    try {
      listener.message("extracting to " + target);
      unzip(zip, staging, url);
      Path folder = staging.resolve(entry.folderInZip());
      if (!Files.isRegularFile(folder.resolve(entry.ratingsFile()))) {
        throw new DownloadException(Kind.BAD_ARCHIVE, "archive from " + url + " has no "
            + entry.folderInZip() + "/" + entry.ratingsFile() + "; nothing was installed");
      }
      Path old = null;
      if (Files.exists(target)) {
        // force: keep the old install aside until the new one is in place
        old = staging.resolve(".previous");
        move(target, old);
      }
      try {
        move(folder, target);
      } catch (FileSystemException e) {
        if (old != null) {
          move(old, target);
        } else if (isInstalled(entry)) {
          listener.message(entry.name() + " was installed at " + target
              + " by another process meanwhile; keeping that install");
          return;
        }
        throw e;
      }
    } finally {
      deleteRecursively(staging);
    }
  }

  /**
   * Extracts every entry of {@code zip} under {@code dir}. Entries whose normalised path leaves
   * {@code dir} (absolute names, {@code ..} segments) are rejected before anything is written.
   */
  static void unzip(Path zip, Path dir, URI url) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      List<ZipEntry> entries = new ArrayList<>();
      List<Path> destinations = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
        ZipEntry ze = en.nextElement();
        String name = ze.getName();
        Path dest = root.resolve(name).normalize();
        if (name.isEmpty() || name.indexOf('\0') >= 0 || !dest.startsWith(root)
            || dest.equals(root)) {
          throw new DownloadException(Kind.BAD_ARCHIVE, "unsafe entry '" + name
              + "' in archive from " + url + " points outside the target folder;"
              + " nothing was installed");
        }
        entries.add(ze);
        destinations.add(dest);
      }
      for (int k = 0; k < entries.size(); k++) {
        ZipEntry ze = entries.get(k);
        Path dest = destinations.get(k);
        if (ze.isDirectory()) {
          Files.createDirectories(dest);
        } else {
          Files.createDirectories(dest.getParent());
          try (InputStream in = zf.getInputStream(ze)) {
            Files.copy(in, dest);
          }
        }
      }
    } catch (ZipException e) {
      throw new DownloadException(Kind.BAD_ARCHIVE,
          "archive from " + url + " is not a valid zip file: " + e.getMessage()
              + "; nothing was installed", e);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new DownloadException(Kind.BAD_ARCHIVE,
          "archive from " + url + " holds " + e.getFile() + " twice; nothing was installed", e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(DatasetDownloader::deleteQuietly);
    } catch (IOException | RuntimeException e) {
      // best effort: a leftover hidden temp folder is harmless and named after the dataset
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
