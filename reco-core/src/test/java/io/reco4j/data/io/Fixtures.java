package io.reco4j.data.io;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: the bad-input corpus, the shared data folder, and datasets as entry lists. */
final class Fixtures {
  private Fixtures() {}

  /** A file of the {@code bad-input} corpus (test resources). */
  static Path badInput(String name) {
    URL url = Fixtures.class.getResource("/bad-input/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shared data folder {@code ../shared/data} next to the repository root. */
  static Path sharedData() {
    String root = System.getProperty("reco4j.root", ".");
    return Path.of(root, "..", "shared", "data").toAbsolutePath().normalize();
  }

  /** An entry as text: {@code userId,itemId,value[,timestamp]}. */
  static String entry(String userId, String itemId, float value, Long time) {
    return userId + "," + itemId + "," + value + (time != null ? "," + time : "");
  }

  /**
   * Every stored entry of a dataset as {@code userId,itemId,value[,timestamp]}, in row-major
   * order (users and items by dense index).
   */
  static List<String> entries(Dataset d) {
    CsrMatrix m = d.matrix();
    List<String> out = new ArrayList<>(m.nnz());
    for (int u = 0; u < m.rows(); u++) {
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        out.add(entry(d.users().idOf(u), d.items().idOf(m.colIdx()[p]), m.values()[p],
            m.hasTimestamps() ? m.timestamps().get(p) : null));
      }
    }
    return out;
  }
}
