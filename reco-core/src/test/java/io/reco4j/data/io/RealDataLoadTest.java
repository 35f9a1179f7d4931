package io.reco4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reco4j.data.Dataset;
import io.reco4j.data.ItemMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The loaders on the real datasets in {@code ../shared/data}. */
class RealDataLoadTest {

  private static Path data(String name) {
    Path p = Fixtures.sharedData().resolve(name);
    assumeTrue(Files.exists(p), "shared data " + p + " is not present");
    return p;
  }

  @Test
  void movieLens100kLoadsAllRatingsWithTitlesAndGenres() throws IOException {
    Path dir = data("ml-100k");
    assertThat(MovieLens.detect(dir)).isEqualTo(MovieLens.Format.ML_100K);
    DelimitedLoader.LoadResult r = MovieLens.load(dir, LoadOptions.defaults().withThreads(2));
    Dataset d = r.dataset();
    assertThat(d.userCount()).isEqualTo(943);
    assertThat(d.itemCount()).isEqualTo(1682);
    assertThat(d.size()).isEqualTo(100_000);
    assertThat(r.stats().rows()).isEqualTo(100_000);
    assertThat(r.stats().skipped()).isZero();
    assertThat(d.explicit()).isTrue();
    int u = d.users().require("196");
    int i = d.items().require("242");
    assertThat(d.matrix().get(u, i)).isEqualTo(3f);
    int p = java.util.Arrays.binarySearch(d.matrix().colIdx(), d.matrix().rowStart(u),
        d.matrix().rowEnd(u), i);
    assertThat(d.matrix().timestamps().get(p)).isEqualTo(881_250_949L);
    ItemMetadata meta = d.metadata();
    int toyStory = d.items().require("1");
    assertThat(meta.title(toyStory)).isEqualTo("Toy Story (1995)");
    assertThat(meta.genresOf(toyStory)).containsExactly("Animation", "Children's", "Comedy");
    assertThat(meta.titledCount()).isEqualTo(1682);
  }

  @Test
  void movieLens100kLoadsTheSameFromTheRatingsFileAndFromTheFolder() throws IOException {
    Path dir = data("ml-100k");
    Dataset fromDir = MovieLens.load(dir, LoadOptions.defaults().withThreads(1)).dataset();
    Dataset fromFile = MovieLens.load(dir.resolve("u.data"), LoadOptions.defaults().withThreads(4))
        .dataset();
    assertThat(fromFile.fingerprint()).isEqualTo(fromDir.fingerprint());
    Dataset plain = DelimitedLoader.load(dir.resolve("u.data"), LoadOptions.defaults()).dataset();
    assertThat(plain.matrix()).isEqualTo(fromDir.matrix());
    assertThat(plain.metadata()).isNull();
  }

  @Test
  void movieLensLatestSmallLoadsWithTitlesGenresAndTags() throws IOException {
    Path dir = data("ml-latest-small");
    assertThat(MovieLens.detect(dir)).isEqualTo(MovieLens.Format.CSV);
    DelimitedLoader.LoadResult r = MovieLens.load(dir, LoadOptions.defaults().withThreads(2));
    Dataset d = r.dataset();
    assertThat(d.userCount()).isEqualTo(610);
    assertThat(d.itemCount()).isEqualTo(9724);
    assertThat(d.size()).isEqualTo(100_836);
    assertThat(d.matrix().hasTimestamps()).isTrue();
    ItemMetadata meta = d.metadata();
    int toyStory = d.items().require("1");
    assertThat(meta.title(toyStory)).isEqualTo("Toy Story (1995)");
    assertThat(meta.genresOf(toyStory))
        .containsExactly("Adventure", "Animation", "Children", "Comedy", "Fantasy");
    assertThat(meta.tagsOf(toyStory)).containsExactly("pixar", "fun");
    assertThat(meta.titledCount()).isEqualTo(9724);
    long tagged = java.util.stream.IntStream.range(0, d.itemCount())
        .filter(i -> !meta.tagsOf(i).isEmpty()).count();
    assertThat(tagged).isGreaterThan(1000);
  }

  @Test
  void lastFmUserArtistsLoadsWithItsHeaderAndCrlfLineEnds() throws IOException {
    Path file = data("hetrec2011-lastfm-2k").resolve("user_artists.dat");
    DelimitedLoader.LoadResult r = DelimitedLoader.load(file, LoadOptions.defaults().withThreads(2));
    Dataset d = r.dataset();
    assertThat(d.userCount()).isEqualTo(1892);
    assertThat(d.itemCount()).isEqualTo(17632);
    assertThat(d.size()).isEqualTo(92_834);
    assertThat(r.stats().skipped()).isZero();
    assertThat(d.explicit()).isTrue();
    assertThat(d.matrix().hasTimestamps()).isFalse();
    assertThat(d.matrix().get(d.users().require("2"), d.items().require("51"))).isEqualTo(13883f);
  }
}
