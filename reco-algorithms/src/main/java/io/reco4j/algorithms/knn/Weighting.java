package io.reco4j.algorithms.knn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Re-weighting of the interaction matrix before {@link Similarity#COSINE}, as in implicit's
 * nearest-neighbour models. For item-kNN the "documents" are items (vectors over users) and the
 * "terms" users; for user-kNN the reverse. With {@code N} documents, {@code df_t} the number of
 * documents term {@code t} occurs in, {@code idf_t = ln N − ln(1 + df_t)}:
 *
 * <ul>
 *   <li>{@link #TFIDF}: {@code x = sqrt(r) · idf_t};
 *   <li>{@link #BM25} (Robertson and Zaragoza, "The probabilistic relevance framework: BM25 and
 *       beyond", 2009): {@code x = r (K1 + 1) / (K1 · L_d + r) · idf_t} with length norm {@code
 *       L_d = 1 − B + B · len_d / mean(len)}, {@code len_d} the sum of the document's values.
 * </ul>
 */
public enum Weighting {
  /** The raw interaction values. */
  NONE("none"),
  /** TF-IDF weights. */
  TFIDF("tfidf"),
  /** Okapi BM25 weights. */
  BM25("bm25");

  private final String jsonName;

  Weighting(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The lower-case name used in JSON, YAML and on the command line. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /**
   * Parses a name case-insensitively.
   *
   * @throws IllegalArgumentException listing the known names
   */
  @JsonCreator
  public static Weighting of(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace("-", "");
    for (Weighting w : values()) {
      if (w.jsonName.equals(key)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown weighting '" + name + "' (known: none, tfidf, bm25)");
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
