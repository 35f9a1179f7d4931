package io.reco4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.reco4j.data.Dataset;
import io.reco4j.data.UnknownIdException;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.Configs;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import io.reco4j.model.ModelFiles;
import io.reco4j.model.Provenance;
import io.reco4j.model.RatingPredictor;
import io.reco4j.model.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every algorithm meets. An algorithm's test extends this class, supplies
 * {@link #trainer(int, long)}, and inherits these checks:
 *
 * <ul>
 *   <li>the model declares a scoring capability ({@link ItemScorer} and/or {@link RatingPredictor})
 *       and keeps the training data's index spaces;
 *   <li>the config round-trips through JSON and YAML;
 *   <li>save/load through {@link ModelFiles} gives a model of the same class with equal
 *       provenance, config, index spaces and bit-identical output for every user;
 *   <li>unknown external user and item ids fail at the boundary with an
 *       {@link UnknownIdException} naming the id;
 *   <li>cold users and items (in the index, no training entries) and a user whose history row was
 *       emptied get finite output;
 *   <li>the same seed gives identical output; 1 thread and {@link #manyThreads()} threads give
 *       identical output; scoring from several threads at once gives the serial result;
 *   <li>provenance names the algorithm, holds the config JSON and the training data's fingerprint.
 * </ul>
 *
 * <p>"Output" is, for every user, the {@link ItemScorer} scores of every item and the
 * {@link RatingPredictor} prediction of every item, compared bit for bit.
 *
 * @param <M> the model type
 */
public abstract class ModelContractTest<M extends Model> {
  /** The seed used by the contract's trainings. */
  protected static final long SEED = 42L;

  /**
   * A trainer for the algorithm under test, configured with {@code threads} worker threads (where
   * the algorithm has a thread setting) and {@code seed} (where it is stochastic), with other
   * parameters small enough for a fast test.
   */
  protected abstract Trainer<M> trainer(int threads, long seed);

  /**
   * The training data of the contract checks. It must contain at least one cold user and one cold
   * item (in the index without entries). Default: {@link TestData#ratings()}.
   */
  protected Dataset trainingData() {
    return TestData.ratings();
  }

  /** The thread count compared against 1 thread. Default 4. */
  protected int manyThreads() {
    return 4;
  }

  /**
   * Whether a different seed must give a different output (true for stochastic algorithms).
   * Default false: only "same seed, same output" is checked.
   */
  protected boolean seedChangesOutput() {
    return false;
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void modelDeclaresAScoringCapabilityAndKeepsTheIndexSpaces() {
    Dataset data = trainingData();
    M model = trainer(1, SEED).train(data);
    assertThat(model instanceof ItemScorer || model instanceof RatingPredictor)
        .as("%s implements ItemScorer or RatingPredictor", model.getClass().getSimpleName())
        .isTrue();
    assertThat(model.users()).isEqualTo(data.users());
    assertThat(model.items()).isEqualTo(data.items());
    assertThat(model.algorithm()).isNotBlank();
  }

  @Test
  void configRoundTripsThroughJson() {
    for (AlgorithmConfig c : configs()) {
      String json = Configs.toJson(c);
      assertThat(Configs.fromJson(json, c.getClass())).as(json).isEqualTo(c);
    }
  }

  @Test
  void configRoundTripsThroughYaml() {
    for (AlgorithmConfig c : configs()) {
      String yaml = Configs.toYaml(c);
      assertThat(Configs.fromYaml(yaml, c.getClass())).as(yaml).isEqualTo(c);
    }
  }

  @Test
  void savedAndLoadedModelGivesIdenticalOutputAndProvenance(@TempDir Path dir) throws Exception {
    M model = trainer(1, SEED).train(trainingData());
    Path file = dir.resolve("model.r4j");
    ModelFiles.save(model, file);
    Model loaded = ModelFiles.load(file);
    assertThat(loaded).isInstanceOf(model.getClass());
    @SuppressWarnings("unchecked")
    M back = (M) loaded;
    assertThat(back.algorithm()).isEqualTo(model.algorithm());
    assertThat(back.config()).isEqualTo(model.config());
    assertThat(back.provenance()).isEqualTo(model.provenance());
    assertThat(back.users()).isEqualTo(model.users());
    assertThat(back.items()).isEqualTo(model.items());
    assertSameOutput("loaded vs saved", back, model);
    assertThat(ModelFiles.readHeader(file).provenance()).isEqualTo(model.provenance());
  }

  @Test
  void unknownUserAndItemIdsAreRejectedByName() {
    M model = trainer(1, SEED).train(trainingData());
    assertThat(model.users().find("no-such-user")).isEmpty();
    assertThatThrownBy(() -> model.users().require("no-such-user"))
        .isInstanceOf(UnknownIdException.class)
        .hasMessageContaining("no-such-user")
        .satisfies(e -> assertThat(((UnknownIdException) e).id()).isEqualTo("no-such-user"));
    assertThatThrownBy(() -> model.items().require("no-such-item"))
        .isInstanceOf(UnknownIdException.class)
        .hasMessageContaining("no-such-item");
    long beyond = Long.MAX_VALUE;
    assertThat(model.users().find(beyond)).isEmpty();
    assertThat(model.items().find(beyond)).isEmpty();
  }

  @Test
  void coldUsersAndItemsGetFiniteOutput() {
    Dataset data = trainingData();
    int[] coldUsers = TestData.coldUsers(data);
    int[] coldItems = TestData.coldItems(data);
    assertThat(coldUsers).as("training data must have a cold user").isNotEmpty();
    assertThat(coldItems).as("training data must have a cold item").isNotEmpty();
    M model = trainer(1, SEED).train(data);
    float[][] out = outputs(model);
    for (int u : coldUsers) {
      assertFinite(out[u], "cold user " + u);
    }
    int n = model.items().size();
    for (int u = 0; u < out.length; u++) {
      for (int i : coldItems) {
        for (int k = i; k < out[u].length; k += n) {
          assertThat(out[u][k]).as("user %d, cold item %d", u, i).isFinite();
        }
      }
    }
  }

  @Test
  void everyUserGetsFiniteOutput() {
    M model = trainer(1, SEED).train(trainingData());
    float[][] out = outputs(model);
    for (int u = 0; u < out.length; u++) {
      assertFinite(out[u], "user " + u);
    }
  }

  @Test
  void userWithAnEmptyHistoryRowGetsFiniteOutput() {
    Dataset data = trainingData();
    int heaviest = 0;
    for (int u = 1; u < data.userCount(); u++) {
      if (data.matrix().rowLength(u) > data.matrix().rowLength(heaviest)) {
        heaviest = u;
      }
    }
    Dataset without = TestData.withoutUser(data, heaviest);
    assertThat(without.matrix().rowLength(heaviest)).isZero();
    M model = trainer(1, SEED).train(without);
    assertThat(model.users()).isEqualTo(data.users());
    assertFinite(outputs(model)[heaviest], "emptied user " + heaviest);
  }

  @Test
  void scoreItemsWritesExactlyOneScorePerItem() {
    M model = trainer(1, SEED).train(trainingData());
    if (!(model instanceof ItemScorer scorer)) {
      return;
    }
    int n = model.items().size();
    float[] out = new float[n + 3];
    Arrays.fill(out, -12345f);
    scorer.scoreItems(0, out);
    assertThat(Arrays.copyOfRange(out, n, n + 3)).containsOnly(-12345f);
  }

  @Test
  void scoringSeveralUsersAtOnceGivesEachUsersScoresBitForBit() {
    M model = trainer(1, SEED).train(trainingData());
    if (!(model instanceof ItemScorer scorer)) {
      return;
    }
    int n = model.items().size();
    int users = model.users().size();
    int[] batch = {users - 1, 0, users / 2, 0, users / 3};
    float[][] together = new float[batch.length][n];
    scorer.scoreItems(batch, together);
    for (int j = 0; j < batch.length; j++) {
      float[] alone = new float[n];
      scorer.scoreItems(batch[j], alone);
      assertThat(together[j]).as("user %d scored in a batch", batch[j]).isEqualTo(alone);
    }
  }

  @Test
  void sameSeedGivesIdenticalOutput() {
    Dataset data = trainingData();
    M a = trainer(1, SEED).train(data);
    M b = trainer(1, SEED).train(data);
    assertSameOutput("two trainings with seed " + SEED, a, b);
    if (seedChangesOutput()) {
      M c = trainer(1, SEED + 1).train(data);
      assertThat(Arrays.deepEquals(outputs(a), outputs(c)))
          .as("seeds %d and %d give different output", SEED, SEED + 1).isFalse();
    }
  }

  /**
   * 1 thread and {@link #manyThreads()} threads give bit-identical output. Protected so that an
   * algorithm that is racy by design (Hogwild SGD) can override it with a check that fits, giving
   * the reason in its Javadoc; the override needs its own {@code @Test}.
   */
  @Test
  protected void oneThreadAndManyThreadsGiveIdenticalOutput() {
    Dataset data = trainingData();
    M one = trainer(1, SEED).train(data);
    M many = trainer(manyThreads(), SEED).train(data);
    assertSameOutput("1 vs " + manyThreads() + " threads", one, many);
  }

  @Test
  void concurrentScoringGivesTheSerialResult() throws Exception {
    M model = trainer(1, SEED).train(trainingData());
    float[][] serial = outputs(model);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<float[][]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> outputs(model)));
      }
      for (Future<float[][]> f : futures) {
        assertThat(Arrays.deepEquals(f.get(), serial)).as("concurrent = serial output").isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void provenanceRecordsAlgorithmConfigAndDataFingerprint() {
    Dataset data = trainingData();
    Trainer<M> trainer = trainer(1, SEED);
    M model = trainer.train(data);
    Provenance p = model.provenance();
    assertThat(p.algorithm()).isEqualTo(model.algorithm());
    assertThat(model.config()).isEqualTo(trainer.config());
    assertThat(p.configJson()).isEqualTo(Configs.toJson(trainer.config()));
    assertThat(Configs.fromJson(p.configJson(), trainer.config().getClass()))
        .isEqualTo(trainer.config());
    assertThat(p.dataName()).isEqualTo(data.name());
    assertThat(p.data()).isEqualTo(data.fingerprint());
    assertThat(p.data().interactions()).isEqualTo(data.size());
    assertThat(p.trainSeconds()).isFinite().isGreaterThanOrEqualTo(0.0);
    assertThat(p.oneLine()).contains(model.algorithm());
  }

  // ---------------------------------------------------------------------------------------------

  /** The configs checked by the round-trip tests: 1 thread and {@link #manyThreads()} threads. */
  protected List<AlgorithmConfig> configs() {
    return List.of(trainer(1, SEED).config(), trainer(manyThreads(), SEED + 1).config());
  }

  /**
   * The output of a model for every user: row {@code u} holds the {@link ItemScorer} scores of
   * every item, then the {@link RatingPredictor} predictions of every item (each part present only
   * when the model has that capability).
   */
  protected static float[][] outputs(Model model) {
    int users = model.users().size();
    int n = model.items().size();
    boolean scorer = model instanceof ItemScorer;
    boolean predictor = model instanceof RatingPredictor;
    int width = (scorer ? n : 0) + (predictor ? n : 0);
    float[][] out = new float[users][width];
    float[] buf = new float[n];
    for (int u = 0; u < users; u++) {
      int k = 0;
      if (scorer) {
        ((ItemScorer) model).scoreItems(u, buf);
        System.arraycopy(buf, 0, out[u], 0, n);
        k = n;
      }
      if (predictor) {
        RatingPredictor rp = (RatingPredictor) model;
        for (int i = 0; i < n; i++) {
          out[u][k + i] = rp.predict(u, i);
        }
      }
    }
    return out;
  }

  /** Asserts that two models give bit-identical output for every user, naming the first difference. */
  protected static void assertSameOutput(String what, Model a, Model b) {
    assertThat(b.users().size()).isEqualTo(a.users().size());
    assertThat(b.items().size()).isEqualTo(a.items().size());
    float[][] x = outputs(a);
    float[][] y = outputs(b);
    for (int u = 0; u < x.length; u++) {
      if (!Arrays.equals(x[u], y[u])) {
        int k = Arrays.mismatch(x[u], y[u]);
        fail("%s: output differs at user %d, position %d: %s vs %s", what, u, k, x[u][k], y[u][k]);
      }
    }
  }

  private static void assertFinite(float[] row, String what) {
    for (int k = 0; k < row.length; k++) {
      if (!Float.isFinite(row[k])) {
        fail("%s: output position %d is %s", what, k, row[k]);
      }
    }
  }
}
