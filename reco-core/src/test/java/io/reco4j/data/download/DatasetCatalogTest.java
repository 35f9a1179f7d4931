package io.reco4j.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetCatalogTest {

  @Test
  void theCatalogListsTheMovieLensArchivesInOrder() {
    assertThat(DatasetCatalog.names()).containsExactly(
        "ml-100k", "ml-1m", "ml-latest-small", "ml-20m", "ml-25m", "ml-32m");
    for (CatalogEntry e : DatasetCatalog.all()) {
      assertThat(e.fileName()).isEqualTo(e.name() + ".zip");
      assertThat(e.folderInZip()).isEqualTo(e.name());
    }
  }

  @Test
  void everyArchiveButMl32mHasAPinWithItsSourceAndSize() {
    for (CatalogEntry e : DatasetCatalog.all()) {
      if (e.name().equals("ml-32m")) {
        assertThat(e.pinned()).isFalse();
        assertThat(e.knownSize()).isEmpty();
      } else {
        assertThat(e.pinned()).as(e.name()).isTrue();
        assertThat(e.sha256()).matches("[0-9a-f]{64}");
        assertThat(e.pinSource()).contains("url_checksums/movielens.txt");
        assertThat(e.knownSize()).isPresent();
      }
    }
    assertThat(DatasetCatalog.get("ml-100k").sha256())
        .isEqualTo("50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229");
    assertThat(DatasetCatalog.get("ml-100k").expectedSize()).isEqualTo(4_924_029L);
    assertThat(DatasetCatalog.get("ml-100k").ratingsFile()).isEqualTo("u.data");
    assertThat(DatasetCatalog.get("ml-1m").ratingsFile()).isEqualTo("ratings.dat");
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThat(DatasetCatalog.find("ml-10m")).isEmpty();
    assertThatThrownBy(() -> DatasetCatalog.get("ml-10m"))
        .hasMessageContaining("unknown dataset 'ml-10m'")
        .hasMessageContaining("ml-100k, ml-1m, ml-latest-small, ml-20m, ml-25m, ml-32m");
  }

  @Test
  void entriesRejectPathsAndMalformedPins() {
    assertThatThrownBy(() -> new CatalogEntry("../x", "x.zip", -1, "x", "r", null, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CatalogEntry("x", "x.zip", -1, "a/b", "r", null, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CatalogEntry("x", "x.zip", -1, "x", "r", "abc", ""))
        .hasMessageContaining("64 hex digits");
    assertThat(new CatalogEntry("x", "x.zip", -1, "x", "r", "AB".repeat(32), null).sha256())
        .isEqualTo("ab".repeat(32));
  }
}
