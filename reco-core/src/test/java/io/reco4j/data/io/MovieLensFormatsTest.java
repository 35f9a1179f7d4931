package io.reco4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.data.Dataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 1M/10M '::' layout and the CSV layout, on small folders written in their real encodings. */
class MovieLensFormatsTest {

  @Test
  void aOneMillionStyleFolderLoadsRatingsTitlesGenresAndTags(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ratings.dat"),
        "1::10::4::978300760\n1::20::3::978300761\n2::10::5::978300762\n2::30::2::978300763\n");
    // movies.dat of ML-1M is Latin-1
    Files.writeString(dir.resolve("movies.dat"),
        "10::Café Society (1995)::Comedy|Drama\n20::Heat (1995)::Action|Crime|Thriller\n"
            + "30::Nobody Rated Me (2000)::(no genres listed)\n40::Unrated (2001)::Drama\n",
        StandardCharsets.ISO_8859_1);
    Files.writeString(dir.resolve("tags.dat"), "1::10::quirky::978300800\n2::10::quirky::978300801\n"
        + "2::10::paris::978300802\n");
    assertThat(MovieLens.detect(dir)).isEqualTo(MovieLens.Format.DAT);
    Dataset d = MovieLens.load(dir, LoadOptions.defaults()).dataset();
    assertThat(d.userCount()).isEqualTo(2);
    assertThat(d.itemCount()).isEqualTo(3);
    assertThat(d.size()).isEqualTo(4);
    assertThat(d.matrix().hasTimestamps()).isTrue();
    int cafe = d.items().require("10");
    assertThat(d.metadata().title(cafe)).isEqualTo("Café Society (1995)");
    assertThat(d.metadata().genresOf(cafe)).containsExactly("Comedy", "Drama");
    assertThat(d.metadata().tagsOf(cafe)).containsExactly("quirky", "paris");
    assertThat(d.metadata().genresOf(d.items().require("30"))).isEmpty();
    assertThat(d.matrix().get(d.users().require("2"), d.items().require("30"))).isEqualTo(2f);
  }

  @Test
  void theRatingsFileItselfLoadsWithItsFolderMetadata(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ratings.csv"),
        "userId,movieId,rating,timestamp\n1,1,4.5,964982703\n2,1,3.0,964982704\n");
    Files.writeString(dir.resolve("movies.csv"),
        "movieId,title,genres\n1,\"American President, The (1995)\",Comedy|Drama|Romance\n");
    Dataset d = MovieLens.load(dir.resolve("ratings.csv"), LoadOptions.defaults()).dataset();
    assertThat(d.metadata().title(0)).isEqualTo("American President, The (1995)");
    assertThat(d.metadata().genresOf(0)).containsExactly("Comedy", "Drama", "Romance");
    assertThat(d.matrix().get(0, 0)).isEqualTo(4.5f);
  }

  @Test
  void aMalformedMoviesFileNamesItsLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ratings.dat"), "1::10::4::978300760\n");
    Files.writeString(dir.resolve("movies.dat"), "10::Heat (1995)::Action\n10::broken\n");
    assertThatThrownBy(() -> MovieLens.load(dir, LoadOptions.defaults()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("movies.dat, line 2");
  }

  @Test
  void aFolderWithoutARatingsFileIsNotMovieLens(@TempDir Path dir) {
    assertThat(MovieLens.detect(dir)).isNull();
    assertThatThrownBy(() -> MovieLens.load(dir, LoadOptions.defaults()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("not a MovieLens folder");
  }
}
