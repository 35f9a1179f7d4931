package io.reco4j.server;

import io.reco4j.data.Dataset;
import io.reco4j.data.IdIndex;
import io.reco4j.data.ItemMetadata;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the service knows about the items of a served model, aligned with the model's dense item
 * index: display title (the MovieLens year suffix split off), year, genres, tags, popularity
 * (number of interactions in the base data) and per-genre bitsets for filtering. Immutable and
 * thread-safe.
 */
public final class Catalog {
  private static final Pattern YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");
  private static final String[] NONE = new String[0];

  private final IdIndex items;
  private final String[] titles;
  private final String[] lowerTitles;
  private final int[] years;
  private final String[][] genres;
  private final String[][] tags;
  private final int[] popularity;
  private final int[] byPopularity;
  private final Map<String, BitSet> genreBits;

  private Catalog(IdIndex items, String[] titles, int[] years, String[][] genres, String[][] tags,
      int[] popularity) {
    this.items = items;
    this.titles = titles;
    this.years = years;
    this.genres = genres;
    this.tags = tags;
    this.popularity = popularity;
    int n = items.size();
    this.lowerTitles = new String[n];
    Map<String, BitSet> g = new HashMap<>();
    for (int i = 0; i < n; i++) {
      lowerTitles[i] = titles[i] == null ? "" : titles[i].toLowerCase(Locale.ROOT);
      for (String name : genres[i]) {
        g.computeIfAbsent(name.toLowerCase(Locale.ROOT), x -> new BitSet(n)).set(i);
      }
    }
    this.genreBits = Map.copyOf(g);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> popularity[a] != popularity[b]
        ? Integer.compare(popularity[b], popularity[a]) : Integer.compare(a, b));
    this.byPopularity = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /**
   * The catalogue of a model's item space, described by {@code data} (matched by external id;
   * null for none).
   */
  public static Catalog of(IdIndex modelItems, Dataset data) {
    int n = modelItems.size();
    String[] titles = new String[n];
    int[] years = new int[n];
    String[][] genres = new String[n][];
    String[][] tags = new String[n][];
    int[] pop = new int[n];
    Arrays.fill(genres, NONE);
    Arrays.fill(tags, NONE);
    ItemMetadata meta = data == null ? null : data.metadata();
    int[] counts = data == null ? null : data.matrix().colCounts();
    boolean same = data != null && data.items().equals(modelItems);
    for (int i = 0; i < n; i++) {
      int d = -1;
      if (data != null) {
        if (same) {
          d = i;
        } else {
          OptionalInt f = data.items().find(modelItems.idOf(i));
          d = f.isPresent() ? f.getAsInt() : -1;
        }
      }
      if (d < 0) {
        continue;
      }
      pop[i] = counts[d];
      if (meta != null) {
        String t = meta.title(d);
        if (t != null) {
          Matcher m = YEAR.matcher(t);
          if (m.matches()) {
            titles[i] = m.group(1);
            years[i] = Integer.parseInt(m.group(2));
          } else {
            titles[i] = t;
          }
        }
        genres[i] = meta.genresOf(d).stream()
            .filter(s -> !s.equals("(no genres listed)")).toArray(String[]::new);
        tags[i] = meta.tagsOf(d).toArray(String[]::new);
      }
    }
    return new Catalog(modelItems, titles, years, genres, tags, pop);
  }

  /** The item index space. */
  public IdIndex items() {
    return items;
  }

  /** Number of items. */
  public int size() {
    return items.size();
  }

  /** Display title without the year suffix, or null when unknown. */
  public String title(int i) {
    return titles[i];
  }

  /** Release year parsed from the MovieLens title, or 0 when unknown. */
  public int year(int i) {
    return years[i];
  }

  /** Genres (possibly empty). */
  public List<String> genres(int i) {
    return List.of(genres[i]);
  }

  /** Tags (possibly empty). */
  public List<String> tags(int i) {
    return List.of(tags[i]);
  }

  /** Interactions with the item in the base data. */
  public int popularity(int i) {
    return popularity[i];
  }

  /** Item indices, most popular first (ties by index). Do not modify. */
  int[] byPopularity() {
    return byPopularity;
  }

  /** Items of a genre (case-insensitive), or null when no item has it. Do not modify. */
  BitSet genre(String name) {
    return genreBits.get(name.toLowerCase(Locale.ROOT));
  }

  /** Whether the lower-cased title contains {@code lowerQuery}. */
  boolean titleContains(int i, String lowerQuery) {
    return lowerTitles[i].contains(lowerQuery);
  }

  /** Popularity counts as scores (for the {@code popular} path). */
  void popularityScores(float[] out) {
    for (int i = 0; i < popularity.length; i++) {
      out[i] = popularity[i];
    }
  }
}
