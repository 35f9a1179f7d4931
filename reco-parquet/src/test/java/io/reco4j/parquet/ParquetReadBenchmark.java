package io.reco4j.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;

/**
 * End-to-end comparison of Parquet readers: time to load a (userId, movieId, rating, timestamp)
 * file into primitive columns, best of N warm runs, plus heap and peak RSS. Not a unit test; run
 * one mode per JVM so that peak RSS is that of the mode alone:
 *
 * <pre>
 * ./mvnw -q -pl reco-core,reco-parquet test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * CP=reco-parquet/target/test-classes:reco-parquet/target/classes:reco-core/target/classes:$(cat /tmp/cp.txt)
 * java -Xmx4g -cp $CP io.reco4j.parquet.ParquetReadBenchmark generate /tmp/pq 20000000
 * java -Xmx4g -cp $CP io.reco4j.parquet.ParquetReadBenchmark MODE /tmp/pq/ratings-20000000.parquet 3
 * </pre>
 *
 * <p>MODE is {@code duckdb-jdbc} (standard ResultSet), {@code duckdb-chunked} (DuckDB's
 * {@code DuckDBChunkedResult} vectors), {@code parquet-java} (parquet-java column readers on a
 * {@code LocalInputFile}, one thread) or {@code loader} (this module's {@link ParquetLoader}
 * column reading, before the dataset is assembled).
 */
public final class ParquetReadBenchmark {
  private ParquetReadBenchmark() {}

  /** Primitive columns as loaded. */
  record Columns(long[] users, long[] items, float[] ratings, long[] times) {
    long checksum() {
      long h = 0;
      for (int k = 0; k < users.length; k++) {
        h = 31 * h + users[k] * 17 + items[k] * 7 + Float.floatToIntBits(ratings[k]) + times[k];
      }
      return h;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("generate")) {
      generate(Path.of(args[1]), Long.parseLong(args[2]));
      return;
    }
    String mode = args[0];
    Path file = Path.of(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long best = Long.MAX_VALUE;
    Columns c = null;
    for (int r = 0; r < reps; r++) {
      c = null;
      System.gc();
      long t0 = System.nanoTime();
      c = switch (mode) {
        case "duckdb-jdbc" -> duckdbJdbc(file);
        case "duckdb-chunked" -> duckdbChunked(file);
        case "parquet-java" -> parquetJava(file);
        case "loader" -> loader(file);
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      };
      long ms = (System.nanoTime() - t0) / 1_000_000;
      best = Math.min(best, ms);
      System.out.printf("%s run %d: %d ms (%d rows)%n", mode, r + 1, ms, c.users().length);
    }
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
    System.out.printf("%s best %d ms, rows %d, checksum %x, heap after GC %d MiB, peak RSS %s%n",
        mode, best, c.users().length, c.checksum(), heapMb, peakRss());
  }

