package io.reco4j.data.download;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets {@code reco data download} knows: the MovieLens archives published by GroupLens
 * under {@value #GROUPLENS_BASE_URL}.
 *
 * <p>Every pin below was copied from a public project that downloaded the archive and recorded
 * its digest; none was computed here (this project's build machines cannot reach GroupLens). The
 * source of each is kept in {@link CatalogEntry#pinSource()} and printed on a mismatch.
 *
 * <ul>
 *   <li>{@code ml-100k}, {@code ml-1m}, {@code ml-latest-small}, {@code ml-20m}, {@code ml-25m}:
 *       size and SHA-256 from TensorFlow Datasets, file {@code
 *       tensorflow_datasets/url_checksums/movielens.txt} (repository tensorflow/datasets, commit
 *       1c076ac3c19c8ea83e1d1a75e0623c9a699e0d7c). TFDS notes that GroupLens refreshes {@code
 *       ml-latest-small} from time to time; its pin is the archive as TFDS recorded it (978,202
 *       bytes). A later refresh fails the check, with both digests in the message.
 *   <li>{@code ml-32m}: no published SHA-256 was found (GroupLens publishes only an MD5 next to
 *       the zip), so it is <b>unpinned</b>: the downloader refuses it unless the user explicitly
 *       skips the checksum, and then prints the digest it computed.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class DatasetCatalog {
  /** Where GroupLens publishes the MovieLens archives; ends with a slash. */
  public static final String GROUPLENS_BASE_URL = "https://files.grouplens.org/datasets/movielens/";

  private static final String TFDS =
      "TensorFlow Datasets tensorflow_datasets/url_checksums/movielens.txt"
          + " (tensorflow/datasets@1c076ac3c19c8ea83e1d1a75e0623c9a699e0d7c)";

  private static final Map<String, CatalogEntry> ENTRIES = new LinkedHashMap<>();

  static {
    add(new CatalogEntry("ml-100k", "ml-100k.zip", 4_924_029L, "ml-100k", "u.data",
        "50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229", TFDS));
    add(new CatalogEntry("ml-1m", "ml-1m.zip", 5_917_549L, "ml-1m", "ratings.dat",
        "a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20", TFDS));
    add(new CatalogEntry("ml-latest-small", "ml-latest-small.zip", 978_202L, "ml-latest-small",
        "ratings.csv",
        "696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436", TFDS));
    add(new CatalogEntry("ml-20m", "ml-20m.zip", 198_702_078L, "ml-20m", "ratings.csv",
        "96f243c338a8665f6bcc89c53edf6ee39162a846940de6b7c8c48aeada765ff3", TFDS));
    add(new CatalogEntry("ml-25m", "ml-25m.zip", 261_978_986L, "ml-25m", "ratings.csv",
        "8b21cfb7eb1706b4ec0aac894368d90acf26ebdfb6aced3ebd4ad5bd1eb9c6aa", TFDS));
    // Unpinned on purpose: no SHA-256 for ml-32m.zip was found in any public source; never guess.
    add(new CatalogEntry("ml-32m", "ml-32m.zip", -1L, "ml-32m", "ratings.csv", null, ""));
  }

  private DatasetCatalog() {}

  private static void add(CatalogEntry e) {
    ENTRIES.put(e.name(), e);
  }

  /** All entries, in catalog order. */
  public static List<CatalogEntry> all() {
    return List.copyOf(ENTRIES.values());
  }

  /** The names users can pass to {@code reco data download}, in catalog order. */
  public static List<String> names() {
    return List.copyOf(ENTRIES.keySet());
  }

  /** The entry named {@code name}, if the catalog has one. */
  public static Optional<CatalogEntry> find(String name) {
    return Optional.ofNullable(ENTRIES.get(name));
  }

  /**
   * The entry named {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown dataset and listing the known ones
   */
  public static CatalogEntry get(String name) {
    CatalogEntry e = ENTRIES.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown dataset '" + name + "'; known datasets: " + String.join(", ", names()));
    }
    return e;
  }
}
