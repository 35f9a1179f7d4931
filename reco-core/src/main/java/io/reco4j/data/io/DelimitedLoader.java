package io.reco4j.data.io;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.DuplicateEntryException;
import io.reco4j.data.IdIndex;
import io.reco4j.util.Parallel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads a delimited interaction file (CSV, TSV, MovieLens {@code ::}) into a {@link Dataset}.
 *
 * <p>The hot path is byte-level: the file is cut into chunks at line boundaries, each chunk is read
 * with positional reads into a reusable byte buffer and parsed by its own thread straight into
 * primitive columns (no {@code String} per field, no object per line). External ids map to dense
 * indices by a direct-address table when numeric ids are compact (MovieLens), by sorting distinct
 * values otherwise, or through per-chunk byte-slice dictionaries for string ids. The CSR matrix is
 * then filled by a parallel counting-sort scatter in file order, so "last duplicate wins" means
 * last in the file, whatever the thread count.
 *
 * <p>Malformed input — wrong field count, non-numeric or non-finite rating, an id or timestamp
 * that overflows 64 bits, an empty file, a missing header — stops the load with a
 * {@link DataFormatException} naming the file, line and field, or, under {@link OnError#SKIP},
 * is skipped and counted. A UTF-8 byte-order mark, CRLF line ends and blank lines are accepted.
 */
public final class DelimitedLoader {
  private static final int BLOCK = 1 << 20;
  private static final int MAX_EXAMPLES = 5;
  private static final boolean TIMING = System.getenv("RECO4J_TIMING") != null;

  private final Path file;
  private final LoadOptions opts;
  private byte[] delim;
  private Role[] roles;
  private int fieldCount;
  private long dataStart;
  private long headerLines;
  private boolean stringUsers;
  private boolean stringItems;

  private DelimitedLoader(Path file, LoadOptions opts) {
    this.file = file;
    this.opts = opts;
  }

  /** Loads {@code file}; see the class comment. */
  public static LoadResult load(Path file, LoadOptions opts) throws IOException {
    long t0 = System.nanoTime();
    DelimitedLoader l = new DelimitedLoader(file, opts);
    l.inspect();
    return l.run(t0);
  }

  /** A dataset with the statistics of how it was loaded. */
  public record LoadResult(Dataset dataset, LoadStats stats) {}

  // ---------------------------------------------------------------- format detection

  private void inspect() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(file, 0, null, "not a regular file");
    }
    long size = Files.size(file);
    if (size == 0) {
      throw new DataFormatException(file, 0, null, "file is empty");
    }
    byte[] head = new byte[(int) Math.min(size, 1 << 16)];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      readFully(ch, ByteBuffer.wrap(head), 0);
    }
    int off = 0;
    if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF) {
      off = 3; // UTF-8 byte-order mark
    }
    List<String> lines = new ArrayList<>();
    List<Integer> lineEnds = new ArrayList<>();
    int s = off;
    int nonBlank = 0; // sample 6 lines after any leading blank ones
    for (int p = off; p < head.length && nonBlank < 6; p++) {
      if (head[p] == '\n') {
        lines.add(stripCr(new String(head, s, p - s, StandardCharsets.UTF_8)));
        if (nonBlank > 0 || !lines.get(lines.size() - 1).isBlank()) {
          nonBlank++;
        }
        lineEnds.add(p + 1);
        s = p + 1;
      }
    }
    if (nonBlank < 6 && s < head.length && head.length == size) {
      lines.add(stripCr(new String(head, s, head.length - s, StandardCharsets.UTF_8)));
      lineEnds.add(head.length);
    }
    // drop leading blank lines
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size()) {
      throw new DataFormatException(file, 0, null, "no data: the file holds only blank lines");
    }
    String firstLine = lines.get(first);
    String d = opts.delimiter() != null ? unescape(opts.delimiter()) : detectDelimiter(lines, first);
    delim = d.getBytes(StandardCharsets.UTF_8);
    String[] firstFields = split(firstLine, d);
    fieldCount = firstFields.length;
    if (fieldCount < 2) {
      throw new DataFormatException(file, first + 1, null, "expected at least 2 fields separated by "
          + describe(d) + ", found 1" + delimiterHint(firstLine));
    }
    String[] second = first + 1 < lines.size() ? split(lines.get(first + 1), d) : null;
    boolean header = opts.header() != null ? opts.header() : looksLikeHeader(firstFields, second);
    roles = opts.columns().resolve(header ? firstFields : null, fieldCount, file);
    headerLines = first + (header ? 1 : 0);
    int startLine = header ? first + 1 : first;
    dataStart = startLine == 0 ? off : lineEnds.get(startLine - 1);
    if (!header && !opts.columns().needsHeader()) {
      // ids are strings when the first data line has a non-numeric id
      stringUsers = !isInteger(firstFields[indexOf(Role.USER)]);
      stringItems = !isInteger(firstFields[indexOf(Role.ITEM)]);
    } else if (second != null && second.length == fieldCount) {
      stringUsers = !isInteger(second[indexOf(Role.USER)]);
      stringItems = !isInteger(second[indexOf(Role.ITEM)]);
    }
    if (dataStart >= size) {
      throw new DataFormatException(file, 0, null, "no data rows after the header");
    }
  }

  private int indexOf(Role r) {
    for (int k = 0; k < roles.length; k++) {
      if (roles[k] == r) {
        return k;
      }
    }
    return -1;
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static String unescape(String d) {
    return switch (d) {
      case "\\t", "tab", "TAB" -> "\t";
      case "comma" -> ",";
      case "space" -> " ";
      default -> d;
    };
  }

  private static String describe(String d) {
    return switch (d) {
      case "\t" -> "tabs";
      case "," -> "commas";
      case ";" -> "semicolons";
      case "::" -> "'::'";
      default -> "'" + d + "'";
    };
  }

  private static String delimiterHint(String line) {
    for (String c : new String[] {"\t", ",", "::", ";", "|"}) {
      if (line.contains(c)) {
        return "; the line looks " + describe(c).replace("'", "") + "-separated, pass --delimiter "
            + (c.equals("\t") ? "'\\t'" : "'" + c + "'");
      }
    }
    return "";
  }

  private String detectDelimiter(List<String> lines, int first) throws DataFormatException {
    for (String c : new String[] {"::", "\t", ",", ";", "|"}) {
      int n = split(lines.get(first), c).length;
      if (n < 2) {
        continue;
      }
      // the same field count on most sample lines (a malformed line must not hide the format)
      int agree = 0;
      int other = 0;
      for (int k = first + 1; k < lines.size(); k++) {
        if (!lines.get(k).isBlank()) {
          if (split(lines.get(k), c).length == n) {
            agree++;
          } else {
            other++;
          }
        }
      }
      if (agree >= other) {
        return c;
      }
    }
    // a malformed line among the first few must not hide the delimiter: take the first candidate
    // that splits the first line, and let the parse report the bad line with its number
    for (String c : new String[] {"::", "\t", ",", ";", "|"}) {
      if (split(lines.get(first), c).length >= 2) {
        return c;
      }
    }
    throw new DataFormatException(file, first + 1, null,
        "cannot detect the delimiter (tried '::', tab, ',', ';', '|'); pass --delimiter");
  }

  private static String[] split(String line, String d) {
    List<String> out = new ArrayList<>();
    int s = 0;
    boolean inQuotes = false;
    for (int p = 0; p < line.length(); p++) {
      char ch = line.charAt(p);
      if (ch == '"') {
        inQuotes = !inQuotes;
      } else if (!inQuotes && line.startsWith(d, p)) {
        out.add(unquote(line.substring(s, p)));
        p += d.length() - 1;
        s = p + 1;
      }
    }
    out.add(unquote(line.substring(s)));
    return out.toArray(String[]::new);
  }

  private static String unquote(String f) {
    String t = f.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1).replace("\"\"", "\"") : t;
  }

  private static boolean looksLikeHeader(String[] first, String[] second) {
    for (int k = 0; k < first.length; k++) {
      boolean firstNumeric = isNumber(first[k]);
      if (!firstNumeric && (second == null || (k < second.length && isNumber(second[k])))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.strip());
      return !s.isBlank();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isInteger(String s) {
    // digits only, whatever the length: an id that overflows 64 bits is reported by the parse,
    // not taken as a hint that the column holds string ids
    return s.strip().matches("-?[0-9]+");
  }

  // ---------------------------------------------------------------- the parallel parse

  private LoadResult run(long t0) throws IOException {
    long size = Files.size(file);
    int threads = Parallel.resolve(opts.threads());
    long bytes = size - dataStart;
    int chunks = (int) Math.max(1, Math.min(threads * 4L, bytes / (256 * 1024)));
    long[] starts = new long[chunks + 1];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      starts[0] = dataStart;
      starts[chunks] = size;
      for (int k = 1; k < chunks; k++) {
        starts[k] = Math.max(starts[k - 1], nextLineStart(ch, dataStart + bytes * k / chunks, size));
      }
    }
    Chunk[] parts;
    long tParse = System.nanoTime();
    while (true) {
      parts = new Chunk[chunks];
      Chunk[] out = parts;
      long[] st = starts;
      Parallel.forEachBlock(threads, chunks, k -> out[k] = parseChunk(st[k], st[k + 1]));
      // a numeric id column that turned out to hold strings: parse again in string mode
      boolean again = false;
      for (Chunk c : parts) {
        if (c.sawStringUser && !stringUsers) {
          stringUsers = true;
          again = true;
        }
        if (c.sawStringItem && !stringItems) {
          stringItems = true;
          again = true;
        }
      }
      if (!again) {
        break;
      }
    }
    // errors: the earliest one in the file decides under FAIL
    long skipped = 0;
    List<long[]> examples = new ArrayList<>();
    List<String[]> exampleText = new ArrayList<>();
    for (Chunk c : parts) {
      if (c.failOffset >= 0) {
        throw new DataFormatException(file, lineNumberAt(c.failOffset), c.failField, c.failReason);
      }
      skipped += c.skipped;
      for (int e = 0; e < c.exampleCount; e++) {
        if (examples.size() < MAX_EXAMPLES) {
          examples.add(new long[] {c.exampleOffsets[e]});
          exampleText.add(new String[] {c.exampleFields[e], c.exampleReasons[e]});
        }
      }
    }
    List<String> exampleLines = new ArrayList<>();
    for (int e = 0; e < examples.size(); e++) {
      String f = exampleText.get(e)[0];
      exampleLines.add("line " + lineNumberAt(examples.get(e)[0])
          + (f != null ? ", field " + f : "") + ": " + exampleText.get(e)[1]);
    }
    long rows = 0;
    long dataLines = skipped;
    for (Chunk c : parts) {
      rows += c.size;
      dataLines += c.size;
    }
    if (rows > Integer.MAX_VALUE - 8) {
      throw new DataFormatException(file, 0, null, rows + " rows exceed the 2^31 entries a matrix holds");
    }
    if (rows == 0) {
      throw new DataFormatException(file, 0, null, skipped > 0
          ? "no valid rows: all " + skipped + " data lines were malformed, e.g. " + exampleLines.get(0)
          : "no data rows");
    }
    if (TIMING) {
      System.err.printf("parse %.3f s%n", (System.nanoTime() - tParse) / 1e9);
    }
    Dataset ds = assemble(parts, (int) rows, threads);
    long merged = rows - ds.matrix().nnz();
    double secs = (System.nanoTime() - t0) / 1e9;
    return new LoadResult(ds, new LoadStats(dataLines, rows, skipped, exampleLines, merged, secs,
        false));
  }

  private static long nextLineStart(FileChannel ch, long pos, long size) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 << 16);
    long p = pos - 1;
    while (p < size) {
      b.clear();
      int n = ch.read(b, p);
      if (n <= 0) {
        return size;
      }
      for (int k = 0; k < n; k++) {
        if (b.get(k) == '\n') {
          return p + k + 1;
        }
      }
      p += n;
    }
    return size;
  }

  private long lineNumberAt(long offset) throws IOException {
    long lines = 1;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(1 << 16);
      long p = 0;
      while (p < offset) {
        b.clear();
        b.limit((int) Math.min(b.capacity(), offset - p));
        int n = ch.read(b, p);
        if (n <= 0) {
          break;
        }
        for (int k = 0; k < n; k++) {
          if (b.get(k) == '\n') {
            lines++;
          }
        }
        p += n;
      }
    }
    return lines;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) {
        break;
      }
      pos += n;
    }
  }

  /** Columns parsed from one chunk of the file. */
  private static final class Chunk {
    long[] users;
    long[] items;
    float[] ratings;
    long[] times;
    int size;
    ByteDict userDict;
    ByteDict itemDict;
    boolean sawStringUser;
    boolean sawStringItem;
    long failOffset = -1;
    String failField;
    String failReason;
    long skipped;
    int exampleCount;
    long[] exampleOffsets = new long[MAX_EXAMPLES];
    long scanned; // the fast path's last integer
    float scannedFloat; // the fast path's last decimal
    String[] exampleFields = new String[MAX_EXAMPLES];
    String[] exampleReasons = new String[MAX_EXAMPLES];

    Chunk(int capacity, boolean hasRating, boolean hasTime) {
      users = new long[capacity];
      items = new long[capacity];
      ratings = hasRating ? new float[capacity] : null;
      times = hasTime ? new long[capacity] : null;
    }

    void grow() {
      int cap = users.length + (users.length >> 1) + 16;
      users = Arrays.copyOf(users, cap);
      items = Arrays.copyOf(items, cap);
      if (ratings != null) {
        ratings = Arrays.copyOf(ratings, cap);
      }
      if (times != null) {
        times = Arrays.copyOf(times, cap);
      }
    }
  }

  /** A field that cannot be parsed; thrown within a line, caught per line. */
  private static final class BadField extends Exception {
    private static final long serialVersionUID = 1L;
    final int column;

    BadField(int column, String reason) {
      super(reason, null, false, false);
      this.column = column;
    }
  }

  private String fieldName(int column) {
    Role r = column < roles.length ? roles[column] : Role.IGNORE;
    return (r == Role.IGNORE ? "" : "'" + r.label() + "' ") + "(column " + (column + 1) + ")";
  }

  private Chunk parseChunk(long start, long end) {
    boolean hasRating = indexOf(Role.RATING) >= 0;
    boolean hasTime = indexOf(Role.TIMESTAMP) >= 0;
    Chunk c = new Chunk((int) Math.min(Integer.MAX_VALUE - 16, Math.max(16, (end - start) / 20)),
        hasRating, hasTime);
    if (stringUsers) {
      c.userDict = new ByteDict();
    }
    if (stringItems) {
      c.itemDict = new ByteDict();
    }
    byte[] buf = new byte[BLOCK];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long pos = start; // file offset of buf[0]
      int have = 0;
      while (pos + have < end || have > 0) {
        // fill the buffer
        if (pos + have < end && have < buf.length) {
          ByteBuffer bb = ByteBuffer.wrap(buf, have, (int) Math.min(buf.length - have, end - pos - have));
          readFully(ch, bb, pos + have);
          have = bb.position();
        }
        boolean atEnd = pos + have >= end;
        int lineStart = 0;
        while (lineStart < have) {
          int nl = indexOfNewline(buf, lineStart, have);
          if (nl < 0) {
            if (!atEnd) {
              break; // incomplete line: read more
            }
            nl = have; // last line without '\n'
          }
          int lineEnd = nl;
          if (lineEnd > lineStart && buf[lineEnd - 1] == '\r') {
            lineEnd--;
          }
          if (!parseLine(c, buf, lineStart, lineEnd, pos + lineStart)) {
            return c; // failed under FAIL, or switching to string ids
          }
          lineStart = nl + 1;
        }
        if (lineStart == 0 && !atEnd) {
          buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
          continue;
        }
        int rest = Math.max(0, have - lineStart);
        System.arraycopy(buf, Math.min(lineStart, have), buf, 0, rest);
        pos += Math.min(lineStart, have);
        have = rest;
        if (atEnd && rest == 0) {
          break;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return c;
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    for (int p = from; p < to; p++) {
      if (b[p] == '\n') {
        return p;
      }
    }
    return -1;
  }

  /** Parses one line; returns false when the chunk must stop. */
  private boolean parseLine(Chunk c, byte[] b, int s, int e, long offset) {
    if (isBlank(b, s, e)) {
      return true;
    }
    if (c.size == c.users.length) {
      c.grow();
    }
    int row = c.size;
    int p = s;
    int column = 0;
    try {
      while (true) {
        if (column >= fieldCount) {
          throw new BadField(column, "expected " + fieldCount + " fields, found more");
        }
        Role role = roles[column];
        if (role != Role.IGNORE) {
          // fast path: a plain unsigned number parsed in the same pass that finds its end
          int q = role == Role.RATING ? scanDecimal(b, p, e, c) : scanInteger(b, p, e, c);
          if (q > p && (q == e || (b[q] == delim[0] && delimAt(b, q, e)))
              && !(role == Role.USER && stringUsers) && !(role == Role.ITEM && stringItems)) {
            switch (role) {
              case USER -> c.users[row] = c.scanned;
              case ITEM -> c.items[row] = c.scanned;
              case RATING -> c.ratings[row] = c.scannedFloat;
              default -> c.times[row] = c.scanned;
            }
            column++;
            p = q;
            if (p >= e) {
              break;
            }
            p += delim.length;
            continue;
          }
        }
        int fs = p;
        int fe;
        if (p < e && b[p] == '"') {
          int q = p + 1;
          while (q < e && !(b[q] == '"' && (q + 1 >= e || b[q + 1] != '"'))) {
            q += b[q] == '"' ? 2 : 1;
          }
          if (q >= e) {
            throw new BadField(column, "unterminated quote");
          }
          fs = p + 1;
          fe = q;
          p = q + 1;
          if (p < e && !delimAt(b, p, e)) {
            throw new BadField(column, "text after closing quote");
          }
        } else {
          fe = findDelim(b, p, e);
          p = fe;
        }
        switch (roles[column]) {
          case USER -> {
            if (stringUsers) {
              c.users[row] = internId(c.userDict, b, fs, fe, column);
            } else if (!parseId(b, fs, fe, column, c, true, row)) {
              c.sawStringUser = true;
              return false;
            }
          }
          case ITEM -> {
            if (stringItems) {
              c.items[row] = internId(c.itemDict, b, fs, fe, column);
            } else if (!parseId(b, fs, fe, column, c, false, row)) {
              c.sawStringItem = true;
              return false;
            }
          }
          case RATING -> c.ratings[row] = parseRating(b, fs, fe, column);
          case TIMESTAMP -> c.times[row] = parseLong(b, fs, fe, column, "timestamp");
          default -> { }
        }
        column++;
        if (p >= e) {
          break;
        }
        p += delim.length;
      }
      if (column != fieldCount) {
        throw new BadField(column, "expected " + fieldCount + " fields separated by "
            + describe(new String(delim, StandardCharsets.UTF_8)) + ", found " + column);
      }
    } catch (BadField bad) {
      String field = fieldName(bad.column);
      if (opts.onError() == OnError.FAIL) {
        c.failOffset = offset;
        c.failField = field;
        c.failReason = bad.getMessage();
        return false;
      }
      if (c.exampleCount < MAX_EXAMPLES) {
        c.exampleOffsets[c.exampleCount] = offset;
        c.exampleFields[c.exampleCount] = field;
        c.exampleReasons[c.exampleCount] = bad.getMessage();
        c.exampleCount++;
      }
      c.skipped++;
      return true;
    }
    c.size++;
    return true;
  }

  /** Scans 1–18 digits from {@code p}; stores the value in {@code c.scanned}; returns the end. */
  private static int scanInteger(byte[] b, int p, int e, Chunk c) {
    long v = 0;
    int s = p;
    int limit = Math.min(e, p + 18);
    while (p < limit) {
      int d = b[p] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      v = v * 10 + d;
      p++;
    }
    c.scanned = v;
    return p < e && p == limit && b[p] >= '0' && b[p] <= '9' ? s : p; // 19+ digits: slow path
  }

  /**
   * Scans {@code digits[.digits]} with at most 7 digits and 4 decimals, where (double) m / 10^k
   * rounded to float is the correctly rounded value; stores it in {@code c.scannedFloat}.
   * Returns {@code p} itself when the field needs the general parser.
   */
  private static int scanDecimal(byte[] b, int p, int e, Chunk c) {
    int s = p;
    long m = 0;
    int digits = 0;
    int frac = -1;
    for (; p < e; p++) {
      int d = b[p] - '0';
      if (d >= 0 && d <= 9) {
        m = m * 10 + d;
        digits++;
        if (frac >= 0) {
          frac++;
        }
      } else if (b[p] == '.' && frac < 0) {
        frac = 0;
      } else {
        break;
      }
    }
    if (digits == 0 || digits > 7 || frac > 4) {
      return s;
    }
    c.scannedFloat = (float) (frac > 0 ? m / POW10[frac] : m);
    return p;
  }

  private boolean delimAt(byte[] b, int p, int e) {
    if (p + delim.length > e) {
      return false;
    }
    for (int k = 0; k < delim.length; k++) {
      if (b[p + k] != delim[k]) {
        return false;
      }
    }
    return true;
  }

  private int findDelim(byte[] b, int p, int e) {
    byte d0 = delim[0];
    if (delim.length == 1) {
      while (p < e && b[p] != d0) {
        p++;
      }
      return p;
    }
    while (p < e) {
      if (b[p] == d0 && delimAt(b, p, e)) {
        return p;
      }
      p++;
    }
    return e;
  }

  private static boolean isBlank(byte[] b, int s, int e) {
    for (int p = s; p < e; p++) {
      if (b[p] != ' ' && b[p] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static int trimStart(byte[] b, int s, int e) {
    while (s < e && b[s] == ' ') {
      s++;
    }
    return s;
  }

  private static int trimEnd(byte[] b, int s, int e) {
    while (e > s && b[e - 1] == ' ') {
      e--;
    }
    return e;
  }

  private static int internId(ByteDict dict, byte[] b, int s, int e, int column) throws BadField {
    int ts = trimStart(b, s, e);
    int te = trimEnd(b, ts, e);
    if (ts == te) {
      throw new BadField(column, "empty id");
    }
    return dict.intern(b, ts, te);
  }

  /** Parses a numeric id; returns false when the field is not an integer (string ids). */
  private boolean parseId(byte[] b, int s, int e, int column, Chunk c, boolean user, int row)
      throws BadField {
    s = trimStart(b, s, e);
    e = trimEnd(b, s, e);
    if (s == e) {
      throw new BadField(column, "empty id");
    }
    boolean neg = b[s] == '-';
    int p = neg ? s + 1 : s;
    if (p == e) {
      return false;
    }
    long v = 0;
    for (; p < e; p++) {
      int d = b[p] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw new BadField(column, "id '" + new String(b, s, e - s, StandardCharsets.UTF_8)
            + "' overflows a 64-bit integer");
      }
      v = v * 10 + d;
    }
    if (user) {
      c.users[row] = neg ? -v : v;
    } else {
      c.items[row] = neg ? -v : v;
    }
    return true;
  }

  private static long parseLong(byte[] b, int s, int e, int column, String what) throws BadField {
    s = trimStart(b, s, e);
    e = trimEnd(b, s, e);
    if (s == e) {
      throw new BadField(column, "empty " + what);
    }
    boolean neg = b[s] == '-';
    int p = neg || b[s] == '+' ? s + 1 : s;
    if (p == e) {
      throw new BadField(column, what + " '" + text(b, s, e) + "' is not an integer");
    }
    long v = 0;
    for (; p < e; p++) {
      int d = b[p] - '0';
      if (d < 0 || d > 9) {
        throw new BadField(column, what + " '" + text(b, s, e) + "' is not an integer");
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw new BadField(column, what + " '" + text(b, s, e) + "' overflows a 64-bit integer");
      }
      v = v * 10 + d;
    }
    return neg ? -v : v;
  }

  private static final double[] POW10 = {1, 10, 100, 1000, 10000};

  /**
   * Parses a rating. The fast path covers up to 7 significant digits with up to 4 decimals, where
   * (double) m / 10^k rounded to float equals the correctly rounded decimal; anything else goes
   * through {@link Float#parseFloat}.
   */
  private static float parseRating(byte[] b, int s, int e, int column) throws BadField {
    s = trimStart(b, s, e);
    e = trimEnd(b, s, e);
    if (s == e) {
      throw new BadField(column, "empty rating");
    }
    int p = s;
    boolean neg = b[p] == '-';
    if (neg || b[p] == '+') {
      p++;
    }
    long m = 0;
    int digits = 0;
    int frac = -1;
    boolean fast = p < e;
    for (; p < e; p++) {
      byte ch = b[p];
      if (ch >= '0' && ch <= '9') {
        m = m * 10 + (ch - '0');
        digits++;
        if (frac >= 0) {
          frac++;
        }
        if (digits > 7) {
          fast = false;
          break;
        }
      } else if (ch == '.' && frac < 0) {
        frac = 0;
      } else {
        fast = false;
        break;
      }
    }
    if (fast && digits > 0 && frac <= 4) {
      double v = frac > 0 ? m / POW10[frac] : m;
      return (float) (neg ? -v : v);
    }
    String t = text(b, s, e);
    for (int k = 0; k < t.length(); k++) {
      char ch = t.charAt(k);
      if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == 'e' || ch == 'E' || ch == '-'
          || ch == '+')) {
        throw new BadField(column, "rating '" + t + "' is not a number");
      }
    }
    float v;
    try {
      v = Float.parseFloat(t);
    } catch (NumberFormatException ex) {
      throw new BadField(column, "rating '" + t + "' is not a number");
    }
    if (!Float.isFinite(v)) {
      throw new BadField(column, "rating '" + t + "' overflows a 32-bit float");
    }
    return v;
  }

  private static String text(byte[] b, int s, int e) {
    String t = new String(b, s, Math.min(e - s, 64), StandardCharsets.UTF_8);
    return e - s > 64 ? t + "…" : t;
  }

  // ---------------------------------------------------------------- ids and CSR

  private Dataset assemble(Chunk[] parts, int rows, int threads) throws DataFormatException {
    long t0 = System.nanoTime();
    int[][] rowIdx = new int[parts.length][];
    int[][] colIdx = new int[parts.length][];
    IdIndex users = stringUsers
        ? mapStrings("user", parts, true, rowIdx, threads)
        : mapNumeric("user", parts, true, rowIdx, rows, threads);
    IdIndex items = stringItems
        ? mapStrings("item", parts, false, colIdx, threads)
        : mapNumeric("item", parts, false, colIdx, rows, threads);
    int nu = users.size();
    long t1 = System.nanoTime();
    if (TIMING) {
      System.err.printf("ids %.3f s%n", (t1 - t0) / 1e9);
    }
    boolean hasRating = parts[0].ratings != null;
    boolean hasTime = parts[0].times != null;
    // per-chunk counts per user, then exclusive offsets in (user, chunk) order
    int[][] counts = new int[parts.length][];
    Parallel.forEachBlock(threads, parts.length, k -> {
      int[] cnt = new int[nu];
      int[] r = rowIdx[k];
      for (int j = 0, n = parts[k].size; j < n; j++) {
        cnt[r[j]]++;
      }
      counts[k] = cnt;
    });
    int[] rowPtr = new int[nu + 1];
    for (int u = 0; u < nu; u++) {
      int acc = rowPtr[u];
      for (int[] cnt : counts) {
        int c = cnt[u];
        cnt[u] = acc; // becomes the chunk's write cursor for user u
        acc += c;
      }
      rowPtr[u + 1] = acc;
    }
    int[] col = new int[rows];
    float[] val = new float[rows];
    long[] time = hasTime ? new long[rows] : null;
    Parallel.forEachBlock(threads, parts.length, k -> {
      Chunk c = parts[k];
      int[] cursor = counts[k];
      int[] r = rowIdx[k];
      int[] ci = colIdx[k];
      for (int j = 0, n = c.size; j < n; j++) {
        int q = cursor[r[j]]++;
        col[q] = ci[j];
        val[q] = hasRating ? c.ratings[j] : 1f;
        if (time != null) {
          time[q] = c.times[j];
        }
      }
      rowIdx[k] = null;
      colIdx[k] = null;
      parts[k] = null; // release the chunk's columns early
    });
    long t2 = System.nanoTime();
    if (TIMING) {
      System.err.printf("scatter %.3f s%n", (t2 - t1) / 1e9);
    }
    CsrMatrix m;
    try {
      m = CsrMatrix.fromRowGrouped(nu, items.size(), rowPtr, col, val, time, opts.duplicates(),
          threads);
    } catch (DuplicateEntryException e) {
      throw new DataFormatException(file, 0, null, "duplicate (user, item) pair: user "
          + users.idOf(e.row()) + ", item " + items.idOf(e.col())
          + " occurs more than once; pass --duplicates last, first, sum or mean to merge repeats");
    }
    if (TIMING) {
      System.err.printf("sort rows + timestamps %.3f s%n", (System.nanoTime() - t2) / 1e9);
    }
    String name = file.getFileName().toString();
    return new Dataset(name, users, items, m, hasRating, null);
  }

  private static long[] column(Chunk c, boolean user) {
    return user ? c.users : c.items;
  }

  private static IdIndex mapNumeric(String kind, Chunk[] parts, boolean user, int[][] out,
      int rows, int threads) {
    long[] mins = new long[parts.length];
    long[] maxs = new long[parts.length];
    Parallel.forEachBlock(threads, parts.length, k -> {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      long[] v = column(parts[k], user);
      for (int j = 0, n = parts[k].size; j < n; j++) {
        lo = Math.min(lo, v[j]);
        hi = Math.max(hi, v[j]);
      }
      mins[k] = lo;
      maxs[k] = hi;
    });
    long min = Arrays.stream(mins).min().orElse(0);
    long max = Arrays.stream(maxs).max().orElse(0);
    long range = max - min + 1;
    if (range > 0 && range <= Math.max(1L << 20, 16L * rows) && range <= (1L << 28)) {
      // compact ids: a direct-address table
      int[] table = new int[(int) range];
      long base = min;
      Parallel.forEachBlock(threads, parts.length, k -> {
        long[] v = column(parts[k], user);
        for (int j = 0, n = parts[k].size; j < n; j++) {
          table[(int) (v[j] - base)] = 1;
        }
      });
      int n = 0;
      for (int t = 0; t < table.length; t++) {
        if (table[t] != 0) {
          n++;
        }
      }
      long[] ids = new long[n];
      int d = 0;
      for (int t = 0; t < table.length; t++) {
        if (table[t] != 0) {
          ids[d] = base + t;
          table[t] = d++;
        }
      }
      Parallel.forEachBlock(threads, parts.length, k -> {
        long[] v = column(parts[k], user);
        int[] r = new int[parts[k].size];
        for (int j = 0; j < r.length; j++) {
          r[j] = table[(int) (v[j] - base)];
        }
        out[k] = r;
      });
      return IdIndex.ofNumeric(kind, ids);
    }
    // sparse ids: distinct values by sorting, then binary search
    long[][] distinct = new long[parts.length][];
    Parallel.forEachBlock(threads, parts.length, k -> {
      long[] v = Arrays.copyOf(column(parts[k], user), parts[k].size);
      Arrays.sort(v);
      distinct[k] = dedupSorted(v);
    });
    long[] all = dedupSorted(Arrays.stream(distinct).flatMapToLong(Arrays::stream).sorted()
        .toArray());
    Parallel.forEachBlock(threads, parts.length, k -> {
      long[] v = column(parts[k], user);
      int[] r = new int[parts[k].size];
      for (int j = 0; j < r.length; j++) {
        r[j] = Arrays.binarySearch(all, v[j]);
      }
      out[k] = r;
    });
    return IdIndex.ofNumeric(kind, all);
  }

  private static long[] dedupSorted(long[] v) {
    int m = 0;
    for (int j = 0; j < v.length; j++) {
      if (j == 0 || v[j] != v[j - 1]) {
        v[m++] = v[j];
      }
    }
    return Arrays.copyOf(v, m);
  }

  private static IdIndex mapStrings(String kind, Chunk[] parts, boolean user, int[][] out,
      int threads) {
    String[][] local = new String[parts.length][];
    for (int k = 0; k < parts.length; k++) {
      local[k] = (user ? parts[k].userDict : parts[k].itemDict).strings();
    }
    String[] all = Arrays.stream(local).flatMap(Arrays::stream).distinct().sorted()
        .toArray(String[]::new);
    Parallel.forEachBlock(threads, parts.length, k -> {
      int[] toGlobal = new int[local[k].length];
      for (int j = 0; j < toGlobal.length; j++) {
        toGlobal[j] = Arrays.binarySearch(all, local[k][j]);
      }
      long[] v = column(parts[k], user);
      int[] r = new int[parts[k].size];
      for (int j = 0; j < r.length; j++) {
        r[j] = toGlobal[(int) v[j]];
      }
      out[k] = r;
    });
    return IdIndex.ofStrings(kind, all);
  }

  /** Interns byte slices to dense local ids: an open-addressing table over a byte arena. */
  static final class ByteDict {
    private byte[] arena = new byte[1 << 12];
    private int arenaSize;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int count;
    private int[] table = new int[128]; // local id + 1, 0 = empty

    int intern(byte[] b, int s, int e) {
      int h = 1;
      for (int p = s; p < e; p++) {
        h = 31 * h + b[p];
      }
      h ^= h >>> 16;
      int mask = table.length - 1;
      for (int slot = h & mask; ; slot = (slot + 1) & mask) {
        int id = table[slot] - 1;
        if (id < 0) {
          return add(b, s, e, slot);
        }
        if (Arrays.equals(arena, starts[id], ends[id], b, s, e)) {
          return id;
        }
      }
    }

    private int add(byte[] b, int s, int e, int slot) {
      int len = e - s;
      if (arenaSize + len > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + len));
      }
      System.arraycopy(b, s, arena, arenaSize, len);
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      starts[count] = arenaSize;
      ends[count] = arenaSize + len;
      arenaSize += len;
      table[slot] = ++count;
      if (count * 2 > table.length) {
        rehash();
      }
      return count - 1;
    }

    private void rehash() {
      int[] t = new int[table.length * 2];
      int mask = t.length - 1;
      for (int id = 0; id < count; id++) {
        int h = 1;
        for (int p = starts[id]; p < ends[id]; p++) {
          h = 31 * h + arena[p];
        }
        h ^= h >>> 16;
        int slot = h & mask;
        while (t[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        t[slot] = id + 1;
      }
      table = t;
    }

    String[] strings() {
      String[] out = new String[count];
      for (int id = 0; id < count; id++) {
        out[id] = new String(arena, starts[id], ends[id] - starts[id], StandardCharsets.UTF_8);
      }
      return out;
    }
  }
}
