package io.reco4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.IdIndex;
import io.reco4j.model.Trainer;
import io.reco4j.split.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * End to end on MovieLens-100K's u1 split (80k train / 20k test ratings) with test-only
 * baselines. Bands: the global mean's RMSE on ml-100k is about 1.15 in the literature (e.g.
 * LensKit and MyMediaLite baselines report 1.12–1.16 across the u1..u5 folds).
 */
class MovieLens100kTest {
  private static final Path DIR = Path.of(System.getProperty("reco4j.root", "."), "..", "shared",
      "data", "ml-100k");

  /** Columns of a tab-separated ratings file: user, item, rating, timestamp. */
  private record Columns(long[] users, long[] items, float[] ratings, long[] times) {}

  private static Columns read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int n = lines.size();
    Columns c = new Columns(new long[n], new long[n], new float[n], new long[n]);
    for (int k = 0; k < n; k++) {
      String[] f = lines.get(k).split("\t");
      c.users[k] = Long.parseLong(f[0]);
      c.items[k] = Long.parseLong(f[1]);
      c.ratings[k] = Float.parseFloat(f[2]);
      c.times[k] = Long.parseLong(f[3]);
    }
    return c;
  }

  private static long[] distinct(long[] a, long[] b) {
    return Arrays.stream(concat(a, b)).distinct().sorted().toArray();
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Dataset part(String name, IdIndex users, IdIndex items, Columns c) {
    int n = c.users.length;
    int[] r = new int[n];
    int[] i = new int[n];
    for (int k = 0; k < n; k++) {
      r[k] = users.find(c.users[k]).orElseThrow();
      i[k] = items.find(c.items[k]).orElseThrow();
    }
    return Datasets.assemble(name, users, items, r, i, c.ratings, c.times, DuplicatePolicy.ERROR,
        1);
  }

  @Test
  void baselinesOnU1LandInTheirBands() throws IOException {
    Columns base = read(DIR.resolve("u1.base"));
    Columns test = read(DIR.resolve("u1.test"));
    IdIndex users = IdIndex.ofNumeric("user", distinct(base.users, test.users));
    IdIndex items = IdIndex.ofNumeric("item", distinct(base.items, test.items));
    Dataset train = part("u1.base", users, items, base);
    Dataset testPart = part("u1.test", users, items, test);
    float[] allRatings = new float[base.ratings.length + test.ratings.length];
    System.arraycopy(base.ratings, 0, allRatings, 0, base.ratings.length);
    System.arraycopy(test.ratings, 0, allRatings, base.ratings.length, test.ratings.length);
    Dataset full = part("ml-100k", users, items, new Columns(concat(base.users, test.users),
        concat(base.items, test.items), allRatings, concat(base.times, test.times)));
    assertThat(full.size()).isEqualTo(100_000);
    assertThat(train.size()).isEqualTo(80_000);
    Split split = new Split("ml-100k:u1", 0, 0L, train, testPart, null);

    Map<String, Supplier<? extends Trainer<?>>> algorithms = new LinkedHashMap<>();
    algorithms.put("global-mean", TestModels::globalMean);
    algorithms.put("popularity", TestModels::popularity);
    algorithms.put("random", () -> TestModels.random(7));
    EvaluationReport report = new EvaluationRunner(
        EvalOptions.of("rmse,mae,ndcg@10,precision@10,recall@20,auc,coverage@10,novelty@10")
            .withThreads(2))
        .run(full, List.of(split), algorithms);

    double rmse = report.algorithm("global-mean").summary().get("rmse").mean();
    double mae = report.algorithm("global-mean").summary().get("mae").mean();
    assertThat(rmse).isBetween(1.10, 1.20);
    assertThat(mae).isBetween(0.90, 1.00).isLessThan(rmse);

    var pop = report.algorithm("popularity").summary();
    var rnd = report.algorithm("random").summary();
    assertThat(pop.get("ndcg@10").mean()).isGreaterThan(0.05)
        .isGreaterThan(5 * rnd.get("ndcg@10").mean());
    assertThat(pop.get("auc").mean()).isBetween(0.80, 0.95);
    assertThat(rnd.get("auc").mean()).isBetween(0.45, 0.55);
    // popularity recommends the same few items to everyone; random spreads over the catalogue
    assertThat(pop.get("coverage@10").mean()).isLessThan(0.1);
    assertThat(rnd.get("coverage@10").mean()).isGreaterThan(0.5);
    assertThat(pop.get("novelty@10").mean()).isLessThan(rnd.get("novelty@10").mean());
    assertThat(report.algorithm("global-mean").absent()).containsKey("ndcg@10");
    assertThat(report.toTable()).contains("global-mean", "popularity", "—");
    System.out.print(report.toTable());
  }
}
