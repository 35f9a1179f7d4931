package io.reco4j.server;

import io.reco4j.data.CsrMatrix;
import io.reco4j.model.Explainable;
import io.reco4j.model.FoldIn;
import io.reco4j.model.RatingPredictor;
import io.reco4j.server.training.EventWeights;
import io.reco4j.model.SimilarItems;
import io.reco4j.rank.TopN;
import io.reco4j.store.EventStore;
import io.reco4j.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The read side of the service: recommendations (model, fold-in or popular path), similar items,
 * item lookup and search, history. Works on one {@link ServedModel} snapshot per call and on
 * per-thread scratch (a score array and bitsets sized to the item count), so the hot path
 * allocates nothing per item. Thread-safe.
 */
final class ReadService {
  /** How a recommendation list was made. */
  enum Path {
    MODEL("model"), FOLD_IN("fold-in"), POPULAR("popular");

    final String label;

    Path(String label) {
      this.label = label;
    }
  }

  /** One recommended item. */
  record Scored(int item, float score, List<Because> because) {}

  /** A history item that contributed to a recommendation, with its share of the score. */
  record Because(int item, float weight) {}

  /** A recommendation answer. */
  record Recommendations(ServedModel model, Path path, List<Scored> items) {}

  /** The user's history in the model's item space, deduplicated, newer events winning. */
  record History(int[] items, float[] values, int[] seenItems) {}

  private static final class Scratch {
    float[] scores = new float[0];
    BitSet excluded = new BitSet();
    BitSet allowed = new BitSet();

    float[] scores(int n) {
      if (scores.length != n) { // exact size: TopN offers every index of the array
        scores = new float[n];
      }
      return scores;
    }
  }

  private final EventWeights weights;
  private final EventStore store;
  private final RecentEvents recent;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
  private final ScoreBatcher batcher = new ScoreBatcher();

  /** The batcher that scores known users, for metrics. */
  ScoreBatcher batcher() {
    return batcher;
  }

  ReadService(ServerConfig config, EventStore store, RecentEvents recent) {
    this.weights = config.weights();
    this.store = store;
    this.recent = recent;
  }

  /**
   * Top-k for a user.
   *
   * @param filters parsed filter expressions, all of which must hold
   * @param onPath told which path answered (for metrics)
   */
  Recommendations recommend(ServedModel m, String userId, int k, boolean excludeSeen,
      List<String> filters, boolean explain, Consumer<Path> onPath) {
    int n = m.items().size();
    Scratch s = scratch.get();
    float[] scores = s.scores(n);
    int u = m.userIndex(userId);
    List<StoredEvent> newer = newerEvents(m, userId);
    History h = history(m, u, newer);
    Path path;
    if (u >= 0 && newer.isEmpty()) {
      path = Path.MODEL;
      batcher.score(m.scorer(), u, scores);
    } else if (h.items().length > 0 && m.model() instanceof FoldIn f) {
      path = Path.FOLD_IN;
      f.scoreItemsForHistory(h.items(), h.values(), scores);
    } else if (u >= 0) {
      path = Path.MODEL; // known user, newer events, but the model cannot fold in
      m.scorer().scoreItems(u, scores);
    } else {
      path = Path.POPULAR;
      m.catalog().popularityScores(scores);
    }
    onPath.accept(path);

    BitSet excluded = s.excluded;
    excluded.clear();
    if (excludeSeen) {
      for (int i : h.seenItems()) {
        excluded.set(i);
      }
    }
    applyFilters(m, filters, excluded, s.allowed, n);
    TopN top = new TopN(k);
    top.offerAll(scores, excluded);
    int[] items = new int[top.size()];
    float[] sc = new float[items.length];
    top.drainTo(items, sc);
    List<Scored> out = new ArrayList<>(items.length);
    for (int r = 0; r < items.length; r++) {
      out.add(new Scored(items[r], sc[r],
          explain ? because(m, items[r], path == Path.POPULAR ? null : h) : null));
    }
    return new Recommendations(m, path, out);
  }

  /** Events of a user newer than the model, oldest first. */
  List<StoredEvent> newerEvents(ServedModel m, String userId) {
    List<StoredEvent> all = recent.of(userId);
    int from = 0;
    while (from < all.size() && all.get(from).sequence() <= m.lastSequence()) {
      from++;
    }
    return from == 0 ? all : all.subList(from, all.size());
  }

