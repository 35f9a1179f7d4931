package io.reco4j.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitsParseTest {

  @Test
  void everyValidFormParsesToItsProtocolRecord() {
    assertThat(Splits.parse("random:0.2")).isEqualTo(new RandomHoldoutSplit(0.2));
    assertThat(Splits.parse("user:0.1")).isEqualTo(new UserHoldoutSplit(0.1));
    assertThat(Splits.parse("kfold:5")).isEqualTo(new KFoldSplit(5));
    assertThat(Splits.parse("temporal:0.25")).isEqualTo(new TemporalSplit(0.25));
    assertThat(Splits.parse("user-temporal:3")).isEqualTo(new UserTemporalSplit(3));
    assertThat(Splits.parse("loo")).isEqualTo(new LeaveOneOutSplit());
    assertThat(Splits.parse("heldout-users:100")).isEqualTo(new HeldOutUsersSplit(100, 0.2));
    assertThat(Splits.parse("heldout-users:100:0.5")).isEqualTo(new HeldOutUsersSplit(100, 0.5));
    assertThat(Splits.parse("heldout-users:100:seen-items"))
        .isEqualTo(new HeldOutUsersSplit(100, 0.2, true));
    assertThat(Splits.parse("heldout-users:100:0.5:seen-items"))
        .isEqualTo(new HeldOutUsersSplit(100, 0.5, true));
    assertThat(new HeldOutUsersSplit(100, 0.5).seenItemsOnly()).isFalse();
  }

  @Test
  void specsAreCanonicalAndRoundTrip() {
    assertThat(Splits.parse(" random:.25 ").spec()).isEqualTo("random:0.25");
    assertThat(Splits.parse("heldout-users:7").spec()).isEqualTo("heldout-users:7:0.2");
    assertThat(Splits.parse("heldout-users:7: seen-items ").spec())
        .isEqualTo("heldout-users:7:0.2:seen-items");
    for (String spec : new String[] {"random:0.2", "user:0.5", "kfold:10", "temporal:0.1",
        "user-temporal:2", "loo", "heldout-users:3:0.3",
        "heldout-users:3:0.3:seen-items"}) {
      Splitter s = Splits.parse(spec);
      assertThat(s.spec()).isEqualTo(spec);
      assertThat(Splits.parse(s.spec())).isEqualTo(s);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "holdout:0.2", "random", "random:", "random:0", "random:1",
      "random:1.5", "random:-0.1", "random:NaN", "random:abc", "random:0.2:3", "user:0",
      "kfold:1", "kfold:0", "kfold:2.5", "kfold:x", "temporal:1", "user-temporal:0",
      "user-temporal:-1", "loo:1", "heldout-users", "heldout-users:0", "heldout-users:5:1",
      "heldout-users:5:0", "heldout-users:5:0.2:1", "KFOLD:5", "heldout-users:seen-items",
      "heldout-users:5:seen-item", "heldout-users:5:seen-items:0.2",
      "heldout-users:5:seen-items:seen-items", "heldout-users:5:0.2:seen-items:x",
      "heldout-users:5:1:seen-items"})
  void badSpecsAreRejectedWithTheSpecAndTheValidForms(String spec) {
    assertThatThrownBy(() -> Splits.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + spec + "'")
        .hasMessageContaining(Splits.VALID_FORMS);
  }

  @Test
  void errorMessagesSayWhatIsWrong() {
    assertThatThrownBy(() -> Splits.parse("kfold:1"))
        .hasMessageStartingWith("bad split spec 'kfold:1': kfold needs at least 2 folds, got 1; ")
        .hasMessageEndingWith(Splits.VALID_FORMS);
    assertThatThrownBy(() -> Splits.parse("heldout-users:5:seen-items:0.2"))
        .hasMessageContaining("heldout-users takes N, then optionally F, then optionally "
            + "'seen-items', in that order");
    assertThatThrownBy(() -> Splits.parse("shuffle:3"))
        .hasMessageContaining("unknown protocol 'shuffle'");
    assertThatThrownBy(() -> Splits.parse(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Splits.VALID_FORMS);
  }

  @Test
  void recordConstructorsValidateToo() {
    assertThatThrownBy(() -> new RandomHoldoutSplit(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KFoldSplit(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HeldOutUsersSplit(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UserTemporalSplit(0)).isInstanceOf(IllegalArgumentException.class);
  }
  @Test
  void floorIsALastOptionOfHeldOutUsersAndRoundTrips() {
    assertThat(Splits.parse("heldout-users:100:floor"))
        .isEqualTo(new HeldOutUsersSplit(100, 0.2, false, true));
    assertThat(Splits.parse("heldout-users:100:0.5:seen-items:floor"))
        .isEqualTo(new HeldOutUsersSplit(100, 0.5, true, true));
    assertThat(Splits.parse("heldout-users:100:seen-items:floor").spec())
        .isEqualTo("heldout-users:100:0.2:seen-items:floor");
    assertThat(new HeldOutUsersSplit(100, 0.5, true).floorTargets()).isFalse();
    for (String spec : new String[] {"heldout-users:3:0.3:floor",
        "heldout-users:3:0.3:seen-items:floor"}) {
      assertThat(Splits.parse(spec).spec()).isEqualTo(spec);
    }
    for (String bad : new String[] {"heldout-users:5:floor:seen-items", "heldout-users:floor",
        "heldout-users:5:floor:floor", "heldout-users:5:floor:0.2", "heldout-users:5:0.2:flor"}) {
      assertThatThrownBy(() -> Splits.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining(Splits.VALID_FORMS);
    }
    assertThatThrownBy(() -> Splits.parse("heldout-users:5:floor:seen-items"))
        .hasMessageContaining("then optionally 'floor' last");
  }
}
