package io.reco4j.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reco4j.data.download.DownloadException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Downloads from a real HTTP server bound to 127.0.0.1 on an ephemeral port. */
class DatasetDownloaderTest {

  /** How the test server answers one path. */
  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange ex) throws IOException;
  }

  @TempDir Path tmp;

  private HttpServer server;
  private ExecutorService executor;
  private final Map<String, Responder> routes = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private Path dataDir;
  private URI base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      try (ex) {
        Responder r = routes.get(ex.getRequestURI().getPath());
        if (r == null) {
          ex.sendResponseHeaders(404, -1);
        } else {
          r.respond(ex);
        }
      }
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mirror/");
    dataDir = tmp.resolve("data");
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void serve(String path, byte[] body) {
    routes.put(path, ex -> {
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    });
  }

  private DatasetDownloader downloader() {
    return new DatasetDownloader(dataDir, base, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  /** The catalog's ml-100k entry, pinned to a test archive instead of the real one. */
  private static CatalogEntry ml100kPinnedTo(byte[] zip) {
    return DatasetCatalog.get("ml-100k").withSha256(TestArchives.sha256(zip))
        .withExpectedSize(zip.length);
  }

  private List<String> dataDirListing() throws IOException {
    if (!Files.exists(dataDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dataDir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Records everything a download reports. */
  static final class Recorder implements ProgressListener {
    final List<long[]> progress = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    @Override
    public void progress(long bytesRead, long totalBytes) {
      progress.add(new long[] {bytesRead, totalBytes});
    }

    @Override
    public void message(String line) {
      messages.add(line);
    }
  }

  @Test
  void aVerifiedDownloadIsUnzippedIntoTheDataDirectory() throws IOException {
    byte[] zip = TestArchives.zip(TestArchives.fakeMl100k());
    serve("/mirror/ml-100k.zip", zip);
    Recorder rec = new Recorder();

    DownloadResult result =
        downloader().download(ml100kPinnedTo(zip), DownloadOptions.defaults(), rec);

    Path installed = dataDir.resolve("ml-100k");
    assertThat(result.downloaded()).isTrue();
    assertThat(result.verified()).isTrue();
    assertThat(result.directory()).isEqualTo(installed);
    assertThat(result.url()).isEqualTo(base.resolve("ml-100k.zip"));
    assertThat(result.bytes()).isEqualTo(zip.length);
    assertThat(result.sha256()).isEqualTo(TestArchives.sha256(zip));
    assertThat(Files.readString(installed.resolve("u.data")))
        .isEqualTo(TestArchives.fakeMl100k().get("ml-100k/u.data"));
    assertThat(installed.resolve("u.item")).isRegularFile();
    assertThat(dataDirListing()).containsExactly("ml-100k");
    // progress is monotone, ends at the full size and always knows the total
    assertThat(rec.progress).isNotEmpty();
    long last = 0;
    for (long[] p : rec.progress) {
      assertThat(p[0]).isGreaterThan(last);
      assertThat(p[1]).isEqualTo(zip.length);
      last = p[0];
    }
    assertThat(last).isEqualTo(zip.length);
    assertThat(rec.messages).anyMatch(m -> m.contains("downloading " + base.resolve("ml-100k.zip")))
        .anyMatch(m -> m.startsWith("installed ml-100k"));
    assertThat(downloader().isInstalled(ml100kPinnedTo(zip))).isTrue();
  }

  @Test
  void aChecksumMismatchNamesBothDigestsAndLeavesNothingBehind() throws IOException {
    byte[] zip = TestArchives.zip(TestArchives.fakeMl100k());
    serve("/mirror/ml-100k.zip", zip);
    String wrong = "0".repeat(64);
    CatalogEntry entry = ml100kPinnedTo(zip).withSha256(wrong);

    assertThatThrownBy(() -> downloader().download(entry, DownloadOptions.defaults(),
            ProgressListener.NONE))
        .isInstanceOfSatisfying(DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.CHECKSUM_MISMATCH))
        .hasMessageContaining("expected " + wrong)
        .hasMessageContaining("got " + TestArchives.sha256(zip))
        .hasMessageContaining(base.resolve("ml-100k.zip").toString());
    assertThat(dataDirListing()).isEmpty();
  }

  @Test
  void aBodyShorterThanContentLengthIsReportedAsTruncated() throws IOException {
    byte[] zip = TestArchives.zip(TestArchives.fakeMl100k());
    long announced = zip.length + 1000L;
    routes.put("/mirror/ml-100k.zip", ex -> {
      ex.sendResponseHeaders(200, announced);
      OutputStream out = ex.getResponseBody();
      out.write(zip);
      out.flush();
      // closing the exchange now, short of the announced length, drops the connection
    });

    assertThatThrownBy(() -> downloader().download(ml100kPinnedTo(zip),
            DownloadOptions.defaults(), ProgressListener.NONE))
        .isInstanceOfSatisfying(DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED))
        .hasMessageContaining("truncated: got " + zip.length + " of " + announced + " bytes");
    assertThat(dataDirListing()).isEmpty();
  }

  @Test
  void aChunkedBodyShorterThanTheCatalogSizeIsReportedAsTruncated() throws IOException {
    byte[] zip = TestArchives.zip(TestArchives.fakeMl100k());
    routes.put("/mirror/ml-100k.zip", ex -> {
      ex.sendResponseHeaders(200, 0); // chunked: no Content-Length
      ex.getResponseBody().write(zip);
    });
    CatalogEntry entry = ml100kPinnedTo(zip).withExpectedSize(zip.length + 10L);

    assertThatThrownBy(() -> downloader().download(entry, DownloadOptions.defaults(),
            ProgressListener.NONE))
        .isInstanceOfSatisfying(DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED))
        .hasMessageContaining("truncated: got " + zip.length + " of " + (zip.length + 10)
            + " bytes");
    assertThat(dataDirListing()).isEmpty();
  }

  @Test
  void aMissingArchiveGivesTheHttpStatusAndTheUrl() throws IOException {
    byte[] zip = TestArchives.zip(TestArchives.fakeMl100k());

    assertThatThrownBy(() -> downloader().download(ml100kPinnedTo(zip),
            DownloadOptions.defaults(), ProgressListener.NONE))
        .isInstanceOfSatisfying(DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS))
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining(base.resolve("ml-100k.zip").toString());
    assertThat(requests.get()).isEqualTo(1);
    assertThat(dataDirListing()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil", "ml-100k/../../evil", "ABSOLUTE"})
  void anArchiveEntryEscapingTheTargetIsRejected(String pattern) throws IOException {
    Path absolute = tmp.resolve("evil-absolute");
    String evilName = pattern.equals("ABSOLUTE") ? absolute.toString() : pattern;
    Map<String, String> entries = new LinkedHashMap<>(TestArchives.fakeMl100k());
    entries.put(evilName, "pwned");
    byte[] zip = TestArchives.zip(entries);
    serve("/mirror/ml-100k.zip", zip);

    assertThatThrownBy(() -> downloader().download(ml100kPinnedTo(zip),
            DownloadOptions.defaults(), ProgressListener.NONE))
        .isInstanceOfSatisfying(DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.BAD_ARCHIVE))
        .hasMessageContaining("unsafe entry '" + evilName + "'");
    assertThat(dataDirListing()).isEmpty();
    assertThat(tmp.resolve("evil")).doesNotExist();
    assertThat(absolute).doesNotExist();
  }

  @Test
  void anArchiveWithoutTheDatasetFolderIsRejected() throws IOException {
    byte[] zip = TestArchives.zip(Map.of("other/u.data", "1\t2\t3\t4\n"));
    serve("/mirror/ml-100k.zip", zip);

    assertThatThrownBy(() -> downloader().download(ml100kPinnedTo(zip),
            DownloadOptions.defaults(), ProgressListener.NONE))
        .isInstanceOfSatisfying(DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.BAD_ARCHIVE))
        .hasMessageContaining("has no ml-100k/u.data");
    assertThat(dataDirListing()).isEmpty();
  }

  @Test
  void aBodyThatIsNotAZipIsRejected() throws IOException {
    byte[] html = "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8);
    serve("/mirror/ml-100k.zip", html);

    assertThatThrownBy(() -> downloader().download(ml100kPinnedTo(html),
            DownloadOptions.defaults(), ProgressListener.NONE))
        .isInstanceOfSatisfying(DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.BAD_ARCHIVE))
        .hasMessageContaining("not a valid zip");
    assertThat(dataDirListing()).isEmpty();
  }

  @Test
  void anInstalledDatasetIsNotDownloadedAgainUnlessForced() throws IOException {
    byte[] zip = TestArchives.zip(TestArchives.fakeMl100k());
    serve("/mirror/ml-100k.zip", zip);
    Path installed = dataDir.resolve("ml-100k");
    Files.createDirectories(installed);
    Files.writeString(installed.resolve("u.data"), "old\n");
    Files.writeString(installed.resolve("stale.txt"), "from the old install\n");
    Recorder rec = new Recorder();

    DownloadResult skipped =
        downloader().download(ml100kPinnedTo(zip), DownloadOptions.defaults(), rec);

    assertThat(skipped.downloaded()).isFalse();
    assertThat(skipped.directory()).isEqualTo(installed);
    assertThat(requests.get()).isZero();
    assertThat(rec.messages).anyMatch(m -> m.contains("already installed at " + installed));
    assertThat(Files.readString(installed.resolve("u.data"))).isEqualTo("old\n");

    DownloadResult forced = downloader().download(ml100kPinnedTo(zip),
        DownloadOptions.defaults().withForce(true), ProgressListener.NONE);

    assertThat(forced.downloaded()).isTrue();
    assertThat(requests.get()).isEqualTo(1);
    assertThat(Files.readString(installed.resolve("u.data")))
        .isEqualTo(TestArchives.fakeMl100k().get("ml-100k/u.data"));
    assertThat(installed.resolve("stale.txt")).doesNotExist();
    assertThat(dataDirListing()).containsExactly("ml-100k");
  }

  @Test
  void aFolderWithoutItsRatingsFileIsNotOverwrittenWithoutForce() throws IOException {
    byte[] zip = TestArchives.zip(TestArchives.fakeMl100k());
    serve("/mirror/ml-100k.zip", zip);
    Path folder = dataDir.resolve("ml-100k");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("notes.txt"), "mine\n");

    assertThatThrownBy(() -> downloader().download(ml100kPinnedTo(zip),
            DownloadOptions.defaults(), ProgressListener.NONE))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("exists but has no u.data");
    assertThat(requests.get()).isZero();
    assertThat(folder.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void anUnpinnedDatasetIsRefusedUnlessTheChecksumIsSkipped() throws IOException {
    byte[] zip = TestArchives.zip(TestArchives.fakeMl100k());
    serve("/mirror/ml-100k.zip", zip);
    CatalogEntry unpinned = ml100kPinnedTo(zip).withSha256(null);

    assertThatThrownBy(() -> downloader().download(unpinned, DownloadOptions.defaults(),
            ProgressListener.NONE))
        .isInstanceOfSatisfying(DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNPINNED))
        .hasMessageContaining("no SHA-256 is pinned for ml-100k")
        .hasMessageContaining("--insecure-skip-checksum");
    assertThat(requests.get()).isZero();
    assertThat(dataDirListing()).isEmpty();

    Recorder rec = new Recorder();
    DownloadResult result = downloader().download(unpinned,
        DownloadOptions.defaults().withInsecureSkipChecksum(true), rec);

    assertThat(result.downloaded()).isTrue();
    assertThat(result.verified()).isFalse();
    assertThat(result.sha256()).isEqualTo(TestArchives.sha256(zip));
    assertThat(rec.messages).anyMatch(m -> m.startsWith("WARNING") && m.contains(result.sha256()));
    assertThat(dataDir.resolve("ml-100k/u.data")).isRegularFile();
  }

  @Test
  void aStalledServerHitsTheReadTimeout() throws IOException {
    byte[] zip = TestArchives.zip(TestArchives.fakeMl100k());
    routes.put("/mirror/ml-100k.zip", ex -> {
      ex.sendResponseHeaders(200, zip.length);
      ex.getResponseBody().write(zip, 0, 10);
      ex.getResponseBody().flush();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    DatasetDownloader impatient =
        new DatasetDownloader(dataDir, base, Duration.ofSeconds(5), Duration.ofMillis(300));

    long start = System.nanoTime();
    assertThatThrownBy(() -> impatient.download(ml100kPinnedTo(zip), DownloadOptions.defaults(),
            ProgressListener.NONE))
        .isInstanceOfSatisfying(DownloadException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.NETWORK))
        .hasMessageContaining("timed out reading " + base.resolve("ml-100k.zip"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(dataDirListing()).isEmpty();
  }

  @Test
  void theBaseUrlTakesTheArchiveFileName() {
    DatasetDownloader d = new DatasetDownloader(dataDir, URI.create("http://127.0.0.1:9/mirror"));
    CatalogEntry e = DatasetCatalog.get("ml-1m");

    assertThat(d.urlOf(e)).hasToString("http://127.0.0.1:9/mirror/ml-1m.zip");
    assertThat(d.installDir(e)).isEqualTo(dataDir.toAbsolutePath().resolve("ml-1m"));
    assertThat(new DatasetDownloader(dataDir, URI.create(DatasetCatalog.GROUPLENS_BASE_URL))
        .urlOf(e)).hasToString("https://files.grouplens.org/datasets/movielens/ml-1m.zip");
  }
}
