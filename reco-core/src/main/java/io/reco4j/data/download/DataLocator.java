package io.reco4j.data.download;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves what a user passes as {@code --data} to a path, in this order:
 *
 * <ol>
 *   <li>an existing file or folder, taken as given (relative to the working directory);
 *   <li>a dataset name, looked up as {@code <dataDir>/<name>} (the {@code RECO_DATA} directory);
 *   <li>then as {@code <sharedDir>/<name>} for each shared data directory: {@code
 *       ../shared/data} beside the working directory, {@code <reco4j.shared>/data} when the system
 *       property {@code reco4j.shared} names a shared folder, and {@code
 *       <reco4j.root>/../shared/data} when the build's {@code reco4j.root} property is set.
 * </ol>
 *
 * <p>A named folder counts as present when it is a directory, and, for a catalog dataset, holds
 * its ratings file (so a half-copied folder is passed over). Otherwise {@link #locate} throws a
 * {@link DataNotFoundException} listing every place tried and the fix: {@code reco data download
 * <name>} for catalog datasets, {@code --data PATH} always.
 *
 * <p>Pure path logic over the file system; immutable and thread-safe.
 */
public final class DataLocator {
  /** System property naming a shared folder whose {@code data/} subfolder holds datasets. */
  public static final String SHARED_PROPERTY = "reco4j.shared";

  /** System property the build sets to the repository root; {@code ../shared/data} is beside it. */
  public static final String ROOT_PROPERTY = "reco4j.root";

  private final Path workingDir;
  private final Path dataDir;
  private final List<Path> sharedDataDirs;

  /**
   * A locator.
   *
   * @param workingDir what relative paths are resolved against
   * @param dataDir the {@code RECO_DATA} directory, tried first for names
   * @param sharedDataDirs further directories holding datasets by name, tried in order
   */
  public DataLocator(Path workingDir, Path dataDir, List<Path> sharedDataDirs) {
    this.workingDir = Objects.requireNonNull(workingDir, "workingDir").toAbsolutePath().normalize();
    this.dataDir = workingDir.resolve(Objects.requireNonNull(dataDir, "dataDir"))
        .toAbsolutePath().normalize();
    Set<Path> shared = new LinkedHashSet<>();
    for (Path p : sharedDataDirs) {
      shared.add(this.workingDir.resolve(p).normalize());
    }
    this.sharedDataDirs = List.copyOf(shared);
  }

  /**
   * A locator for this process: working directory {@code user.dir}, {@link
   * DataDirs#defaultDataDir()}, and the shared directories listed in the class comment.
   */
  public static DataLocator fromEnvironment() {
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    return new DataLocator(cwd, DataDirs.defaultDataDir(), defaultSharedDataDirs(
        cwd, System.getProperty(SHARED_PROPERTY), System.getProperty(ROOT_PROPERTY)));
  }

  /**
   * The shared data directories for a working directory and the values of the {@value
   * #SHARED_PROPERTY} and {@value #ROOT_PROPERTY} properties (either may be {@code null}).
   */
  public static List<Path> defaultSharedDataDirs(Path workingDir, String sharedProperty,
      String rootProperty) {
    List<Path> dirs = new ArrayList<>();
    Path cwd = workingDir.toAbsolutePath().normalize();
    dirs.add(cwd.resolve("../shared/data").normalize());
    if (sharedProperty != null && !sharedProperty.isBlank()) {
      dirs.add(cwd.resolve(sharedProperty.strip()).resolve("data").normalize());
    }
    if (rootProperty != null && !rootProperty.isBlank()) {
      dirs.add(cwd.resolve(rootProperty.strip()).resolve("../shared/data").normalize());
    }
    return List.copyOf(new LinkedHashSet<>(dirs));
  }

  /** The {@code RECO_DATA} directory names are looked up in first. */
  public Path dataDir() {
    return dataDir;
  }

  /** The shared data directories, in lookup order. */
  public List<Path> sharedDataDirs() {
    return sharedDataDirs;
  }

  /**
   * Resolves {@code --data}.
   *
   * @param argument a path to a file or folder, or a dataset name such as {@code ml-100k}
   * @return an existing path, absolute and normalised
   * @throws DataNotFoundException when nothing matches; the message lists where it looked
   */
  public Path locate(String argument) {
    Objects.requireNonNull(argument, "argument");
    List<Path> searched = new ArrayList<>();
    if (argument.isBlank()) {
      throw new DataNotFoundException(argument, searched,
          "--data is empty; pass a dataset name (" + String.join(", ", DatasetCatalog.names())
              + ") or --data PATH");
    }
    Optional<Path> asPath = asPath(argument);
    if (asPath.isPresent()) {
      searched.add(asPath.get());
      if (Files.exists(asPath.get())) {
        return asPath.get();
      }
    }
    Optional<CatalogEntry> entry = DatasetCatalog.find(argument);
    if (isPlainName(argument)) {
      List<Path> dirs = new ArrayList<>();
      dirs.add(dataDir);
      dirs.addAll(sharedDataDirs);
      for (Path dir : dirs) {
        Path candidate = dir.resolve(argument);
        if (!searched.contains(candidate)) {
          searched.add(candidate);
        }
        if (present(candidate, entry)) {
          return candidate;
        }
      }
    }
    throw new DataNotFoundException(argument, searched, notFoundMessage(argument, entry, searched));
  }

  private Optional<Path> asPath(String argument) {
    try {
      return Optional.of(workingDir.resolve(argument).normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** A name with no separators or dot segments, so it cannot leave a data directory. */
  private static boolean isPlainName(String s) {
    return !s.contains("/") && !s.contains("\\") && !s.equals(".") && !s.equals("..")
        && s.indexOf('\0') < 0;
  }

  private static boolean present(Path candidate, Optional<CatalogEntry> entry) {
    if (!Files.isDirectory(candidate)) {
      return false;
    }
    return entry.map(e -> Files.isRegularFile(candidate.resolve(e.ratingsFile()))).orElse(true);
  }

  private String notFoundMessage(String argument, Optional<CatalogEntry> entry,
      List<Path> searched) {
    StringBuilder sb = new StringBuilder();
    sb.append("data '").append(argument).append("' not found; looked in:");
    for (Path p : searched) {
      sb.append("\n  ").append(p);
      if (entry.isPresent() && Files.isDirectory(p)
          && !Files.isRegularFile(p.resolve(entry.get().ratingsFile()))) {
        sb.append("  (folder exists but has no ").append(entry.get().ratingsFile()).append(')');
      }
    }
    sb.append("\nto fix: ");
    if (entry.isPresent()) {
      sb.append("run 'reco data download ").append(argument).append("' to install it into ")
          .append(dataDir).append(", or pass --data PATH to an existing copy");
    } else {
      sb.append("pass --data PATH to an existing file or MovieLens folder");
      if (isPlainName(argument)) {
        sb.append(", or one of the downloadable datasets: ")
            .append(String.join(", ", DatasetCatalog.names()));
      }
    }
    return sb.toString();
  }
}