  /**
   * The user's history in the model's item space: the base-data row (when the model knows the
   * user and the data's spaces are the model's) overlaid with newer events mapped to values by
   * the config; events on items unknown to the model are skipped.
   */
  History history(ServedModel m, int u, List<StoredEvent> newer) {
    CsrMatrix seen = m.seen();
    int rowLen = u >= 0 && seen != null && u < seen.rows() ? seen.rowLength(u) : 0;
    if (newer.isEmpty()) {
      if (rowLen == 0) {
        return new History(new int[0], new float[0], new int[0]);
      }
      int from = seen.rowStart(u);
      int[] items = Arrays.copyOfRange(seen.colIdx(), from, from + rowLen);
      float[] values = Arrays.copyOfRange(seen.values(), from, from + rowLen);
      return new History(items, values, items);
    }
    // the same rules as retraining (EventDatasets): rating models take the latest rating of an
    // item and ignore other types; implicit models add up event strengths, capped
    boolean ratings = m.data() != null ? m.data().explicit() : m.model() instanceof RatingPredictor;
    Map<Integer, Float> merged = new LinkedHashMap<>();
    if (rowLen > 0) {
      int[] col = seen.colIdx();
      float[] val = seen.values();
      for (int p = seen.rowStart(u); p < seen.rowEnd(u); p++) {
        merged.put(col[p], val[p]);
      }
    }
    for (StoredEvent se : newer) {
      int i = m.itemIndex(se.event().itemId());
      if (i < 0) {
        continue;
      }
      String type = se.event().type();
      float v = se.event().value();
      if (ratings) {
        merged.put(i, type.equals(EventWeights.RATING) ? v : merged.getOrDefault(i, 0f));
      } else {
        float w = weights.implicitWeight(type, v);
        merged.put(i, Math.min(weights.maxWeight(), merged.getOrDefault(i, 0f) + w));
      }
    }
    int[] seenItems = new int[merged.size()];
    int[] items = new int[merged.size()];
    float[] values = new float[merged.size()];
    int a = 0;
    int b = 0;
    for (Map.Entry<Integer, Float> e : merged.entrySet()) {
      seenItems[a++] = e.getKey();
      if (e.getValue() > 0) {
        items[b] = e.getKey();
        values[b++] = e.getValue();
      }
    }
    return new History(Arrays.copyOf(items, b), Arrays.copyOf(values, b), seenItems);
  }

  /**
   * Narrows {@code excluded} by the filters: {@code genre:NAME}, {@code year:YYYY} or
   * {@code year:YYYY-YYYY}, {@code item:!ID}.
   */
  private static void applyFilters(ServedModel m, List<String> filters, BitSet excluded,
      BitSet allowed, int n) {
    for (int f = 0; f < filters.size(); f++) {
      String spec = filters.get(f);
      String field = "filter[" + f + "]";
      int colon = spec.indexOf(':');
      if (colon <= 0) {
        throw ApiException.badField(field, "'" + spec + "' is not genre:NAME, year:FROM-TO or "
            + "item:!ID");
      }
      String kind = spec.substring(0, colon).toLowerCase(Locale.ROOT);
      String arg = spec.substring(colon + 1);
      switch (kind) {
        case "genre" -> {
          BitSet g = m.catalog().genre(arg.strip());
          allowed.clear();
          if (g != null) {
            allowed.or(g);
          }
          allowed.flip(0, n);
          excluded.or(allowed); // items outside the genre
        }
        case "year" -> {
          int[] range = yearRange(arg, field);
          for (int i = 0; i < n; i++) {
            int y = m.catalog().year(i);
            if (y < range[0] || y > range[1]) {
              excluded.set(i);
            }
          }
        }
        case "item" -> {
          if (!arg.startsWith("!") || arg.length() < 2) {
            throw ApiException.badField(field, "item filters drop one item: item:!ID");
          }
          int i = m.itemIndex(arg.substring(1));
          if (i >= 0) {
            excluded.set(i);
          }
        }
        default -> throw ApiException.badField(field, "unknown filter '" + kind
            + "' (known: genre, year, item)");
      }
    }
  }

