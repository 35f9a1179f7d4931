package io.reco4j.data.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Zip-slip protection checked against a naive reference on generated entry names. */
class UnzipPropertiesTest {

  @Provide
  Arbitrary<String> entryNames() {
    Arbitrary<String> segment = Arbitraries.of("..", ".", "a", "b", "");
    return segment.list().ofMinSize(1).ofMaxSize(5).map(s -> String.join("/", s))
        .filter(s -> !s.isEmpty());
  }

  /**
   * Reference: an entry is safe when, read segment by segment, it never climbs above the target
   * and ends strictly below it. (With the generated segments a path that climbs above the target
   * cannot come back into it, so "never climbs above" is exact here.)
   */
  static boolean referenceRejects(String name) {
    if (name.startsWith("/")) {
      return true;
    }
    int depth = 0;
    for (String seg : name.split("/")) {
      if (seg.equals("..")) {
        depth--;
        if (depth < 0) {
          return true;
        }
      } else if (!seg.isEmpty() && !seg.equals(".")) {
        depth++;
      }
    }
    return depth == 0;
  }

  @Property(tries = 200)
  void unzipWritesOnlyInsideTheTargetOrRejectsTheArchive(@ForAll("entryNames") String name)
      throws IOException {
    Path work = Files.createTempDirectory("reco4j-unzip-prop");
    try {
      Path target = Files.createDirectories(work.resolve("x/y/target"));
      Map<String, String> entries = new LinkedHashMap<>();
      entries.put(name, "data");
      Path zip = Files.write(work.resolve("a.zip"), TestArchives.zip(entries));
      boolean rejected;
      try {
        DatasetDownloader.unzip(zip, target, URI.create("http://127.0.0.1/a.zip"));
        rejected = false;
      } catch (DownloadException e) {
        rejected = true;
      }
      List<Path> outside;
      try (Stream<Path> s = Files.walk(work)) {
        outside = s.filter(p -> !p.startsWith(target) && !p.equals(zip)
            && !target.startsWith(p)).toList();
      }
      assertThat(outside).as("files written outside the target").isEmpty();
      assertThat(rejected).as("rejected '%s'", name).isEqualTo(referenceRejects(name));
    } finally {
      try (Stream<Path> s = Files.walk(work)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
