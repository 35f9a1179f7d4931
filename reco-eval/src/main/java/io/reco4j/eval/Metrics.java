package io.reco4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Parses metric names such as {@code "rmse,mae,ndcg@10,recall@20"} into {@link Metric}s.
 *
 * <p>Names are case-insensitive; surrounding spaces are ignored; duplicates are dropped, first
 * occurrence kept. Known names (aliases in brackets):
 * <ul>
 *   <li>{@code rmse}, {@code mae}, {@code auc} — no cut-off;
 *   <li>{@code precision@K} [{@code p@K}], {@code recall@K} [{@code r@K}], {@code ndcg@K},
 *       {@code map@K}, {@code mrr@K}, {@code hitrate@K} [{@code hr@K}, {@code hit@K}],
 *       {@code coverage@K}, {@code novelty@K}, {@code arp@K} [{@code popularity@K}],
 *       {@code trecall@K} (recall over {@code min(K, |rel|)}, Liang et al. 2018: {@link
 *       TruncatedRecallMetric}).
 * </ul>
 * A metric that needs a cut-off and is given without one ({@code ndcg}) is expanded over the
 * default cut-offs, e.g. {@code ndcg} with cut-offs 10, 20 gives {@code ndcg@10, ndcg@20}.
 * Errors name every unknown or malformed entry.
 */
public final class Metrics {
  private static final String KNOWN = "rmse, mae, auc, precision@K, recall@K, ndcg@K, map@K, "
      + "mrr@K, hitrate@K, coverage@K, novelty@K, arp@K, trecall@K";

  private Metrics() {}

  /** Parses a comma-separated list whose ranking metrics all carry a cut-off. */
  public static List<Metric> parse(String spec) {
    return parse(List.of(spec.split(",", -1)), List.of());
  }

  /**
   * Parses metric names; an entry may itself hold a comma-separated list.
   *
   * @param names metric names
   * @param defaultCutoffs cut-offs for names given without {@code @K}
   * @throws IllegalArgumentException naming every unknown or malformed metric
   */
  public static List<Metric> parse(List<String> names, List<Integer> defaultCutoffs) {
    Set<Metric> out = new LinkedHashSet<>();
    List<String> errors = new ArrayList<>();
    for (String entry : names) {
      for (String raw : entry.split(",", -1)) {
        String name = raw.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
          if (names.size() > 1 || entry.contains(",")) {
            errors.add("empty metric name in '" + entry + "'");
          }
          continue;
        }
        parseOne(name, raw.strip(), defaultCutoffs, out, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors) + " (known metrics: " + KNOWN
          + ")");
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no metrics given (known metrics: " + KNOWN + ")");
    }
    return List.copyOf(out);
  }

  private static void parseOne(String name, String original, List<Integer> defaultCutoffs,
      Set<Metric> out, List<String> errors) {
    int at = name.indexOf('@');
    String base = at < 0 ? name : name.substring(0, at).strip();
    String cut = at < 0 ? null : name.substring(at + 1).strip();
    switch (base) {
      case "rmse", "mae", "auc" -> {
        if (cut != null) {
          errors.add("metric '" + original + "': " + base + " takes no cut-off");
          return;
        }
        out.add(switch (base) {
          case "rmse" -> new RmseMetric();
          case "mae" -> new MaeMetric();
          default -> new AucMetric();
        });
      }
      default -> {
        IntFunction<Metric> make = factory(base);
        if (make == null) {
          errors.add("unknown metric '" + original + "'");
          return;
        }
        if (cut == null) {
          if (defaultCutoffs.isEmpty()) {
            errors.add("metric '" + original + "' needs a cut-off, e.g. " + base + "@10");
            return;
          }
          for (int k : defaultCutoffs) {
            out.add(make.apply(k));
          }
          return;
        }
        int k;
        try {
          k = Integer.parseInt(cut);
        } catch (NumberFormatException e) {
          errors.add("metric '" + original + "': cut-off '" + cut + "' is not an integer");
          return;
        }
        if (k < 1) {
          errors.add("metric '" + original + "': cut-off must be >= 1");
          return;
        }
        out.add(make.apply(k));
      }
    }
  }

  private static IntFunction<Metric> factory(String base) {
    return switch (base) {
      case "precision", "p", "prec" -> PrecisionMetric::new;
      case "recall", "r" -> RecallMetric::new;
      case "trecall" -> TruncatedRecallMetric::new;
      case "ndcg" -> NdcgMetric::new;
      case "map" -> MeanAveragePrecisionMetric::new;
      case "mrr" -> ReciprocalRankMetric::new;
      case "hitrate", "hr", "hit" -> HitRateMetric::new;
      case "coverage" -> CoverageMetric::new;
      case "novelty" -> NoveltyMetric::new;
      case "arp", "popularity" -> PopularityBiasMetric::new;
      default -> null;
    };
  }

  /** Names of the metrics, in order. */
  public static List<String> names(List<? extends Metric> metrics) {
    List<String> out = new ArrayList<>(metrics.size());
    for (Metric m : metrics) {
      out.add(m.name());
    }
    return out;
  }

  static void checkCutoff(String metric, int k) {
    if (k < 1) {
      throw new IllegalArgumentException(metric + " cut-off must be >= 1, got " + k);
    }
  }
}
