package io.reco4j.algorithms.knn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The similarity measures of the neighbourhood models. Below, for item-kNN, {@code a} and
 * {@code b} are items, {@code U_a} the users who rated {@code a} and {@code U_ab = U_a ∩ U_b}
 * the users who rated both; for user-kNN the roles of users and items are swapped. Every measure
 * may then be shrunk by {@code n/(n + shrinkage)} with {@code n = |U_ab|} (Koren, "Factor in the
 * neighbors", TKDD 2010, eq. 4) and is set to 0 when {@code n < minSupport}.
 *
 * <p>In JSON and on the command line the names are lower case ({@code pearson_baseline}); upper
 * case and hyphens ({@code PEARSON-BASELINE}) are accepted too.
 */
public enum Similarity {
  /**
   * Vector cosine over the whole item vectors (a missing rating counts as 0): {@code Σ_{U_ab}
   * x_ua x_ub / (‖x_a‖ ‖x_b‖)} with norms over all of {@code U_a} and {@code U_b} (Sarwar et al.,
   * WWW 2001, §3.1.1; implicit's {@code CosineRecommender}). {@code x} are the raw values, or the
   * TF-IDF/BM25 weights when a {@link Weighting} is set. Note that Surprise's {@code cosine} takes
   * the norms over {@code U_ab} only, which makes every pair 1 on implicit data.
   */
  COSINE("cosine"),
  /**
   * Adjusted cosine (Sarwar et al., WWW 2001, §3.1.3): ratings centred by the mean of the rating
   * user (for user-kNN: by the item's mean), sums and norms over the co-rating users {@code U_ab}.
   */
  ADJUSTED_COSINE("adjusted_cosine"),
  /**
   * Pearson correlation over {@code U_ab}, ratings centred by the mean of each compared entity
   * (item means for item-kNN, user means for user-kNN), as Surprise's {@code pearson}.
   */
  PEARSON("pearson"),
  /**
   * Pearson correlation over {@code U_ab} with ratings centred by the baseline predictor
   * {@code b_ui = μ + b_u + b_i} instead of means (Koren, TKDD 2010, §2.2; Surprise's
   * {@code pearson_baseline}, usually shrunk with shrinkage 100).
   */
  PEARSON_BASELINE("pearson_baseline"),
  /** Jaccard index {@code |U_ab| / |U_a ∪ U_b|} of the interaction sets; values are ignored. */
  JACCARD("jaccard");

  private final String jsonName;

  Similarity(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The lower-case name used in JSON, YAML and on the command line. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** Whether the measure sums and normalises over co-rating users only (needs ratings). */
  boolean overCommonSupport() {
    return this == ADJUSTED_COSINE || this == PEARSON || this == PEARSON_BASELINE;
  }

  /**
   * Parses a name, case-insensitively, {@code -} and {@code _} alike.
   *
   * @throws IllegalArgumentException listing the known names
   */
  @JsonCreator
  public static Similarity of(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    for (Similarity s : values()) {
      if (s.jsonName.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown similarity '" + name
        + "' (known: cosine, adjusted_cosine, pearson, pearson_baseline, jaccard)");
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