  static String peakRss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return line.substring(6).strip();
      }
    }
    return "?";
  }

  /** Writes ratings-shaped Parquet files with DuckDB (sorted by user, as MovieLens is). */
  static void generate(Path dir, long rows) throws SQLException, IOException {
    Files.createDirectories(dir);
    Path out = dir.resolve("ratings-" + rows + ".parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("COPY (SELECT (i // 145)::INTEGER AS userId,"
          + " (1 + hash(i * 7 + 1) % 60000)::INTEGER AS movieId,"
          + " ((1 + hash(i * 13 + 5) % 10) / 2.0)::FLOAT AS rating,"
          + " (820000000 + hash(i * 31 + 3) % 700000000)::BIGINT AS \"timestamp\""
          + " FROM range(" + rows + ") t(i)) TO '" + out + "' (FORMAT PARQUET)");
    }
    System.out.println(out + ": " + Files.size(out) + " bytes");
  }

  static Columns duckdbJdbc(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      int n = rowCount(c, file);
      Columns out = new Columns(new long[n], new long[n], new float[n], new long[n]);
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT userId, movieId, rating, \"timestamp\" FROM read_parquet(?)")) {
        ps.setString(1, file.toString());
        try (ResultSet rs = ps.executeQuery()) {
          int k = 0;
          while (rs.next()) {
            out.users()[k] = rs.getLong(1);
            out.items()[k] = rs.getLong(2);
            out.ratings()[k] = rs.getFloat(3);
            out.times()[k] = rs.getLong(4);
            k++;
          }
        }
      }
      return out;
    }
  }

  static Columns duckdbChunked(Path file) throws SQLException {
    try (DuckDBConnection c = DriverManager.getConnection("jdbc:duckdb:")
        .unwrap(DuckDBConnection.class)) {
      int n = rowCount(c, file);
      Columns out = new Columns(new long[n], new long[n], new float[n], new long[n]);
      try (DuckDBPreparedStatement ps = c.prepare(
          "SELECT userId::BIGINT, movieId::BIGINT, rating::FLOAT, \"timestamp\"::BIGINT"
              + " FROM read_parquet(?)")) {
        ps.setString(1, file.toString());
        try (DuckDBChunkedResult res = ps.query()) {
          int k = 0;
          while (res.nextChunk()) {
            DuckDBDataChunkReader chunk = res.chunk();
            int rows = (int) chunk.rowCount();
            DuckDBReadableVector u = chunk.vector(0);
            DuckDBReadableVector i = chunk.vector(1);
            DuckDBReadableVector r = chunk.vector(2);
            DuckDBReadableVector t = chunk.vector(3);
            for (int p = 0; p < rows; p++) {
              out.users()[k + p] = u.getLong(p);
              out.items()[k + p] = i.getLong(p);
              out.ratings()[k + p] = r.getFloat(p);
              out.times()[k + p] = t.getLong(p);
            }
            k += rows;
          }
        }
      }
      return out;
    }
  }

  static int rowCount(Connection c, Path file) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM read_parquet(?)")) {
      ps.setString(1, file.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Math.toIntExact(rs.getLong(1));
      }
    }
  }

  static Columns parquetJava(Path file) throws IOException {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file), options)) {
      MessageType schema = r.getFooter().getFileMetaData().getSchema();
      String createdBy = r.getFooter().getFileMetaData().getCreatedBy();
      int n = Math.toIntExact(r.getRecordCount());
      Columns out = new Columns(new long[n], new long[n], new float[n], new long[n]);
      ColumnDescriptor du = schema.getColumnDescription(new String[] {"userId"});
      ColumnDescriptor di = schema.getColumnDescription(new String[] {"movieId"});
      ColumnDescriptor dr = schema.getColumnDescription(new String[] {"rating"});
      ColumnDescriptor dt = schema.getColumnDescription(new String[] {"timestamp"});
      r.setRequestedSchema(List.of(du, di, dr, dt));
      GroupConverter noop = new NoopConverter(schema.getFieldCount());
      int k = 0;
      PageReadStore pages;
      while ((pages = r.readNextRowGroup()) != null) {
        int rows = Math.toIntExact(pages.getRowCount());
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, noop, schema, createdBy);
        ColumnReader cu = store.getColumnReader(du);
        ColumnReader ci = store.getColumnReader(di);
        ColumnReader cr = store.getColumnReader(dr);
        ColumnReader ct = store.getColumnReader(dt);
        for (int p = 0; p < rows; p++) {
          out.users()[k + p] = cu.getInteger();
          cu.consume();
          out.items()[k + p] = ci.getInteger();
          ci.consume();
          out.ratings()[k + p] = cr.getFloat();
          cr.consume();
          out.times()[k + p] = ct.getLong();
          ct.consume();
        }
        k += rows;
      }
      return out;
    }
  }

  static Columns loader(Path file) throws IOException {
    ParquetLoader.RawColumns c = ParquetLoader.read(file, ParquetColumns.defaults(), 0);
    return new Columns(c.userIds(), c.itemIds(), c.ratings(), c.times());
  }

  /** Column readers need a converter tree even when values are pulled directly. */
  static final class NoopConverter extends GroupConverter {
    private final PrimitiveConverter leaf = new PrimitiveConverter() {};
    private final int fields;

    NoopConverter(int fields) {
      this.fields = fields;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      if (fieldIndex >= fields) {
        throw new IndexOutOfBoundsException(fieldIndex);
      }
      return leaf;
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
