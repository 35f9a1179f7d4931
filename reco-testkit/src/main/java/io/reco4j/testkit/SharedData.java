package io.reco4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared real datasets in {@code ../shared/data}, next to the repository root. The
 * root comes from the system property {@code reco4j.root} (set by the build for every test);
 * without it the working directory and its parents are searched. The data is never copied into
 * the repository.
 */
public final class SharedData {
  /** The system property holding the repository root. */
  public static final String ROOT_PROPERTY = "reco4j.root";

  private SharedData() {}

  /**
   * The shared data directory ({@code <root>/../shared/data}), whether or not it exists.
   */
  public static Path root() {
    String root = System.getProperty(ROOT_PROPERTY);
    if (root != null && !root.isBlank()) {
      return Path.of(root, "..", "shared", "data").toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("data");
      if (p.getParent() != null && Files.isDirectory(candidate)) {
        return candidate.normalize();
      }
    }
    return dir.resolve("..").resolve("shared").resolve("data").normalize();
  }

  /**
   * The directory of one shared dataset, e.g. {@code dir("ml-100k")}. When it is absent the
   * calling test is skipped (a JUnit assumption) with a message saying where it was looked for;
   * a present directory is always used, so a broken dataset fails rather than skips.
   */
  public static Path dir(String name) {
    Path d = root().resolve(name);
    Assumptions.assumeTrue(Files.isDirectory(d),
        () -> "dataset '" + name + "' not found at " + d + " (set -D" + ROOT_PROPERTY
            + " to the repository root; the data lives in ../shared/data)");
    return d;
  }

  /** A file of a shared dataset, e.g. {@code file("ml-100k", "u1.base")}; skips like {@link #dir}. */
  public static Path file(String dataset, String fileName) {
    Path f = dir(dataset).resolve(fileName);
    Assumptions.assumeTrue(Files.isRegularFile(f), () -> "file " + f + " not found");
    return f;
  }
}
