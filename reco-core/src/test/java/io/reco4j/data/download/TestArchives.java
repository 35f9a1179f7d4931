package io.reco4j.data.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small zip archives in memory for the download tests. */
final class TestArchives {
  private TestArchives() {}

  /** A zip holding the given entries (name to UTF-8 text); names ending in '/' are folders. */
  static byte[] zip(Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        if (!e.getKey().endsWith("/")) {
          zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A fake ml-100k archive: a folder with u.data (tab-separated ratings) and u.item. */
  static Map<String, String> fakeMl100k() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ml-100k/", "");
    m.put("ml-100k/u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
    m.put("ml-100k/u.item", "1|Toy Story (1995)|01-Jan-1995||http://example|0|0|0\n");
    return m;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
