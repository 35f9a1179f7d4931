package io.reco4j.data.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which column of a delimited file holds the user id, item id, rating and timestamp.
 *
 * <p>Spec syntax (the CLI's {@code --columns}), comma-separated:
 * <ul>
 *   <li>roles in file order: {@code user,item,rating,timestamp} ({@code _} or {@code skip} for a
 *       column to ignore; columns past the list are ignored);</li>
 *   <li>by header name: {@code user=userId,item=movieId,rating=score};</li>
 *   <li>by 1-based position: {@code user=#2,item=#1}.</li>
 * </ul>
 * User and item are required; rating and timestamp are optional (no rating: implicit data, every
 * value 1). {@link #auto()} finds the columns by common header names, or, in a file without a
 * header and with 2 to 4 fields, takes them as {@code user,item[,rating[,timestamp]]} (the
 * MovieLens convention).
 */
public final class ColumnMapping {
  private static final Map<Role, List<String>> ALIASES = new EnumMap<>(Map.of(
      Role.USER, List.of("userid", "user_id", "user", "uid", "visitorid", "customer_id"),
      Role.ITEM, List.of("movieid", "itemid", "item_id", "item", "iid", "artistid", "product_id",
          "track_id", "trackid"),
      Role.RATING, List.of("rating", "score", "weight", "value", "count", "playcount", "plays"),
      Role.TIMESTAMP, List.of("timestamp", "ts", "time", "datetime_unix", "unix_time")));

  private final String spec;
  private final Role[] positional; // roles in file order, or null
  private final Map<Role, String> byName; // role -> header name or "#N"

  private ColumnMapping(String spec, Role[] positional, Map<Role, String> byName) {
    this.spec = spec;
    this.positional = positional;
    this.byName = byName;
  }

  /** Columns found by common header names (requires a header). */
  public static ColumnMapping auto() {
    return new ColumnMapping("auto", null, null);
  }

  /** Roles in file order. */
  public static ColumnMapping positional(Role... roles) {
    return new ColumnMapping(Arrays.toString(roles), roles.clone(), null);
  }

  /** Parses a {@code --columns} spec; see the class comment. */
  public static ColumnMapping parse(String spec) {
    String s = spec.strip();
    if (s.equalsIgnoreCase("auto")) {
      return auto();
    }
    String[] parts = s.split(",");
    boolean named = Arrays.stream(parts).anyMatch(p -> p.contains("="));
    if (!named) {
      Role[] roles = new Role[parts.length];
      for (int k = 0; k < parts.length; k++) {
        roles[k] = role(parts[k].strip(), spec);
      }
      check(Arrays.asList(roles), spec);
      return new ColumnMapping(spec, roles, null);
    }
    Map<Role, String> m = new EnumMap<>(Role.class);
    for (String p : parts) {
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("--columns '" + spec
            + "': mix of positional and named entries; use role=name for all (e.g. user=userId)");
      }
      Role r = role(p.substring(0, eq).strip(), spec);
      if (r == Role.IGNORE || m.put(r, p.substring(eq + 1).strip()) != null) {
        throw new IllegalArgumentException("--columns '" + spec + "': bad or repeated role in '" + p + "'");
      }
    }
    check(new ArrayList<>(m.keySet()), spec);
    return new ColumnMapping(spec, null, m);
  }

  private static Role role(String name, String spec) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "user", "u", "userid", "user_id" -> Role.USER;
      case "item", "i", "itemid", "item_id" -> Role.ITEM;
      case "rating", "r", "value", "score" -> Role.RATING;
      case "timestamp", "ts", "time", "t" -> Role.TIMESTAMP;
      case "_", "skip", "ignore", "-" -> Role.IGNORE;
      default -> throw new IllegalArgumentException("--columns '" + spec + "': unknown role '" + name
          + "' (expected user, item, rating, timestamp or _)");
    };
  }

  private static void check(List<Role> roles, String spec) {
    for (Role r : new Role[] {Role.USER, Role.ITEM, Role.RATING, Role.TIMESTAMP}) {
      long n = roles.stream().filter(x -> x == r).count();
      if (n > 1) {
        throw new IllegalArgumentException("--columns '" + spec + "': " + r.label() + " given twice");
      }
    }
    if (!roles.contains(Role.USER) || !roles.contains(Role.ITEM)) {
      throw new IllegalArgumentException("--columns '" + spec + "': user and item are required");
    }
  }

  /** Whether resolving needs the header line. */
  public boolean needsHeader() {
    return positional == null
        && (byName == null || byName.values().stream().anyMatch(v -> !v.startsWith("#")));
  }

  /**
   * The role of each column of a file with {@code fieldCount} fields.
   *
   * @param header the header's field names, or null when the file has none
   */
  public Role[] resolve(String[] header, int fieldCount, Path file) throws DataFormatException {
    Role[] out = new Role[fieldCount];
    Arrays.fill(out, Role.IGNORE);
    if (positional != null) {
      if (positional.length > fieldCount) {
        throw new DataFormatException(file, 1, null, "--columns names " + positional.length
            + " columns but the file has " + fieldCount + " fields per line");
      }
      System.arraycopy(positional, 0, out, 0, positional.length);
      return out;
    }
    if (header == null && positional == null && byName == null && fieldCount <= 4) {
      // no header, auto: the MovieLens convention user, item[, rating[, timestamp]]
      Role[] conventional = {Role.USER, Role.ITEM, Role.RATING, Role.TIMESTAMP};
      System.arraycopy(conventional, 0, out, 0, fieldCount);
      return out;
    }
    if (header == null && needsHeader()) {
      throw new DataFormatException(file, 1, null, "missing header: columns are chosen by name ("
          + spec + ") but the first line is data; pass --columns user,item,rating,timestamp "
          + "(roles in file order) for a file without a header");
    }
    Map<Role, String> wanted = byName;
    for (Role r : new Role[] {Role.USER, Role.ITEM, Role.RATING, Role.TIMESTAMP}) {
      int col = -1;
      if (wanted != null) {
        String name = wanted.get(r);
        if (name == null) {
          continue;
        }
        col = locate(name, header, fieldCount);
        if (col < 0) {
          throw new DataFormatException(file, 1, null, "no column '" + name + "' for " + r.label()
              + "; the header has " + Arrays.toString(header));
        }
      } else {
        for (String alias : ALIASES.get(r)) {
          col = locate(alias, header, fieldCount);
          if (col >= 0) {
            break;
          }
        }
        if (col < 0 && (r == Role.USER || r == Role.ITEM)) {
          throw new DataFormatException(file, 1, null, "cannot tell which column holds the "
              + r.label() + " id from the header " + Arrays.toString(header)
              + "; pass --columns, e.g. --columns user=" + (header.length > 0 ? header[0] : "uid")
              + ",item=...");
        }
      }
      if (col >= 0) {
        if (out[col] != Role.IGNORE) {
          throw new DataFormatException(file, 1, null, "column " + (col + 1) + " mapped twice");
        }
        out[col] = r;
      }
    }
    return out;
  }

  private static int locate(String name, String[] header, int fieldCount) {
    if (name.startsWith("#")) {
      try {
        int p = Integer.parseInt(name.substring(1)) - 1;
        return p >= 0 && p < fieldCount ? p : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    if (header == null) {
      return -1;
    }
    for (int k = 0; k < header.length; k++) {
      if (header[k].strip().equalsIgnoreCase(name)) {
        return k;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return spec;
  }
}
