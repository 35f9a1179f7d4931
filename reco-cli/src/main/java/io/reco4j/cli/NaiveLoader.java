package io.reco4j.cli;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.DuplicatePolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The loader reco4j's parser is measured against: what a straightforward implementation does —
 * BufferedReader, String.split, one object per rating, boxed HashMap id maps — then the same
 * CSR build. Only for {@code reco bench load --naive}; never used to load data for real.
 */
final class NaiveLoader {
  private NaiveLoader() {}

  private record Rating(long user, long item, float rating, long timestamp) {}

  static CsrMatrix load(Path file, String delimiter, boolean header) throws IOException {
    List<Rating> ratings = new ArrayList<>();
    Pattern split = Pattern.compile(Pattern.quote(delimiter));
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (header) {
        line = in.readLine();
      }
      for (; line != null; line = in.readLine()) {
        String[] f = split.split(line);
        ratings.add(new Rating(Long.parseLong(f[0]), Long.parseLong(f[1]),
            Float.parseFloat(f[2]), Long.parseLong(f[3])));
      }
    }
    Map<Long, Integer> users = new HashMap<>();
    Map<Long, Integer> items = new HashMap<>();
    int n = ratings.size();
    int[] rows = new int[n];
    int[] cols = new int[n];
    float[] vals = new float[n];
    long[] times = new long[n];
    for (int k = 0; k < n; k++) {
      Rating r = ratings.get(k);
      rows[k] = users.computeIfAbsent(r.user(), x -> users.size());
      cols[k] = items.computeIfAbsent(r.item(), x -> items.size());
      vals[k] = r.rating();
      times[k] = r.timestamp();
    }
    return CsrMatrix.fromCoordinates(users.size(), items.size(), rows, cols, vals, times,
        DuplicatePolicy.LAST, 1);
  }
}
