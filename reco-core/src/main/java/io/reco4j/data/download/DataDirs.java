package io.reco4j.data.download;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where datasets live and where they are fetched from, read from the environment.
 *
 * <ul>
 *   <li>{@value #DATA_ENV}: the data directory; default {@code ~/.reco4j/data}.
 *   <li>{@value #MIRROR_ENV}: a base URL that replaces {@link DatasetCatalog#GROUPLENS_BASE_URL},
 *       for mirrors and air-gapped installs; the archive's file name is appended to it.
 * </ul>
 */
public final class DataDirs {
  /** Environment variable naming the data directory. */
  public static final String DATA_ENV = "RECO_DATA";

  /** Environment variable naming a mirror base URL. */
  public static final String MIRROR_ENV = "RECO4J_MIRROR";

  private DataDirs() {}

  /** The data directory from {@value #DATA_ENV}, else {@code ~/.reco4j/data}. */
  public static Path defaultDataDir() {
    return defaultDataDir(System.getenv(), System.getProperty("user.home"));
  }

  /** As {@link #defaultDataDir()}, with the environment and home directory given. */
  public static Path defaultDataDir(Map<String, String> env, String userHome) {
    String v = env.get(DATA_ENV);
    if (v != null && !v.isBlank()) {
      return Path.of(v.strip()).toAbsolutePath().normalize();
    }
    return Path.of(userHome, ".reco4j", "data").toAbsolutePath().normalize();
  }

  /** The base URL from {@value #MIRROR_ENV}, else the GroupLens one. */
  public static URI defaultBaseUrl() {
    return defaultBaseUrl(System.getenv());
  }

  /** As {@link #defaultBaseUrl()}, with the environment given. */
  public static URI defaultBaseUrl(Map<String, String> env) {
    String v = env.get(MIRROR_ENV);
    return baseUrl(v != null && !v.isBlank() ? v.strip() : DatasetCatalog.GROUPLENS_BASE_URL);
  }

  /**
   * Parses a base URL, adding the trailing slash that file names are resolved against.
   *
   * @throws IllegalArgumentException unless it is an absolute http or https URL
   */
  public static URI baseUrl(String url) {
    String s = url.endsWith("/") ? url : url + "/";
    URI u = URI.create(s);
    String scheme = u.getScheme();
    if (!u.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException("base URL must be an http(s) URL: '" + url + "'");
    }
    return u;
  }
}
