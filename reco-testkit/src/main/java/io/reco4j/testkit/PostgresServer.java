package io.reco4j.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for tests: the one {@code RECO4J_TEST_POSTGRES_URL} names
 * ({@code postgresql://user:pass@host:port/db} or {@code jdbc:postgresql://...}), or else a
 * throw-away cluster made with Debian's server binaries ({@code /usr/lib/postgresql/VERSION/bin})
 * in a temporary directory on a free port, removed by {@link #close()}. As root, the cluster runs
 * as the {@code postgres} OS user (PostgreSQL refuses root).
 *
 * <p>Without either: the tests fail when the {@code CI} environment variable is set, and are
 * skipped with a message otherwise.
 *
 * <p>Shared by the store, server and CLI tests: register {@link Shared} as a static extension to
 * get one server per test run ({@link #newSchema()} gives each test its own schema). The JDBC
 * driver comes from the module under test (reco-store depends on it).
 */
public final class PostgresServer implements AutoCloseable {
  /** The environment variable naming an existing server. */
  public static final String ENV_URL = "RECO4J_TEST_POSTGRES_URL";
  private static final String HOW = "set " + ENV_URL + "=postgresql://user:pass@host:port/db, or install the"
      + " PostgreSQL server binaries (Debian: .ci/install-postgres.sh, i.e. apt-get install postgresql)";

  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  /** A JUnit extension holding one server for the whole test run (stopped when the run ends). */
  public static final class Shared implements BeforeAllCallback {
    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
      server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(PostgresServer.class, k -> PostgresServer.start(), PostgresServer.class);
    }

    /** The server; only after {@code beforeAll}. */
    public PostgresServer server() {
      if (server == null) {
        throw new IllegalStateException("PostgresServer.Shared: register it with @RegisterExtension on a static field");
      }
      return server;
    }
  }

  /** {@code jdbc:postgresql://host:port/db} (no credentials). */
  public final String jdbcUrl;
  /** The user to connect as, or null when the URL carries it. */
  public final String user;
  /** The password, or null. */
  public final String password;
  private final Path dir;
  private final List<String> asUser;
  private final Path pgCtl;
  private boolean closed;

  private PostgresServer(String jdbcUrl, String user, String password, Path dir, List<String> asUser, Path pgCtl) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.dir = dir;
    this.asUser = asUser;
    this.pgCtl = pgCtl;
  }

  /** Starts or finds a server; aborts (skips) or throws when there is none, see the class comment. */
  public static PostgresServer start() {
    String url = System.getenv(ENV_URL);
    if (url != null && !url.isBlank()) {
      return external(url.strip());
    }
    Path bin = findBinaries();
    if (bin == null) {
      String msg = "PostgreSQL tests: no server found: " + HOW;
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(msg + " (CI is set, so this is an error, not a skip)");
      }
      Assumptions.abort(msg);
    }
    try {
      return startCluster(bin);
    } catch (IOException | InterruptedException | SQLException e) {
      throw new IllegalStateException("PostgreSQL tests: cannot start a cluster with " + bin + ": " + e.getMessage(), e);
    }
  }

  private static PostgresServer external(String url) {
    if (url.startsWith("jdbc:")) {
      return new PostgresServer(url, null, null, null, List.of(), null);
    }
    // postgresql://[user[:password]@]host[:port][/db][?params]
    String rest = url.substring(url.indexOf("://") + 3);
    int end = rest.length();
    for (char c : new char[] {'/', '?'}) {
      int k = rest.indexOf(c);
      if (k >= 0 && k < end) {
        end = k;
      }
    }
    String authority = rest.substring(0, end);
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String info = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = info.indexOf(':');
      user = decode(colon >= 0 ? info.substring(0, colon) : info);
      password = colon >= 0 ? decode(info.substring(colon + 1)) : null;
    }
    return new PostgresServer("jdbc:postgresql://" + (authority.isEmpty() ? "localhost" : authority)
        + rest.substring(end), user == null || user.isEmpty() ? null : user, password, null, List.of(), null);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Path findBinaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static int versionOf(String name) {
    try {
      return Integer.parseInt(name.replaceAll("[^0-9].*$", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static PostgresServer startCluster(Path bin) throws IOException, InterruptedException, SQLException {
    Path dir = Files.createTempDirectory("reco4j-pg-");
    Path data = dir.resolve("data");
    List<String> asUser = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      // PostgreSQL refuses to run as root: hand the directory to the postgres OS user
      run(List.of("chown", "-R", "postgres", dir.toString()), dir, "chown (is there a 'postgres' OS user?)");
      asUser.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    List<String> initdb = new ArrayList<>(asUser);
    initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
        "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
    run(initdb, dir, "initdb");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> start = new ArrayList<>(asUser);
    start.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=100",
        "start"));
    run(start, dir, "pg_ctl start");
    String base = "jdbc:postgresql://127.0.0.1:" + port + "/";
    PostgresServer server = new PostgresServer(base + "reco4j_test", "postgres", null, dir, asUser, bin.resolve("pg_ctl"));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "reco4j-pg-stop"));
    try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE reco4j_test");
    }
    return server;
  }

  private static void run(List<String> command, Path dir, String what) throws IOException, InterruptedException {
    Path log = dir.resolve("command.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(what + " did not finish in 120 s");
    }
    if (p.exitValue() != 0) {
      String out = Files.exists(log) ? Files.readString(log) : "";
      Path serverLog = dir.resolve("server.log");
      if (Files.exists(serverLog)) {
        out += "\nserver.log:\n" + Files.readString(serverLog);
      }
      throw new IOException(what + " failed (exit " + p.exitValue() + "): " + String.join(" ", command) + "\n" + out);
    }
  }

  /** A new connection to the test database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password == null ? "" : password);
  }

  /**
   * Creates a fresh, empty schema in the test database, named after this JVM and a counter.
   *
   * @return the schema's name
   */
  public String newSchema() throws SQLException {
    String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return schema;
  }

  /**
   * The JDBC URL of a schema in the test database, credentials included (a store spec for
   * {@code EventStores.open}, also usable by child JVMs).
   */
  public String urlFor(String schema) {
    StringBuilder url = new StringBuilder(jdbcUrl).append(jdbcUrl.contains("?") ? '&' : '?')
        .append("currentSchema=").append(schema);
    if (user != null) {
      url.append("&user=").append(user);
    }
    if (password != null) {
      url.append("&password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
    }
    return url.toString();
  }

  /** Stops and deletes a cluster this class started; nothing for an external server. */
  @Override
  public synchronized void close() {
    if (closed || dir == null) {
      return;
    }
    closed = true;
    try {
      List<String> stop = new ArrayList<>(asUser);
      stop.addAll(List.of(pgCtl.toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
      run(stop, dir, "pg_ctl stop");
    } catch (IOException | InterruptedException e) {
      System.err.println("reco4j tests: could not stop the PostgreSQL cluster in " + dir + ": " + e.getMessage());
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("reco4j tests: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
