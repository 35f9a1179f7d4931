package io.reco4j.data.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.reco4j.data.Dataset;
import io.reco4j.data.IdIndex;
import io.reco4j.data.ItemMetadata;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Loaders for the MovieLens releases, ratings plus item metadata where the release has it.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>release</th><th>ratings</th><th>items</th><th>tags</th></tr>
 *   <tr><td>100K</td><td>{@code u.data}: tab, no header</td><td>{@code u.item} ('|', Latin-1,
 *       19 genre flags named in {@code u.genre})</td><td>—</td></tr>
 *   <tr><td>1M, 10M</td><td>{@code ratings.dat}: {@code ::}, no header</td><td>{@code movies.dat}
 *       ({@code ::}; genres '|'-separated)</td><td>10M: {@code tags.dat}</td></tr>
 *   <tr><td>20M, 25M, 32M, latest</td><td>{@code ratings.csv} with header</td><td>{@code movies.csv}
 *       (quoted CSV)</td><td>{@code tags.csv}</td></tr>
 * </table>
 */
public final class MovieLens {
  private MovieLens() {}

  /** The MovieLens layouts. */
  public enum Format {
    /** 100K: u.data, u.item. */
    ML_100K("u.data", "\t", StandardCharsets.ISO_8859_1),
    /** 1M and 10M: ratings.dat, movies.dat, tags.dat. */
    DAT("ratings.dat", "::", StandardCharsets.ISO_8859_1),
    /** 20M, 25M, 32M, latest: ratings.csv, movies.csv, tags.csv. */
    CSV("ratings.csv", ",", StandardCharsets.UTF_8);

    private final String ratingsFile;
    private final String delimiter;
    private final Charset metadataCharset;

    Format(String ratingsFile, String delimiter, Charset metadataCharset) {
      this.ratingsFile = ratingsFile;
      this.delimiter = delimiter;
      this.metadataCharset = metadataCharset;
    }

    /** The ratings file name. */
    public String ratingsFile() {
      return ratingsFile;
    }
  }

  /**
   * The MovieLens layout of a folder, or of the folder holding a ratings file; null when
   * {@code path} is not MovieLens.
   */
  public static Format detect(Path path) {
    Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    String name = Files.isDirectory(path) ? null : path.getFileName().toString();
    for (Format f : Format.values()) {
      if ((name == null || name.equals(f.ratingsFile)) && Files.isRegularFile(dir.resolve(f.ratingsFile))) {
        return f;
      }
    }
    return null;
  }

  /**
   * Loads a MovieLens folder (or its ratings file) with titles, genres and tags.
   *
   * @param opts delimiter, header and columns are set from the format; the error policy,
   *     duplicate policy and threads are taken from here
   * @throws DataFormatException when the folder is not a MovieLens release or a file is malformed
   */
  public static DelimitedLoader.LoadResult load(Path path, LoadOptions opts) throws IOException {
    Format f = detect(path);
    if (f == null) {
      throw new DataFormatException(path, 0, null,
          "not a MovieLens folder (no u.data, ratings.dat or ratings.csv)");
    }
    Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    LoadOptions o = opts.withDelimiter(f.delimiter)
        .withHeader(f == Format.CSV)
        .withColumns(f == Format.CSV ? ColumnMapping.auto()
            : ColumnMapping.positional(Role.USER, Role.ITEM, Role.RATING, Role.TIMESTAMP));
    DelimitedLoader.LoadResult r = DelimitedLoader.load(dir.resolve(f.ratingsFile), o);
    Dataset d = r.dataset();
    ItemMetadata meta = readMetadata(dir, f, d.items());
    Dataset named = new Dataset(dir.getFileName().toString(), d.users(), d.items(), d.matrix(),
        d.explicit(), meta);
    return new DelimitedLoader.LoadResult(named, r.stats());
  }

  /** Titles, genres and tags for the items of {@code items}, from the release's files. */
  public static ItemMetadata readMetadata(Path dir, Format f, IdIndex items) throws IOException {
    ItemMetadata meta = ItemMetadata.empty(items.size());
    switch (f) {
      case ML_100K -> read100k(dir, items, meta);
      case DAT -> {
        readDat(dir.resolve("movies.dat"), items, meta);
        readTags(dir.resolve("tags.dat"), items, meta, "::");
      }
      case CSV -> {
        readCsvMovies(dir.resolve("movies.csv"), items, meta);
        readTags(dir.resolve("tags.csv"), items, meta, ",");
      }
      default -> throw new AssertionError(f);
    }
    return meta;
  }

