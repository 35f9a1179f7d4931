package io.reco4j.split;

import java.util.Arrays;

/**
 * Parses split specs, the text form of evaluation protocols used by configs and the command line.
 *
 * <table>
 *   <caption>Split specs</caption>
 *   <tr><th>Spec</th><th>Protocol</th></tr>
 *   <tr><td>{@code random:F}</td><td>{@link RandomHoldoutSplit}: {@code round(F·nnz)} random
 *       entries are test</td></tr>
 *   <tr><td>{@code user:F}</td><td>{@link UserHoldoutSplit}: per user, a random
 *       {@code round(F·n)} entries (at least 1, at most n−1) are test</td></tr>
 *   <tr><td>{@code kfold:K}</td><td>{@link KFoldSplit}: K folds over shuffled entries</td></tr>
 *   <tr><td>{@code temporal:F}</td><td>{@link TemporalSplit}: the latest {@code round(F·nnz)}
 *       entries are test</td></tr>
 *   <tr><td>{@code user-temporal:N}</td><td>{@link UserTemporalSplit}: per user, the last N
 *       entries are test</td></tr>
 *   <tr><td>{@code loo}</td><td>{@link LeaveOneOutSplit}: per user, the latest entry is
 *       test</td></tr>
 *   <tr><td>{@code heldout-users:N[:F][:seen-items][:floor]}</td><td>{@link HeldOutUsersSplit}:
 *       N users held out of train; a fraction F (default 0.2) of each one's entries is test, the
 *       rest test input; with {@code seen-items}, their entries on items absent from train are
 *       dropped first (Liang et al.'s preprocessing); with {@code floor}, each has
 *       {@code floor(F·n)} targets and users with none are dropped (Liang et al.'s code; the two
 *       together are their protocol exactly)</td></tr>
 * </table>
 *
 * <p>F is a fraction strictly between 0 and 1, K an integer {@code >= 2}, N an integer
 * {@code >= 1}. Each splitter's {@link Splitter#spec()} gives the canonical form of its spec (for
 * example {@code random:.25} becomes {@code random:0.25} and {@code heldout-users:100} becomes
 * {@code heldout-users:100:0.2}, and {@code heldout-users:100:seen-items} becomes {@code
 * heldout-users:100:0.2:seen-items}, and {@code heldout-users:100:seen-items:floor} becomes {@code
 * heldout-users:100:0.2:seen-items:floor}), which parses back to an equal splitter.
 */
public final class Splits {
  private Splits() {}

  /** The valid spec forms, quoted in error messages. */
  public static final String VALID_FORMS = "valid split specs: random:F, user:F, kfold:K, "
      + "temporal:F, user-temporal:N, loo, heldout-users:N, heldout-users:N:F, "
      + "heldout-users:N:seen-items, heldout-users:N:F:seen-items, "
      + "heldout-users:N[:F][:seen-items]:floor "
      + "(F a fraction in (0,1), K an integer >= 2, N an integer >= 1)";

  /**
   * The splitter for a spec such as {@code kfold:5} or {@code heldout-users:1000:0.2}; surrounding
   * whitespace is ignored.
   *
   * @throws IllegalArgumentException naming the spec and listing the valid forms when the spec is
   *     not one of them or a parameter is out of range
   */
  public static Splitter parse(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException("split spec is null; " + VALID_FORMS);
    }
    String s = spec.strip();
    String[] parts = s.split(":", -1);
    try {
      switch (parts[0]) {
        case "random":
          return new RandomHoldoutSplit(fraction(parts, 1, 2));
        case "user":
          return new UserHoldoutSplit(fraction(parts, 1, 2));
        case "kfold":
          return new KFoldSplit(integer(parts, 1, 2));
        case "temporal":
          return new TemporalSplit(fraction(parts, 1, 2));
        case "user-temporal":
          return new UserTemporalSplit(integer(parts, 1, 2));
        case "loo":
          if (parts.length != 1) {
            throw new IllegalArgumentException("loo takes no parameters");
          }
          return new LeaveOneOutSplit();
        case "heldout-users": {
          // trailing options in this order, each at most once: seen-items, floor
          int len = parts.length;
          boolean floor = len >= 3 && parts[len - 1].strip().equals(HeldOutUsersSplit.FLOOR);
          if (floor) {
            len--;
          }
          boolean seenItemsOnly =
              len >= 3 && parts[len - 1].strip().equals(HeldOutUsersSplit.SEEN_ITEMS);
          if (seenItemsOnly) {
            len--;
          }
          String[] p = Arrays.copyOf(parts, len);
          if (p.length > 3 || p.length == 3 && isOption(p[2])) {
            throw new IllegalArgumentException("heldout-users takes N, then optionally F, then "
                + "optionally '" + HeldOutUsersSplit.SEEN_ITEMS + "', in that order, then "
                + "optionally '" + HeldOutUsersSplit.FLOOR + "' last, each at most once");
          }
          if (p.length == 2) {
            return new HeldOutUsersSplit(integer(p, 1, 2),
                HeldOutUsersSplit.DEFAULT_TEST_FRACTION, seenItemsOnly, floor);
          }
          return new HeldOutUsersSplit(integer(p, 1, 3), fraction(p, 2, 3), seenItemsOnly, floor);
        }
        default:
          throw new IllegalArgumentException("unknown protocol '" + parts[0] + "'");
      }
    } catch (IllegalArgumentException e) {
      String why = e.getMessage();
      int cut = why == null ? -1 : why.indexOf("; " + VALID_FORMS);
      if (cut >= 0) {
        why = why.substring(0, cut);
      }
      throw new IllegalArgumentException(
          "bad split spec '" + spec + "': " + why + "; " + VALID_FORMS, e);
    }
  }

  private static boolean isOption(String part) {
    String o = part.strip();
    return o.equals(HeldOutUsersSplit.SEEN_ITEMS) || o.equals(HeldOutUsersSplit.FLOOR);
  }

  private static void arity(String[] parts, int expected) {
    if (parts.length != expected) {
      throw new IllegalArgumentException(
          "expected " + (expected - 1) + " parameter(s) after '" + parts[0] + "'");
    }
  }

  private static double fraction(String[] parts, int at, int expected) {
    arity(parts, expected);
    double f;
    try {
      f = Double.parseDouble(parts[at].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + parts[at] + "' is not a number");
    }
    checkFraction(f, parts[0]);
    return f;
  }

  private static int integer(String[] parts, int at, int expected) {
    arity(parts, expected);
    try {
      return Integer.parseInt(parts[at].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + parts[at] + "' is not an integer");
    }
  }

  /** Requires {@code 0 < f < 1} (rejects NaN and infinities). */
  static void checkFraction(double f, String protocol) {
    if (!(f > 0 && f < 1)) {
      throw new IllegalArgumentException(
          protocol + " needs a fraction strictly between 0 and 1, got " + f + "; " + VALID_FORMS);
    }
  }
}
