package io.reco4j.server.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How stored events become training values. Immutable.
 *
 * <p><b>Explicit models</b> (rating predictors: bias, svd, svdpp, als, knn) train on ratings only:
 * a {@code rating} event contributes its value, every other type is ignored, and a (user, item)
 * pair rated more than once keeps its <em>latest</em> rating (the events are read in sequence
 * order, after the base dataset's rows).
 *
 * <p><b>Implicit models</b> (ials, bpr, ease, popular, …) train on interaction strengths. A
 * {@code rating} event counts {@link #ratingWeight()} when its value is at least
 * {@link #ratingThreshold()} and is ignored otherwise (a low rating is not a positive signal);
 * other types count their weight from {@link #typeWeights()} — by default view 1, click 2, like 3,
 * purchase 5, {@code dislike} 0 — and a type not in the table counts {@link #otherWeight()}. A
 * weight of 0 drops the event. Repeated interactions with the same item <em>add up</em> (three
 * views weigh 3), capped at {@link #maxWeight()} so that one obsessive user cannot dominate an
 * item. The base dataset's ratings go through the same rating rule.
 *
 * @param typeWeights weight per event type for implicit models (never containing {@code rating})
 * @param otherWeight weight of a type not in {@code typeWeights}
 * @param ratingThreshold the smallest rating that counts as a positive interaction
 * @param ratingWeight the weight of such a rating
 * @param maxWeight the cap on a (user, item) pair's summed weight
 */
public record EventWeights(Map<String, Float> typeWeights, float otherWeight,
    float ratingThreshold, float ratingWeight, float maxWeight) {

  /** The event type that carries a rating in its value. */
  public static final String RATING = "rating";

  public EventWeights {
    typeWeights = Map.copyOf(Objects.requireNonNull(typeWeights, "typeWeights"));
    for (Map.Entry<String, Float> e : typeWeights.entrySet()) {
      if (!(e.getValue() >= 0) || !Float.isFinite(e.getValue())) {
        throw new IllegalArgumentException("typeWeights." + e.getKey()
            + ": must be a finite number >= 0, got " + e.getValue());
      }
    }
    if (typeWeights.containsKey(RATING)) {
      throw new IllegalArgumentException("typeWeights.rating: ratings are weighted by "
          + "ratingThreshold and ratingWeight");
    }
    check("otherWeight", otherWeight);
    check("ratingWeight", ratingWeight);
    if (!(maxWeight > 0)) {
      throw new IllegalArgumentException("maxWeight: must be > 0, got " + maxWeight);
    }
    if (!Float.isFinite(ratingThreshold)) {
      throw new IllegalArgumentException("ratingThreshold: must be finite");
    }
  }

  private static void check(String field, float v) {
    if (!(v >= 0) || !Float.isFinite(v)) {
      throw new IllegalArgumentException(field + ": must be a finite number >= 0, got " + v);
    }
  }

  /** view 1, click 2, like 3, purchase 5, dislike 0; other types 1; rating ≥ 3.5 → 1; cap 10. */
  public static EventWeights defaults() {
    Map<String, Float> m = new LinkedHashMap<>();
    m.put("view", 1f);
    m.put("click", 2f);
    m.put("like", 3f);
    m.put("purchase", 5f);
    m.put("dislike", 0f);
    return new EventWeights(m, 1f, 3.5f, 1f, 10f);
  }

  /**
   * The implicit weight of one event, 0 when it does not count.
   *
   * @param type the event type
   * @param value the event value (the rating for {@code rating})
   */
  public float implicitWeight(String type, float value) {
    if (RATING.equals(type)) {
      return value >= ratingThreshold ? ratingWeight : 0f;
    }
    Float w = typeWeights.get(type);
    return w != null ? w : otherWeight;
  }
}
