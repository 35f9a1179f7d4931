package io.reco4j.cli;

import io.reco4j.data.Dataset;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.io.ColumnMapping;
import io.reco4j.data.io.DataLoader;
import io.reco4j.data.io.DelimitedLoader;
import io.reco4j.data.io.LoadOptions;
import io.reco4j.data.io.OnError;
import io.reco4j.parquet.ParquetColumns;
import io.reco4j.parquet.ParquetLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads interaction data shares. */
final class DataOptions {
  @Option(names = "--data", paramLabel = "NAME|PATH",
      description = "A dataset name (looked up in $RECO_DATA, then ../shared/data), a MovieLens "
          + "folder, or a ratings file (CSV/TSV/'::').")
  String data;

  @Option(names = "--columns", paramLabel = "SPEC",
      description = "Columns of a generic file: roles in file order (user,item,rating,timestamp; _ "
          + "skips a column), or by header name (user=uid,item=track), or by position (user=#2). "
          + "Default: by header names, or user,item[,rating[,timestamp]] without a header.")
  String columns;

  @Option(names = "--delimiter", paramLabel = "D",
      description = "Field delimiter: ',', '\\t' (or tab), ';', '::' … Default: detected.")
  String delimiter;

  @Option(names = "--header", negatable = true,
      description = "Whether the first line is a header. Default: detected.")
  Boolean header;

  @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
      description = "On a malformed line: fail with file, line and field (default) or skip and count.")
  String onError;

  @Option(names = "--duplicates", paramLabel = "POLICY", defaultValue = "last",
      description = "Repeated (user, item) pairs: last (default), first, sum, mean or error.")
  String duplicates;

  @Option(names = "--no-snapshot", description = "Parse the source even when a snapshot exists, "
      + "and do not write one.")
  boolean noSnapshot;

  @Option(names = "--threads", defaultValue = "0",
      description = "Worker threads (0 = all cores). Default: ${DEFAULT-VALUE}.")
  int threads;

  LoadOptions loadOptions() {
    return new LoadOptions(delimiter, header,
        columns == null ? ColumnMapping.auto() : ColumnMapping.parse(columns),
        OnError.parse(onError), DuplicatePolicy.parse(duplicates), threads);
  }

  /** Resolves {@code --data} (or {@code fallbackName}) and loads it, reporting to {@code err}. */
  DelimitedLoader.LoadResult load(String fallbackName, PrintWriter err) throws IOException {
    String what = data != null ? data : fallbackName;
    if (what == null) {
      throw new IllegalArgumentException("--data is required (a dataset name or a path)");
    }
    Path path = DataPaths.resolve(what);
    if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")) {
      long t0 = System.nanoTime();
      Dataset d = ParquetLoader.load(path, parquetColumns(), DuplicatePolicy.parse(duplicates),
          threads);
      double secs = (System.nanoTime() - t0) / 1e9;
      return new DelimitedLoader.LoadResult(d,
          new io.reco4j.data.io.LoadStats(d.size(), d.size(), 0, java.util.List.of(), 0, secs, false));
    }
    DataLoader loader = new DataLoader(DataLoader.defaultCacheDir(), !noSnapshot,
        w -> err.println("warning: " + w));
    DelimitedLoader.LoadResult r = loader.load(path, loadOptions());
    if (r.stats().skipped() > 0) {
      err.println("warning: skipped " + r.stats().skipped() + " malformed line(s) in " + path
          + ", e.g.");
      for (String ex : r.stats().skippedExamples()) {
        err.println("  " + ex);
      }
    }
    return r;
  }

  /** Parquet columns: the defaults, or {@code --columns role=name,...}. */
  private ParquetColumns parquetColumns() {
    ParquetColumns c = ParquetColumns.defaults();
    if (columns == null) {
      return c;
    }
    for (String part : columns.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("--columns for a Parquet file names columns: "
            + "user=NAME,item=NAME[,rating=NAME][,timestamp=NAME]");
      }
      String name = part.substring(eq + 1).strip();
      c = switch (part.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT)) {
        case "user" -> c.withUser(name);
        case "item" -> c.withItem(name);
        case "rating" -> c.withRating(name);
        case "timestamp", "ts" -> c.withTimestamp(name);
        default -> throw new IllegalArgumentException("--columns: unknown role in '" + part + "'");
      };
    }
    return c;
  }

  /** Loads and returns just the dataset. */
  Dataset dataset(String fallbackName, PrintWriter err) throws IOException {
    return load(fallbackName, err).dataset();
  }
}
