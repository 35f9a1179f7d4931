package io.reco4j.eval;

import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.IdIndex;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import io.reco4j.model.Provenance;
import io.reco4j.model.RatingPredictor;
import io.reco4j.model.Trainer;
import io.reco4j.split.Split;
import java.util.SplittableRandom;

/** Small test-only models, trainers and data builders. */
final class TestModels {
  private TestModels() {}

  /** A config with one descriptive field. */
  record TestConfig(String kind, long seed) implements AlgorithmConfig {}

  /** Per-(u, i) scores/predictions. */
  interface Table {
    float at(int u, int i);
  }

  abstract static class BaseModel implements Model {
    final String name;
    final Dataset data;
    final Table table;

    BaseModel(String name, Dataset data, Table table) {
      this.name = name;
      this.data = data;
      this.table = table;
    }

    @Override
    public String algorithm() {
      return name;
    }

    @Override
    public AlgorithmConfig config() {
      return new TestConfig(name, 0);
    }

    @Override
    public Provenance provenance() {
      return Provenance.of(name, config(), data.name(), data.fingerprint(), 0);
    }

    @Override
    public IdIndex users() {
      return data.users();
    }

    @Override
    public IdIndex items() {
      return data.items();
    }
  }

  /** An ItemScorer only. */
  static final class Scorer extends BaseModel implements ItemScorer {
    Scorer(String name, Dataset data, Table table) {
      super(name, data, table);
    }

    @Override
    public void scoreItems(int u, float[] out) {
      for (int i = 0; i < data.itemCount(); i++) {
        out[i] = table.at(u, i);
      }
    }
  }

  /** A RatingPredictor only. */
  static final class Predictor extends BaseModel implements RatingPredictor {
    Predictor(String name, Dataset data, Table table) {
      super(name, data, table);
    }

    @Override
    public float predict(int u, int i) {
      return table.at(u, i);
    }
  }

  /** Both capabilities, from the same table. */
  static final class Both extends BaseModel implements ItemScorer, RatingPredictor {
    Both(String name, Dataset data, Table table) {
      super(name, data, table);
    }

    @Override
    public void scoreItems(int u, float[] out) {
      for (int i = 0; i < data.itemCount(); i++) {
        out[i] = table.at(u, i);
      }
    }

    @Override
    public float predict(int u, int i) {
      return table.at(u, i);
    }
  }

  /** Predicts the global mean rating of the training data for every pair. */
  static Trainer<Predictor> globalMean() {
    return new Trainer<>() {
      @Override
      public AlgorithmConfig config() {
        return new TestConfig("global-mean", 0);
      }

      @Override
      public Predictor train(Dataset d) {
        double sum = 0;
        for (float v : d.matrix().values()) {
          sum += v;
        }
        float mean = (float) (sum / Math.max(1, d.size()));
        return new Predictor("global-mean", d, (u, i) -> mean);
      }
    };
  }

  /** Scores every item by its number of training interactions. */
  static Trainer<Scorer> popularity() {
    return new Trainer<>() {
      @Override
      public AlgorithmConfig config() {
        return new TestConfig("popularity", 0);
      }

      @Override
      public Scorer train(Dataset d) {
        int[] pop = d.matrix().colCounts();
        return new Scorer("popularity", d, (u, i) -> pop[i]);
      }
    };
  }

  /** Scores from a seeded hash of (seed, u, i): a random ranking, the same for the same seed. */
  static Trainer<Scorer> random(long seed) {
    return new Trainer<>() {
      @Override
      public AlgorithmConfig config() {
        return new TestConfig("random", seed);
      }

      @Override
      public Scorer train(Dataset d) {
        return new Scorer("random", d,
            (u, i) -> (float) new SplittableRandom(Seeds.mix(seed, (long) u * 1_000_003L + i))
                .nextDouble());
      }
    };
  }

  /** A dataset over identity index spaces from coordinates (ratings may be null). */
  static Dataset dataset(String name, IdIndex users, IdIndex items, int[] rows, int[] cols,
      float[] ratings) {
    return Datasets.assemble(name, users, items, rows, cols, ratings, null, DuplicatePolicy.ERROR,
        1);
  }

  /** A split with the given train and test parts. */
  static Split split(Dataset train, Dataset test) {
    return new Split("test", 0, 0L, train, test, null);
  }
}
