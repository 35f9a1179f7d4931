package io.reco4j.data.io;

import static io.reco4j.data.io.Fixtures.badInput;
import static io.reco4j.data.io.Fixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reco4j.data.DuplicatePolicy;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Repeated (user, item) pairs in {@code bad-input/duplicates.csv}: (1,10) on lines 2, 4, 6 with
 * 1.0@100, 3.0@50, 5.0@120; (2,10) on lines 3, 7 with 2.0@150, 4.0@140; (1,11) once.
 */
class LoaderDuplicatePolicyTest {

  private static DelimitedLoader.LoadResult load(DuplicatePolicy p, int threads) throws IOException {
    return DelimitedLoader.load(badInput("duplicates.csv"),
        LoadOptions.defaults().withDuplicates(p).withThreads(threads));
  }

  @Test
  void lastKeepsTheLastOccurrenceInFileOrderWithItsTimestamp() throws IOException {
    for (int threads : new int[] {1, 4}) {
      DelimitedLoader.LoadResult r = load(DuplicatePolicy.LAST, threads);
      assertThat(entries(r.dataset()))
          .containsExactly("1,10,5.0,120", "1,11,4.0,200", "2,10,4.0,140");
      assertThat(r.stats().rows()).isEqualTo(6);
      assertThat(r.stats().duplicatesMerged()).isEqualTo(3);
    }
  }

  @Test
  void firstKeepsTheFirstOccurrenceInFileOrderWithItsTimestamp() throws IOException {
    assertThat(entries(load(DuplicatePolicy.FIRST, 2).dataset()))
        .containsExactly("1,10,1.0,100", "1,11,4.0,200", "2,10,2.0,150");
  }

  @Test
  void sumAddsTheValuesAndKeepsTheLatestTimestamp() throws IOException {
    assertThat(entries(load(DuplicatePolicy.SUM, 2).dataset()))
        .containsExactly("1,10,9.0,120", "1,11,4.0,200", "2,10,6.0,150");
  }

  @Test
  void meanAveragesTheValuesAndKeepsTheLatestTimestamp() throws IOException {
    assertThat(entries(load(DuplicatePolicy.MEAN, 2).dataset()))
        .containsExactly("1,10,3.0,120", "1,11,4.0,200", "2,10,3.0,150");
  }

  @Test
  void errorFailsTheLoadNamingTheRepeatedUserAndItemIds() {
    DataFormatException e = catchThrowableOfType(DataFormatException.class,
        () -> load(DuplicatePolicy.ERROR, 2));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("duplicates.csv").contains("user 1").contains("item 10");
  }

  @Test
  void errorAcceptsAFileWithoutRepeatedPairs() throws IOException {
    DelimitedLoader.LoadResult r = DelimitedLoader.load(badInput("crlf.csv"),
        LoadOptions.defaults().withDuplicates(DuplicatePolicy.ERROR));
    assertThat(r.dataset().size()).isEqualTo(3);
    assertThat(r.stats().duplicatesMerged()).isZero();
  }
}
