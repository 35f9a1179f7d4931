package io.reco4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Descriptive item data aligned with an item {@link IdIndex}: entry {@code i} describes dense item
 * {@code i}. Any array may hold nulls where the source has nothing for an item.
 *
 * @param titles display title per item, or null per item when unknown
 * @param genres genre names per item (empty when none)
 * @param tags free-text tags per item, distinct, in first-seen order (empty when none)
 */
public record ItemMetadata(String[] titles, String[][] genres, String[][] tags) {
  private static final String[] NONE = new String[0];

  public ItemMetadata {
    Objects.requireNonNull(titles, "titles");
    Objects.requireNonNull(genres, "genres");
    Objects.requireNonNull(tags, "tags");
    if (genres.length != titles.length || tags.length != titles.length) {
      throw new IllegalArgumentException("metadata arrays differ in length");
    }
  }

  /** Metadata with nothing known for {@code n} items. */
  public static ItemMetadata empty(int n) {
    String[][] g = new String[n][];
    String[][] t = new String[n][];
    Arrays.fill(g, NONE);
    Arrays.fill(t, NONE);
    return new ItemMetadata(new String[n], g, t);
  }

  /** Number of items described. */
  public int size() {
    return titles.length;
  }

  /** The title of an item, or null. */
  public String title(int itemIndex) {
    return titles[itemIndex];
  }

  /** The genres of an item (possibly empty). */
  public List<String> genresOf(int itemIndex) {
    String[] g = genres[itemIndex];
    return g == null ? List.of() : List.of(g);
  }

  /** The tags of an item (possibly empty). */
  public List<String> tagsOf(int itemIndex) {
    String[] t = tags[itemIndex];
    return t == null ? List.of() : List.of(t);
  }

  /** Number of items with a title. */
  public int titledCount() {
    int n = 0;
    for (String t : titles) {
      if (t != null) {
        n++;
      }
    }
    return n;
  }
}
