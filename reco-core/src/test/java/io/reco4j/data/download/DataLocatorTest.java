package io.reco4j.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
  @TempDir Path tmp;

  private Path cwd;
  private Path dataDir;
  private Path cwdShared;
  private Path propShared;

  @BeforeEach
  void layout() throws IOException {
    // tmp/repo is the working directory, so tmp/shared/data is its ../shared/data
    cwd = Files.createDirectories(tmp.resolve("repo"));
    dataDir = tmp.resolve("reco-data");
    cwdShared = tmp.resolve("shared/data");
    propShared = tmp.resolve("elsewhere/shared/data");
  }

  private DataLocator locator() {
    return new DataLocator(cwd, dataDir, DataLocator.defaultSharedDataDirs(
        cwd, tmp.resolve("elsewhere/shared").toString(), null));
  }

  private static Path install(Path dir, String name, String ratingsFile) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.writeString(folder.resolve(ratingsFile), "1\t2\t3\t4\n");
    return folder;
  }

  @Test
  void anExistingFileOrFolderIsTakenAsGiven() throws IOException {
    Path file = Files.writeString(cwd.resolve("ratings.csv"), "u,i,r\n");
    Path folder = Files.createDirectories(tmp.resolve("my-movielens"));

    assertThat(locator().locate("ratings.csv")).isEqualTo(file);
    assertThat(locator().locate(file.toString())).isEqualTo(file);
    assertThat(locator().locate(folder.toString())).isEqualTo(folder);
    assertThat(locator().locate("../my-movielens")).isEqualTo(folder);
  }

  @Test
  void anExistingPathWinsOverAnInstalledDatasetOfTheSameName() throws IOException {
    Path local = install(cwd, "ml-100k", "u.data");
    install(dataDir, "ml-100k", "u.data");

    assertThat(locator().locate("ml-100k")).isEqualTo(local);
  }

  @Test
  void aNameIsLookedUpInTheDataDirectoryBeforeTheSharedOnes() throws IOException {
    Path mine = install(dataDir, "ml-100k", "u.data");
    install(cwdShared, "ml-100k", "u.data");
    install(propShared, "ml-100k", "u.data");

    assertThat(locator().locate("ml-100k")).isEqualTo(mine);
  }

  @Test
  void aNameFallsBackToSharedDataBesideTheWorkingDirectoryThenToTheProperty() throws IOException {
    Path besideCwd = install(cwdShared, "ml-latest-small", "ratings.csv");
    Path viaProperty = install(propShared, "ml-1m", "ratings.dat");

    assertThat(locator().locate("ml-latest-small")).isEqualTo(besideCwd);
    assertThat(locator().locate("ml-1m")).isEqualTo(viaProperty);
  }

  @Test
  void aCatalogFolderWithoutItsRatingsFileIsPassedOver() throws IOException {
    Files.createDirectories(dataDir.resolve("ml-100k"));
    Path shared = install(cwdShared, "ml-100k", "u.data");

    assertThat(locator().locate("ml-100k")).isEqualTo(shared);
  }

  @Test
  void aNameOutsideTheCatalogOnlyNeedsItsFolder() throws IOException {
    Path lastfm = Files.createDirectories(cwdShared.resolve("hetrec2011-lastfm-2k"));

    assertThat(locator().locate("hetrec2011-lastfm-2k")).isEqualTo(lastfm);
  }

  @Test
  void aMissingCatalogDatasetSaysWhereItLookedAndHowToDownloadIt() throws IOException {
    Files.createDirectories(dataDir.resolve("ml-1m")); // half there: no ratings.dat

    assertThatThrownBy(() -> locator().locate("ml-1m"))
        .isInstanceOfSatisfying(DataNotFoundException.class, e -> {
          assertThat(e.argument()).isEqualTo("ml-1m");
          assertThat(e.searched()).containsExactly(cwd.resolve("ml-1m"), dataDir.resolve("ml-1m"),
              cwdShared.resolve("ml-1m"), propShared.resolve("ml-1m"));
        })
        .hasMessageContaining("data 'ml-1m' not found; looked in:")
        .hasMessageContaining(cwd.resolve("ml-1m").toString())
        .hasMessageContaining(dataDir.resolve("ml-1m") + "  (folder exists but has no ratings.dat)")
        .hasMessageContaining(cwdShared.resolve("ml-1m").toString())
        .hasMessageContaining(propShared.resolve("ml-1m").toString())
        .hasMessageContaining("reco data download ml-1m")
        .hasMessageContaining("--data PATH");
  }

  @Test
  void aMissingUnknownNameSuggestsDataPathAndTheCatalog() {
    assertThatThrownBy(() -> locator().locate("netflix"))
        .isInstanceOf(DataNotFoundException.class)
        .hasMessageContaining(dataDir.resolve("netflix").toString())
        .hasMessageContaining("--data PATH")
        .hasMessageContaining("ml-100k, ml-1m")
        .hasMessageNotContaining("reco data download netflix");
  }

  @Test
  void aMissingPathIsNotLookedUpAsADatasetName() {
    assertThatThrownBy(() -> locator().locate("data/ratings.csv"))
        .isInstanceOfSatisfying(DataNotFoundException.class,
            e -> assertThat(e.searched()).containsExactly(cwd.resolve("data/ratings.csv")))
        .hasMessageContaining("--data PATH");
  }

  @Test
  void sharedDirectoriesComeFromTheWorkingDirectoryAndBothProperties() {
    Path root = tmp.resolve("checkout/repo");

    assertThat(DataLocator.defaultSharedDataDirs(cwd, null, null))
        .containsExactly(cwdShared);
    assertThat(DataLocator.defaultSharedDataDirs(cwd, "/opt/shared", root.toString()))
        .containsExactly(cwdShared, Path.of("/opt/shared/data"), tmp.resolve("checkout/shared/data"));
    // the same directory reached twice is tried once
    assertThat(DataLocator.defaultSharedDataDirs(cwd, "../shared", cwd.toString()))
        .containsExactly(cwdShared);
  }

  @Test
  void theBuildsSharedMovieLensIsFoundByName() {
    String root = System.getProperty(DataLocator.ROOT_PROPERTY);
    assumeThat(root).isNotNull();
    Path shared = Path.of(root).resolve("../shared/data/ml-100k/u.data").normalize();
    assumeThat(Files.isRegularFile(shared)).isTrue();
    DataLocator l = new DataLocator(tmp, tmp.resolve("empty"),
        DataLocator.defaultSharedDataDirs(tmp, null, root));

    assertThat(l.locate("ml-100k")).isEqualTo(shared.getParent());
  }

  @Test
  void dataDirectoryAndMirrorComeFromTheEnvironment() {
    assertThat(DataDirs.defaultDataDir(java.util.Map.of(), "/home/ada"))
        .isEqualTo(Path.of("/home/ada/.reco4j/data"));
    assertThat(DataDirs.defaultDataDir(java.util.Map.of("RECO_DATA", "/srv/reco"), "/home/ada"))
        .isEqualTo(Path.of("/srv/reco"));
    assertThat(DataDirs.defaultDataDir(java.util.Map.of("RECO_DATA", "  "), "/home/ada"))
        .isEqualTo(Path.of("/home/ada/.reco4j/data"));
    assertThat(DataDirs.defaultBaseUrl(java.util.Map.of()))
        .hasToString(DatasetCatalog.GROUPLENS_BASE_URL);
    assertThat(DataDirs.defaultBaseUrl(java.util.Map.of("RECO4J_MIRROR", "http://127.0.0.1:8/ml")))
        .hasToString("http://127.0.0.1:8/ml/");
    assertThatThrownBy(() -> DataDirs.baseUrl("ftp://example.invalid/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