  private static void read100k(Path dir, IdIndex items, ItemMetadata meta) throws IOException {
    Path itemFile = dir.resolve("u.item");
    if (!Files.isRegularFile(itemFile)) {
      return;
    }
    List<String> genreNames = new ArrayList<>();
    Path genreFile = dir.resolve("u.genre");
    if (Files.isRegularFile(genreFile)) {
      for (String line : Files.readAllLines(genreFile, StandardCharsets.ISO_8859_1)) {
        int bar = line.lastIndexOf('|');
        if (bar > 0) {
          genreNames.add(line.substring(0, bar));
        }
      }
    }
    long lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(itemFile, StandardCharsets.ISO_8859_1)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\\|", -1);
        if (f.length < 5) {
          throw new DataFormatException(itemFile, lineNo, null, "expected at least 5 '|' fields");
        }
        OptionalInt i = items.find(f[0]);
        if (i.isEmpty()) {
          continue; // a movie nobody rated
        }
        meta.titles()[i.getAsInt()] = f[1];
        List<String> g = new ArrayList<>();
        for (int k = 5; k < f.length && k - 5 < genreNames.size(); k++) {
          if (f[k].equals("1")) {
            g.add(genreNames.get(k - 5));
          }
        }
        meta.genres()[i.getAsInt()] = g.toArray(String[]::new);
      }
    }
  }

  private static void readDat(Path file, IdIndex items, ItemMetadata meta) throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    long lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("::", -1);
        if (f.length != 3) {
          throw new DataFormatException(file, lineNo, null, "expected 3 '::' fields, found " + f.length);
        }
        setMovie(items, meta, f[0], f[1], f[2]);
      }
    }
  }

  private static void setMovie(IdIndex items, ItemMetadata meta, String id, String title,
      String genres) {
    OptionalInt i = items.find(id);
    if (i.isEmpty()) {
      return;
    }
    meta.titles()[i.getAsInt()] = title;
    meta.genres()[i.getAsInt()] = genres.isEmpty() || genres.equals("(no genres listed)")
        ? new String[0] : genres.split("\\|");
  }

  private static MappingIterator<String[]> csvRows(Reader r) throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    return mapper.readerFor(String[].class).readValues(r);
  }

  private static void readCsvMovies(Path file, IdIndex items, ItemMetadata meta) throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<String[]> it = csvRows(r)) {
      boolean header = true;
      while (it.hasNext()) {
        String[] f = it.next();
        long line = it.getCurrentLocation().getLineNr();
        if (header) {
          header = false;
          continue;
        }
        if (f.length != 3) {
          throw new DataFormatException(file, line, null, "expected 3 fields (movieId,title,genres), found "
              + f.length);
        }
        setMovie(items, meta, f[0], f[1], f[2]);
      }
    }
  }

  private static void readTags(Path file, IdIndex items, ItemMetadata meta, String delimiter)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    List<Set<String>> tags = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      tags.add(null);
    }
    if (delimiter.equals(",")) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          MappingIterator<String[]> it = csvRows(r)) {
        boolean header = true;
        while (it.hasNext()) {
          String[] f = it.next();
          if (header) {
            header = false;
            continue;
          }
          if (f.length >= 3) {
            addTag(items, tags, f[1], f[2]);
          }
        }
      }
    } else {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] f = line.split("::", -1);
          if (f.length >= 3) {
            addTag(items, tags, f[1], f[2]);
          }
        }
      }
    }
    for (int i = 0; i < tags.size(); i++) {
      if (tags.get(i) != null) {
        meta.tags()[i] = tags.get(i).toArray(String[]::new);
      }
    }
  }

  private static void addTag(IdIndex items, List<Set<String>> tags, String itemId, String tag) {
    OptionalInt i = items.find(itemId);
    if (i.isPresent() && !tag.isBlank()) {
      if (tags.get(i.getAsInt()) == null) {
        tags.set(i.getAsInt(), new LinkedHashSet<>());
      }
      tags.get(i.getAsInt()).add(tag.strip());
    }
  }
}
