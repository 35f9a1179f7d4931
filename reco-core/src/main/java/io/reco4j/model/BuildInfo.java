package io.reco4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The reco4j version and git commit this code was built from, and the running JVM. */
public final class BuildInfo {
  private static final Properties PROPS = load();

  private BuildInfo() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/io/reco4j/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p;
  }

  private static String get(String key) {
    String v = PROPS.getProperty(key, "").strip();
    return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
  }

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return get("version");
  }

  /** The abbreviated git commit of the build, with {@code -dirty} when the tree had changes. */
  public static String gitCommit() {
    String c = get("git.commit");
    return "true".equals(get("git.dirty")) ? c + "-dirty" : c;
  }

  /** JVM vendor and version. */
  public static String jvm() {
    return System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.version", "?");
  }
}