  private static int[] yearRange(String arg, String field) {
    String[] parts = arg.strip().split("-", -1);
    try {
      if (parts.length == 1) {
        int y = Integer.parseInt(parts[0]);
        return new int[] {y, y};
      }
      if (parts.length == 2) {
        int a = parts[0].isEmpty() ? Integer.MIN_VALUE : Integer.parseInt(parts[0]);
        int b = parts[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(parts[1]);
        if (a > b) {
          throw ApiException.badField(field, "year range " + arg + " is empty");
        }
        return new int[] {a, b};
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiException.badField(field, "'" + arg + "' is not YYYY or YYYY-YYYY");
  }

  /**
   * Up to 3 history items that contributed most to item {@code i}'s score, through the model's
   * {@link Explainable} decomposition of its fold-in score; each weight is the item's share of the
   * positive contributions. Empty when the model cannot explain or the history is empty.
   */
  private static List<Because> because(ServedModel m, int i, History h) {
    if (h == null || h.items().length == 0 || !(m.model() instanceof Explainable ex)) {
      return List.of();
    }
    int[] items = h.items();
    float[] contrib = new float[items.length];
    ex.explain(items, h.values(), i, contrib);
    double total = 0;
    TopN top = new TopN(3);
    for (int j = 0; j < items.length; j++) {
      if (contrib[j] > 0 && items[j] != i) {
        total += contrib[j];
        top.offer(j, contrib[j]);
      }
    }
    int[] idx = new int[top.size()];
    float[] w = new float[idx.length];
    top.drainTo(idx, w);
    List<Because> out = new ArrayList<>(idx.length);
    for (int r = 0; r < idx.length; r++) {
      out.add(new Because(items[idx[r]], (float) (w[r] / total)));
    }
    return out;
  }

  /** The k items most similar to item {@code i}. */
  List<Scored> similar(ServedModel m, int i, int k) {
    if (!(m.model() instanceof SimilarItems sim)) {
      throw new ApiException(409, "conflict", null, "the served " + m.model().algorithm()
          + " model has no notion of similar items");
    }
    int[] items = new int[k];
    float[] scores = new float[k];
    int got = sim.similarItems(i, k, items, scores);
    List<Scored> out = new ArrayList<>(got);
    for (int r = 0; r < got; r++) {
      out.add(new Scored(items[r], scores[r], null));
    }
    return out;
  }

  /** Catalogue search: title substring (case-insensitive) and genre, most popular first. */
  List<Integer> search(ServedModel m, String query, String genre, int limit) {
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    BitSet g = null;
    if (genre != null && !genre.isBlank()) {
      g = m.catalog().genre(genre.strip());
      if (g == null) {
        return List.of();
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int i : m.catalog().byPopularity()) {
      if ((g == null || g.get(i)) && (q.isEmpty() || m.catalog().titleContains(i, q))) {
        out.add(i);
        if (out.size() == limit) {
          break;
        }
      }
    }
    return out;
  }

  /** One history line. */
  record HistoryEntry(Long sequence, String itemId, String type, float value, Instant timestamp,
      String source) {}

  /** Stored events (newest first), then base-data rows (newest first), at most {@code limit}. */
  List<HistoryEntry> userHistory(ServedModel m, String userId, int limit) {
    List<HistoryEntry> out = new ArrayList<>();
    for (StoredEvent e : store.history(userId, limit)) {
      out.add(new HistoryEntry(e.sequence(), e.event().itemId(), e.event().type(),
          e.event().value(), Instant.ofEpochMilli(e.event().timestampMillis()), "event"));
    }
    CsrMatrix seen = m == null ? null : m.seen();
    int u = m == null ? -1 : m.userIndex(userId);
    if (out.size() < limit && seen != null && u >= 0) {
      int from = seen.rowStart(u);
      int len = seen.rowLength(u);
      Integer[] order = new Integer[len];
      for (int p = 0; p < len; p++) {
        order[p] = from + p;
      }
      boolean times = seen.hasTimestamps();
      if (times) {
        Arrays.sort(order, (a, b) -> Long.compare(seen.timestamps().get(b),
            seen.timestamps().get(a)));
      }
      String type = m.data() != null && m.data().explicit() ? "rating" : "interaction";
      for (int p = 0; p < len && out.size() < limit; p++) {
        int pos = order[p];
        Instant ts = times ? toInstant(seen.timestamps().get(pos)) : null;
        out.add(new HistoryEntry(null, m.items().idOf(seen.colIdx()[pos]), type,
            seen.values()[pos], ts, "dataset"));
      }
    }
    return out;
  }

  /** Dataset timestamps are epoch seconds (MovieLens) or milliseconds; tell them apart by size. */
  private static Instant toInstant(long t) {
    return t < 100_000_000_000L ? Instant.ofEpochSecond(t) : Instant.ofEpochMilli(t);
  }
}
