package io.reco4j.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full ML-20M-sized run (20M rows, about 540 MB in a temporary directory that is deleted
 * afterwards). Tagged slow and, in addition, only enabled with {@code -Dreco4j.slow=true}; it
 * prints the time and asserts nothing about it.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "reco4j.slow", matches = "true")
class SyntheticRatingsScaleTest {
  @TempDir
  Path dir;

  @Test
  void generatesMovieLens20mSizedFile() throws Exception {
    SynthConfig c = SynthConfig.defaults();
    Path out = dir.resolve("ratings.csv");
    long t0 = System.nanoTime();
    SyntheticRatings.Summary s = SyntheticRatings.write(c, out);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("synth %s: %.2f s, %s%n", c, seconds, s);
    assertThat(s.rows()).isEqualTo(20_000_000L);
    assertThat(Files.size(out)).isEqualTo(s.bytes());
    assertThat(s.maxMovieId()).isBetween(120_000, 140_000);
    assertThat(s.ratedMovies()).isBetween(25_000, 27_000);
  }
}
