package io.reco4j.algorithms.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reco4j.data.CsrMatrix;
import io.reco4j.testkit.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SgdTest {

  @Test
  @Timeout(20)
  void phasesRunEveryTaskOnceAndInOrderOnManyThreads() {
    int phases = 40;
    int tasks = 7;
    AtomicIntegerArray done = new AtomicIntegerArray(phases);
    List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Sgd.Phase> list = new ArrayList<>();
    for (int p = 0; p < phases; p++) {
      int phase = p;
      list.add(Sgd.phase(tasks, t -> {
        if (phase > 0 && done.get(phase - 1) != tasks) {
          errors.add("phase " + phase + " started before phase " + (phase - 1) + " ended");
        }
        done.incrementAndGet(phase);
      }));
    }
    Sgd.run(3, tasks, list);
    assertThat(errors).isEmpty();
    for (int p = 0; p < phases; p++) {
      assertThat(done.get(p)).isEqualTo(tasks);
    }
  }

  @Test
  @Timeout(20)
  void aFailingTaskIsRethrownWithoutDeadlock() {
    List<Sgd.Phase> list = new ArrayList<>();
    for (int p = 0; p < 10; p++) {
      int phase = p;
      list.add(Sgd.phase(4, t -> {
        if (phase == 3 && t == 2) {
          throw new IllegalStateException("boom");
        }
      }));
    }
    assertThatThrownBy(() -> Sgd.run(4, 4, list)).isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");
  }

  @Test
  void blockedLayoutHoldsEveryRatingOnceInItsCell() {
    CsrMatrix m = TestData.ratings().matrix();
    Sgd.Blocked b = new Sgd.Blocked(m, 5, 11L);
    assertThat(b.cellPtr[25]).isEqualTo(m.nnz());
    int[] userBlock = new int[m.rows()];
    int[] itemBlock = new int[m.cols()];
    Arrays.fill(userBlock, -1);
    Arrays.fill(itemBlock, -1);
    long[] seen = new long[m.nnz()];
    for (int c = 0; c < 25; c++) {
      for (int k = b.cellPtr[c]; k < b.cellPtr[c + 1]; k++) {
        int u = b.user[k];
        int i = b.item[k];
        // a user (item) lives in one user (item) block only
        assertThat(userBlock[u] == -1 || userBlock[u] == c / 5).isTrue();
        assertThat(itemBlock[i] == -1 || itemBlock[i] == c % 5).isTrue();
        userBlock[u] = c / 5;
        itemBlock[i] = c % 5;
        assertThat(b.rating[k]).isEqualTo(m.get(u, i));
        seen[k] = (long) u * m.cols() + i;
      }
    }
    assertThat(Arrays.stream(seen).distinct().count()).isEqualTo(m.nnz());
    // shuffling permutes a cell in place and depends only on (seed, epoch, cell)
    Sgd.Blocked again = new Sgd.Blocked(m, 5, 11L);
    b.shuffle(7, 3L, 2);
    again.shuffle(7, 3L, 2);
    assertThat(b.user).isEqualTo(again.user);
    assertThat(b.item).isEqualTo(again.item);
  }

  @Test
  void everyStratumOrderIsAPermutationOfTheOffsets() {
    Sgd.Blocked b = new Sgd.Blocked(TestData.ratings().matrix(), 6, 1L);
    for (int e = 0; e < 5; e++) {
      int[] o = b.stratumOrder(1L, e).clone();
      Arrays.sort(o);
      assertThat(o).containsExactly(0, 1, 2, 3, 4, 5);
    }
  }
}
