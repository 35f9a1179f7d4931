package io.reco4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.download.DatasetCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every experiment file shipped in {@code experiments/} loads and validates, names datasets that
 * exist (a {@code reco data download} catalog name, or {@code bench-data/synth-20m.csv}, which
 * {@code reco data synth} writes), and its header comment gives the command that runs it and a
 * pointer to the results. No training: fast.
 */
class ShippedExperimentsTest {
  /** Paths the experiment files may name besides catalog datasets, each written by a command. */
  private static final Set<String> GENERATED = Set.of("bench-data/synth-20m.csv");

  private static Path experimentsDir() {
    String root = System.getProperty("reco4j.root");
    Path base = root != null && !root.isBlank() ? Path.of(root) : Path.of("..");
    Path dir = base.resolve("experiments").toAbsolutePath().normalize();
    assertThat(dir).as("the shipped experiments folder").isDirectory();
    return dir;
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(experimentsDir())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void theReadmeAndReproductionFilesAreAllThere() throws IOException {
    assertThat(files()).extracting(p -> p.getFileName().toString()).contains(
        "ml100k-rating.yaml", "ml100k-implicit.yaml",
        "surprise-ml100k.yaml", "surprise-ml-latest-small.yaml",
        "implicit-ml100k.yaml", "implicit-ml-latest-small.yaml",
        "heldout-users-ml100k.yaml", "heldout-users-ml-latest-small.yaml",
        "heldout-users-ml20m.yaml", "heldout-users-synth20m.yaml");
  }

  @Test
  void everyShippedFileLoadsValidatesAndNamesKnownDatasets() throws IOException {
    for (Path f : files()) {
      ExperimentSpec spec = ExperimentSpec.load(f);
      String name = f.getFileName().toString().replace(".yaml", "");
      assertThat(spec.name()).as("%s: name", f).isEqualTo(name);
      assertThat(spec.runs()).as("%s: runs", f).isNotEmpty();
      for (ExperimentSpec.DatasetSpec d : spec.datasets()) {
        assertThat(DatasetCatalog.names().contains(d.data()) || GENERATED.contains(d.data()))
            .as("%s: dataset '%s' is neither a catalog name %s nor one of %s", f, d.data(),
                DatasetCatalog.names(), GENERATED)
            .isTrue();
      }
    }
  }

  @Test
  void everyFileDocumentsTheCommandThatRunsIt() throws IOException {
    Pattern command = Pattern.compile("\\./reco experiment run experiments/([\\w.-]+\\.yaml)");
    for (Path f : files()) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      assertThat(text).as("%s starts with a comment", f).startsWith("#");
      Matcher m = command.matcher(text);
      assertThat(m.find()).as("%s: header gives its ./reco experiment run command", f).isTrue();
      assertThat(m.group(1)).as("%s: the command runs this file", f)
          .isEqualTo(f.getFileName().toString());
    }
  }

  @Test
  void theHeldOutUsersFilesUseLiangsPreprocessingAndMetrics() throws IOException {
    for (Path f : files()) {
      if (!f.getFileName().toString().startsWith("heldout-users-")) {
        continue;
      }
      ExperimentSpec spec = ExperimentSpec.load(f);
      assertThat(spec.datasets()).as("%s", f).allSatisfy(d -> {
        assertThat(d.implicit()).isTrue();
        assertThat(d.minRating()).isEqualTo(4f);
        assertThat(d.minUserInteractions()).isEqualTo(5);
      });
      assertThat(spec.splits()).as("%s", f).allSatisfy(s -> assertThat(s)
          .startsWith("heldout-users:").endsWith(":0.2:seen-items:floor"));
      assertThat(spec.candidates()).as("%s", f).isEqualTo("train-items");
      assertThat(spec.metrics()).as("%s", f)
          .containsExactly("trecall@20", "trecall@50", "ndcg@100");
    }
  }
}
