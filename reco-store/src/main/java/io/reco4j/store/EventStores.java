package io.reco4j.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens an event store from the one-string form used in configuration and on the command line.
 *
 * <table>
 *   <caption>Accepted specs</caption>
 *   <tr><th>spec</th><th>store</th></tr>
 *   <tr><td>null or blank</td><td>SQLite at the caller's default path</td></tr>
 *   <tr><td>{@code sqlite:PATH}, {@code jdbc:sqlite:PATH} or a plain path</td><td>SQLite at PATH</td></tr>
 *   <tr><td>{@code postgresql://user:pass@host:port/db?params} (libpq URL; also {@code postgres://})</td>
 *       <td>PostgreSQL</td></tr>
 *   <tr><td>{@code jdbc:postgresql://host:port/db?user=..&password=..}</td><td>PostgreSQL</td></tr>
 * </table>
 *
 * <p>{@link EventStore#describe()} of the result never contains the password.
 */
public final class EventStores {
  private EventStores() {}

  /**
   * Opens the store a spec names.
   *
   * @param spec see the class comment
   * @param defaultSqlitePath where the embedded store lives when {@code spec} is null or blank
   * @throws IllegalArgumentException when the spec is malformed or names an unknown scheme
   * @throws EventStoreException when the store cannot be opened
   */
  public static EventStore open(String spec, Path defaultSqlitePath) {
    if (spec == null || spec.isBlank()) {
      if (defaultSqlitePath == null) {
        throw new IllegalArgumentException("store: no spec and no default path");
      }
      return SqliteEventStore.open(defaultSqlitePath);
    }
    String s = spec.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
      Postgres pg = fromLibpqUrl(s);
      return PostgresEventStore.open(pg.jdbcUrl(), pg.user(), pg.password(), PostgresEventStore.DEFAULT_POOL_SIZE);
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return PostgresEventStore.open(s, null, null, PostgresEventStore.DEFAULT_POOL_SIZE);
    }
    if (lower.startsWith("jdbc:sqlite:")) {
      return SqliteEventStore.open(sqlitePath(s.substring("jdbc:sqlite:".length()), spec));
    }
    if (lower.startsWith("sqlite:")) {
      return SqliteEventStore.open(sqlitePath(s.substring("sqlite:".length()), spec));
    }
    if (lower.matches("[a-z][a-z0-9+.-]*://.*") || lower.startsWith("jdbc:")) {
      throw new IllegalArgumentException("store: unknown kind in '" + redact(s)
          + "': use sqlite:PATH, a path, postgresql://user:pass@host:port/db or jdbc:postgresql://...");
    }
    return SqliteEventStore.open(Path.of(s));
  }

  private static Path sqlitePath(String rest, String spec) {
    if (rest.startsWith("//")) {
      rest = rest.substring(2); // sqlite:///abs/path
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("store: '" + spec + "' names no file");
    }
    return Path.of(rest);
  }

  /** A PostgreSQL connection as the JDBC driver takes it. */
  record Postgres(String jdbcUrl, String user, String password) {}

  /**
   * Converts {@code postgresql://[user[:password]@][host][:port][/db][?params]} to a JDBC URL plus
   * credentials (percent-decoded). A missing host means localhost.
   */
  static Postgres fromLibpqUrl(String url) {
    int schemeEnd = url.indexOf("://") + 3;
    String rest = url.substring(schemeEnd);
    int slash = rest.indexOf('/');
    int query = rest.indexOf('?');
    int authorityEnd = slash >= 0 ? slash : (query >= 0 ? query : rest.length());
    if (query >= 0 && query < authorityEnd) {
      authorityEnd = query;
    }
    String authority = rest.substring(0, authorityEnd);
    String tail = rest.substring(authorityEnd);
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        user = decode(userInfo.substring(0, colon));
        password = decode(userInfo.substring(colon + 1));
      } else {
        user = decode(userInfo);
      }
      if (user != null && user.isEmpty()) {
        user = null;
      }
    }
    if (authority.isEmpty()) {
      authority = "localhost";
    }
    return new Postgres("jdbc:postgresql://" + authority + tail, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * {@code postgresql://user@host:port/db?params} for a JDBC URL: no password, whether in the
   * authority or in a {@code password} parameter.
   */
  static String describePostgres(String jdbcUrl, String user) {
    String s = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring(5) : jdbcUrl;
    int schemeEnd = s.indexOf("://");
    if (schemeEnd < 0) {
      return "postgresql:(unparsed URL)";
    }
    String rest = s.substring(schemeEnd + 3);
    int query = rest.indexOf('?');
    String base = query >= 0 ? rest.substring(0, query) : rest;
    int at = base.lastIndexOf('@', base.indexOf('/') >= 0 ? base.indexOf('/') : base.length());
    if (at >= 0) {
      base = base.substring(at + 1);
    }
    List<String> kept = new ArrayList<>();
    String urlUser = null;
    if (query >= 0) {
      for (String p : rest.substring(query + 1).split("&")) {
        String name = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
        if (name.equalsIgnoreCase("password") || name.equalsIgnoreCase("sslpassword")) {
          continue;
        }
        if (name.equalsIgnoreCase("user")) {
          urlUser = decode(p.substring(p.indexOf('=') + 1));
          continue;
        }
        if (!p.isEmpty()) {
          kept.add(p);
        }
      }
    }
    String who = user != null ? user : urlUser;
    return "postgresql://" + (who != null ? who + "@" : "") + base
        + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }

  private static String redact(String spec) {
    return spec.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("(//[^/@:]*):[^/@]*@", "$1:***@");
  }
}
