package io.reco4j.data.io;

import io.reco4j.data.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The one entry point for loading interaction data from a path: a MovieLens folder or ratings
 * file (with titles, genres and tags), or any delimited file. A parsed file is snapshotted to the
 * cache directory and the snapshot is reused while the source is unchanged (same size,
 * modification time and hash of its head and tail) and was loaded with the same options.
 *
 * <p>Cache directory: {@code $RECO4J_CACHE}, else {@code ~/.reco4j/cache}. A cache that cannot be
 * written only costs the speed-up: loading goes on and a warning is reported.
 */
public final class DataLoader {
  private final Path cacheDir;
  private final boolean useSnapshots;
  private final Consumer<String> warnings;

  /**
   * @param cacheDir where snapshots live
   * @param useSnapshots false to always parse (and not write snapshots)
   * @param warnings receives one-line warnings (an unwritable cache, a corrupt snapshot)
   */
  public DataLoader(Path cacheDir, boolean useSnapshots, Consumer<String> warnings) {
    this.cacheDir = cacheDir;
    this.useSnapshots = useSnapshots;
    this.warnings = warnings;
  }

  /** The default cache directory: {@code $RECO4J_CACHE} or {@code ~/.reco4j/cache}. */
  public static Path defaultCacheDir() {
    String env = System.getenv("RECO4J_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".reco4j", "cache");
  }

  /** Loads {@code path} (a MovieLens folder, a MovieLens ratings file, or a delimited file). */
  public DelimitedLoader.LoadResult load(Path path, LoadOptions opts) throws IOException {
    if (!Files.exists(path)) {
      throw new DataFormatException(path, 0, null, "no such file or folder");
    }
    MovieLens.Format ml = MovieLens.detect(path);
    if (Files.isDirectory(path) && ml == null) {
      throw new DataFormatException(path, 0, null, "a folder, but not a MovieLens release "
          + "(no u.data, ratings.dat or ratings.csv); pass the ratings file itself");
    }
    Path source = ml != null
        ? (Files.isDirectory(path) ? path : path.toAbsolutePath().getParent()).resolve(ml.ratingsFile())
        : path;
    String optionsKey = (ml != null ? "movielens:" + ml : "delimited") + "|" + opts.delimiter()
        + "|" + opts.header() + "|" + opts.columns() + "|" + opts.onError() + "|" + opts.duplicates()
        + "|snapshot-v" + Snapshots.VERSION;
    Snapshots.SourceKey key = Snapshots.SourceKey.of(source, optionsKey);
    Path snap = cacheDir.resolve(snapshotName(key));
    if (useSnapshots && Files.isRegularFile(snap)) {
      long t0 = System.nanoTime();
      try {
        if (key.equals(Snapshots.readKey(snap))) {
          Dataset d = Snapshots.read(snap);
          double secs = (System.nanoTime() - t0) / 1e9;
          return new DelimitedLoader.LoadResult(d,
              new LoadStats(d.size(), d.size(), 0, List.of(), 0, secs, true));
        }
      } catch (DataFormatException e) {
        warnings.accept("ignoring snapshot " + snap + ": " + e.reason());
      }
    }
    DelimitedLoader.LoadResult r = ml != null ? MovieLens.load(path, opts)
        : DelimitedLoader.load(path, opts);
    if (useSnapshots && r.stats().skipped() == 0) {
      try {
        Snapshots.write(r.dataset(), key, snap);
      } catch (IOException e) {
        warnings.accept("could not write snapshot to " + cacheDir + " (" + e.getMessage()
            + "); set RECO4J_CACHE to a writable folder to speed up the next load");
      }
    }
    return r;
  }

  /** The snapshot file name for a source: its name plus a hash of path and options. */
  static String snapshotName(Snapshots.SourceKey key) {
    CRC32C crc = new CRC32C();
    crc.update((key.source() + "\n" + key.options()).getBytes(StandardCharsets.UTF_8));
    String base = Path.of(key.source()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    return base + "." + String.format("%08x", crc.getValue()) + ".r4js";
  }
}
