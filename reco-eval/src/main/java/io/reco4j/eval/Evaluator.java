package io.reco4j.eval;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.model.FoldIn;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import io.reco4j.model.RatingPredictor;
import io.reco4j.split.Split;
import io.reco4j.util.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates one trained model on one split.
 *
 * <p><b>Test users</b> are the rows of {@code split.test()} with at least one entry. Their
 * <b>relevant items</b> are their test items, or with {@link EvalOptions#relevanceThreshold()} set
 * only those rated at least the threshold. Ranking metrics average over the users with at least one
 * relevant item; rating metrics pool all test ratings.
 *
 * <p><b>Protocols.</b> Full ranking (the default): every item is scored with {@link
 * ItemScorer#scoreItems}, the user's history items ({@link Split#history()}) are removed unless
 * {@link EvalOptions#excludeHistory()} is false, and the best K form the list ({@link
 * FullRanking}). Sampled negatives ({@link EvalOptions#sampledNegatives()} = N &gt; 0): every
 * relevant test item is ranked among N items drawn by {@link NegativeSampler} from those the user
 * has neither in history nor in test, seeded from ({@link EvalOptions#seed()}, user); the ranked
 * unit is then the positive, not the user (He et al., "Neural Collaborative Filtering", WWW 2017).
 * A negative scoring the same as the positive ranks above it when its index is smaller, the same
 * tie rule as {@link io.reco4j.rank.TopN}.
 *
 * <p><b>Candidates.</b> By default every item of the index is a candidate. With {@link
 * EvalOptions#trainItemsOnly()}, only the items with at least one entry in {@code split.train()}
 * are (a boolean mask computed once per evaluation): no other item is ever in a list, drawn as a
 * negative, counted by AUC, or in the catalogue whose share {@code coverage} reports. This is the
 * item space of Liang et al. 2018's code ({@code unique_sid}, the train items) and matters under
 * held-out users, where some items may have entries of test users only. A relevant test item
 * outside the candidates still counts as relevant under full ranking (a miss, as a relevant item in
 * the history does), and is not ranked under sampled negatives; with {@code
 * heldout-users:...:seen-items} there is none.
 *
 * <p><b>Capabilities.</b> Rating metrics need a {@link RatingPredictor} and explicit test data;
 * ranking metrics need an {@link ItemScorer}. A metric that does not apply is reported absent with
 * a reason, never as 0 or NaN.
 *
 * <p><b>Reproducibility.</b> Test users are cut into blocks of {@value #BLOCK_USERS} in ascending
 * index order; worker threads take blocks dynamically, each block writes its own partial sums, and
 * these are reduced in block order. Per-worker scratch (score buffer, heap, marks) is reused across
 * users. The result is bit-identical for every thread count.
 *
 * <p><b>Per-user values.</b> With {@link EvalOptions#perUser()} set, every addition to a block's
 * sums is also recorded in the test user's own row (one {@code double} per sum and test user), and
 * the result carries each metric's {@link PerUserValues} for paired significance tests. The reported
 * values are computed exactly as without the option; each user's row is written by one thread only,
 * so the per-user values are bit-identical for every thread count too.
 */
public final class Evaluator {
  /** Test users per block; fixed so that the reduction order never depends on threads. */
  public static final int BLOCK_USERS = 64;

  private static final int SQ = 0;
  private static final int ABS = 1;
  private static final int RATED = 2;
  private static final int RANKED = 3;
  private static final int AUC_SUM = 4;
  private static final int AUC_N = 5;
  private static final int FIRST_FREE = 6;

  private Evaluator() {}

  /**
   * Evaluates {@code model} on {@code split} under {@code options}.
   *
   * @throws IllegalArgumentException when the model's index spaces differ in size from the split's
   */
  public static EvaluationResult evaluate(Model model, Split split, EvalOptions options) {
    return new Run(model, split, options).run();
  }

  private static final class Run {
    final Split split;
    final EvalOptions options;
    final List<Metric> metrics;
    final Map<String, String> absent = new LinkedHashMap<>();
    final RatingPredictor predictor;
    final ItemScorer scorer;
    final CsrMatrix test;
    final CsrMatrix history;
    final int items;
    final boolean sampled;
    final double threshold;
    final List<RatingMetric> ratingMetrics = new ArrayList<>();
    final List<TopKMetric> topK = new ArrayList<>();
    final List<CatalogMetric> catalog = new ArrayList<>();
    final int[] topKSlot;
    final int[] catalogSlot; // sum at slot, count at slot + 1
    final boolean auc;
    final boolean coverage;
    final int maxK;
    final int slots;
    final int[] pop;
    final double[] selfInfo;
    /** Candidate mask ({@link EvalOptions#trainItemsOnly()}), or null: every item. */
    final boolean[] candidate;
    final int candidateCount;
    int[] testUsers;
    /** Per-user mode: test user j's contribution to slot s at {@code j * slots + s}; else null. */
    double[] store;

    Run(Model model, Split split, EvalOptions options) {
      this.split = split;
      this.options = options;
      this.metrics = options.resolvedMetrics();
      Dataset train = split.train();
      this.items = train.itemCount();
      if (model.items().size() != items || model.users().size() != train.userCount()) {
        throw new IllegalArgumentException("model has " + model.users().size() + " users x "
            + model.items().size() + " items, split has " + train.userCount() + " x " + items);
      }
      this.test = split.test().matrix();
      this.history = split.history().matrix();
      if (options.trainItemsOnly()) {
        int[] counts = train.matrix().colCounts();
        candidate = new boolean[items];
        int c = 0;
        for (int i = 0; i < items; i++) {
          candidate[i] = counts[i] > 0;
          c += candidate[i] ? 1 : 0;
        }
        candidateCount = c;
      } else {
        candidate = null;
        candidateCount = items;
      }
      this.sampled = options.sampled();
      this.threshold = options.relevanceThreshold();
      boolean canRate = model instanceof RatingPredictor && split.test().explicit();
      this.predictor = canRate ? (RatingPredictor) model : null;
      this.scorer = split.testInput() != null && model instanceof FoldIn f
          ? foldInScorer(f, split.testInput().matrix())
          : model instanceof ItemScorer s ? s : null;
      boolean wantAuc = false;
      for (Metric m : metrics) {
        if (m instanceof RatingMetric r) {
          if (!(model instanceof RatingPredictor)) {
            absent.put(m.name(), "model is not a RatingPredictor");
          } else if (!canRate) {
            absent.put(m.name(), "test data has no ratings");
          } else {
            ratingMetrics.add(r);
          }
        } else if (scorer == null) {
          absent.put(m.name(), "model is not an ItemScorer");
        } else if (m instanceof TopKMetric t) {
          topK.add(t);
        } else if (m instanceof CatalogMetric c) {
          catalog.add(c);
        } else if (m instanceof AucMetric) {
          wantAuc = true;
        }
      }
      this.auc = wantAuc;
      int slot = FIRST_FREE;
      int k = 0;
      topKSlot = new int[topK.size()];
      for (int t = 0; t < topK.size(); t++) {
        topKSlot[t] = slot++;
        k = Math.max(k, topK.get(t).cutoff());
      }
      catalogSlot = new int[catalog.size()];
      boolean cov = false;
      boolean nov = false;
      for (int c = 0; c < catalog.size(); c++) {
        catalogSlot[c] = slot;
        slot += 2;
        k = Math.max(k, catalog.get(c).cutoff());
        cov |= catalog.get(c) instanceof CoverageMetric;
        nov |= catalog.get(c) instanceof NoveltyMetric;
      }
      this.coverage = cov;
      this.maxK = k;
      this.slots = slot;
      if (catalog.isEmpty()) {
        this.pop = null;
        this.selfInfo = null;
      } else {
        CsrMatrix tm = train.matrix();
        this.pop = tm.colCounts();
        int activeUsers = 0;
        for (int u = 0; u < tm.rows(); u++) {
          if (tm.rowLength(u) > 0) {
            activeUsers++;
          }
        }
        if (nov) {
          selfInfo = new double[items];
          for (int i = 0; i < items; i++) {
            selfInfo[i] = NoveltyMetric.selfInformation(pop[i], Math.max(activeUsers, 1));
          }
        } else {
          selfInfo = null;
        }
      }
    }

    EvaluationResult run() {
      int n = 0;
      testUsers = new int[test.rows()];
      for (int u = 0; u < test.rows(); u++) {
        if (test.rowLength(u) > 0) {
          testUsers[n++] = u;
        }
      }
      testUsers = Arrays.copyOf(testUsers, n);
      int userCount = n;
      store = options.perUser() ? new double[n * slots] : null;
      int blocks = (n + BLOCK_USERS - 1) / BLOCK_USERS;
      double[][] partial = new double[blocks][slots];
      int workers = Math.max(1, Math.min(Parallel.resolve(options.threads()), blocks));
      Worker[] scratch = new Worker[workers];
      AtomicInteger next = new AtomicInteger();
      Parallel.forEachBlock(workers, workers, w -> {
        Worker worker = new Worker();
        scratch[w] = worker;
        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
          int from = b * BLOCK_USERS;
          worker.block(from, Math.min(userCount, from + BLOCK_USERS), partial[b]);
        }
      });
      double[] total = new double[slots];
      for (double[] block : partial) {
        for (int s = 0; s < slots; s++) {
          total[s] += block[s];
        }
      }
      int[] minRank = null;
      if (coverage) {
        minRank = new int[items];
        Arrays.fill(minRank, Integer.MAX_VALUE);
        for (Worker w : scratch) {
          if (w != null) {
            for (int i = 0; i < items; i++) {
              minRank[i] = Math.min(minRank[i], w.minRank[i]);
            }
          }
        }
      }
      return finish(total, minRank);
    }

    private EvaluationResult finish(double[] total, int[] minRank) {
      Map<String, Double> values = new LinkedHashMap<>();
      Map<String, String> missing = new LinkedHashMap<>();
      double ranked = total[RANKED];
      String noRelevant = testUsers.length == 0 ? "no test users"
          : "no test user has a relevant item";
      for (Metric m : metrics) {
        String name = m.name();
        if (absent.containsKey(name)) {
          missing.put(name, absent.get(name));
        } else if (m instanceof RatingMetric r) {
          if (total[RATED] > 0) {
            values.put(name, r.finish(total[SQ], total[ABS], (long) total[RATED]));
          } else {
            missing.put(name, "no test ratings");
          }
        } else if (ranked == 0) {
          missing.put(name, noRelevant);
        } else if (m instanceof TopKMetric t) {
          values.put(name, total[topKSlot[topK.indexOf(t)]] / ranked);
        } else if (m instanceof AucMetric) {
          if (total[AUC_N] > 0) {
            values.put(name, total[AUC_SUM] / total[AUC_N]);
          } else {
            missing.put(name, "no user has both relevant and non-relevant candidates");
          }
        } else if (m instanceof CoverageMetric c) {
          int covered = 0;
          for (int i = 0; i < items; i++) {
            if (minRank[i] < c.k()) {
              covered++;
            }
          }
          values.put(name, candidateCount == 0 ? 0 : covered / (double) candidateCount);
        } else if (m instanceof CatalogMetric c) {
          int s = catalogSlot[catalog.indexOf(c)];
          if (total[s + 1] > 0) {
            values.put(name, total[s] / total[s + 1]);
          } else {
            missing.put(name, "every recommendation list is empty");
          }
        }
      }
      Map<String, PerUserValues> perUser = new LinkedHashMap<>();
      if (store != null) {
        for (Metric m : metrics) {
          String name = m.name();
          if (!values.containsKey(name) || m instanceof CoverageMetric) {
            continue;
          }
          int sum;
          int count;
          if (m instanceof RatingMetric) {
            sum = m instanceof RmseMetric ? SQ : ABS;
            count = RATED;
          } else if (m instanceof TopKMetric t) {
            sum = topKSlot[topK.indexOf(t)];
            count = RANKED;
          } else if (m instanceof AucMetric) {
            sum = AUC_SUM;
            count = AUC_N;
          } else {
            sum = catalogSlot[catalog.indexOf((CatalogMetric) m)];
            count = sum + 1;
          }
          perUser.put(name, perUser(name, sum, count));
        }
      }
      return new EvaluationResult(values, missing, (long) ranked, (long) total[RATED], perUser);
    }

    /** The users with a non-zero count in slot {@code count}, each with sum / count. */
    private PerUserValues perUser(String name, int sum, int count) {
      int m = 0;
      for (int j = 0; j < testUsers.length; j++) {
        if (store[j * slots + count] > 0) {
          m++;
        }
      }
      int[] users = new int[m];
      double[] v = new double[m];
      double[] w = new double[m];
      m = 0;
      for (int j = 0; j < testUsers.length; j++) {
        double c = store[j * slots + count];
        if (c > 0) {
          users[m] = testUsers[j];
          v[m] = store[j * slots + sum] / c;
          w[m++] = c;
        }
      }
      return new PerUserValues(name, users, v, w);
    }

    /** Scratch of one worker thread, reused across its users. */
    private final class Worker {
      final boolean[] relevant = new boolean[items];
      final boolean[] hits = new boolean[maxK];
      final int[] list = new int[maxK];
      final FullRanking ranking = sampled || scorer == null ? null : new FullRanking(items, maxK, candidate);
      final float[] scores = sampled && scorer != null ? new float[items] : null;
      final float[] candidates = auc && !sampled ? new float[items] : null;
      final float[] positives = auc && !sampled ? new float[items] : null;
      final int[] minRank = coverage ? filled(items) : null;
      final NegativeSampler sampler = sampled ? new NegativeSampler(items, candidate) : null;
      final int[] negatives = sampled ? new int[options.sampledNegatives()] : null;

      private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, Integer.MAX_VALUE);
        return a;
      }

      int base;

      /** {@code acc[slot] += v}, and the same into the current user's per-user row. */
      private void add(double[] acc, int slot, double v) {
        acc[slot] += v;
        if (store != null) {
          store[base + slot] += v;
        }
      }

      void block(int from, int to, double[] acc) {
        for (int j = from; j < to; j++) {
          int u = testUsers[j];
          base = j * slots;
          if (predictor != null && !ratingMetrics.isEmpty()) {
            rate(u, acc);
          }
          if (scorer != null && (!topK.isEmpty() || !catalog.isEmpty() || auc)) {
            if (sampled) {
              rankSampled(u, acc);
            } else {
              rankFull(u, acc);
            }
          }
        }
      }

      private void rate(int u, double[] acc) {
        int[] col = test.colIdx();
        float[] val = test.values();
        for (int p = test.rowStart(u), end = test.rowEnd(u); p < end; p++) {
          double e = (double) predictor.predict(u, col[p]) - val[p];
          add(acc, SQ, e * e);
          add(acc, ABS, Math.abs(e));
          add(acc, RATED, 1);
        }
      }

      private boolean isRelevant(float value) {
        return Double.isNaN(threshold) || value >= threshold;
      }

      private void rankFull(int u, double[] acc) {
        int[] col = test.colIdx();
        float[] val = test.values();
        int start = test.rowStart(u);
        int end = test.rowEnd(u);
        int relevantCount = 0;
        for (int p = start; p < end; p++) {
          if (isRelevant(val[p])) {
            relevant[col[p]] = true;
            relevantCount++;
          }
        }
        if (relevantCount > 0) {
          int n = ranking.rank(scorer, u, options.excludeHistory() ? history : null, list);
          for (int r = 0; r < n; r++) {
            hits[r] = relevant[list[r]];
          }
          add(acc, RANKED, 1);
          for (int t = 0; t < topKSlot.length; t++) {
            add(acc, topKSlot[t], topK.get(t).ofList(hits, n, relevantCount));
          }
          if (auc) {
            auc(u, acc);
          }
          if (!catalog.isEmpty()) {
            catalog(n, acc);
          }
        }
        for (int p = start; p < end; p++) {
          relevant[col[p]] = false;
        }
      }

      private void auc(int u, double[] acc) {
        float[] s = ranking.scores();
        int[] hist = history.colIdx();
        int e = options.excludeHistory() ? history.rowStart(u) : 0;
        int eEnd = options.excludeHistory() ? history.rowEnd(u) : 0;
        int m = 0;
        int p = 0;
        for (int i = 0; i < items; i++) {
          if (e < eEnd && hist[e] == i) {
            e++;
            continue;
          }
          if (candidate != null && !candidate[i]) {
            continue;
          }
          candidates[m++] = s[i];
          if (relevant[i]) {
            positives[p++] = s[i];
          }
        }
        double a = AucMetric.compute(candidates, m, positives, p);
        if (!Double.isNaN(a)) {
          add(acc, AUC_SUM, a);
          add(acc, AUC_N, 1);
        }
      }

      private void catalog(int n, double[] acc) {
        if (minRank != null) {
          for (int r = 0; r < n; r++) {
            int i = list[r];
            if (r < minRank[i]) {
              minRank[i] = r;
            }
          }
        }
        for (int c = 0; c < catalogSlot.length; c++) {
          CatalogMetric m = catalog.get(c);
          int len = Math.min(m.cutoff(), n);
          if (m instanceof CoverageMetric || len == 0) {
            continue;
          }
          double sum = 0;
          for (int r = 0; r < len; r++) {
            sum += m instanceof NoveltyMetric ? selfInfo[list[r]] : pop[list[r]];
          }
          add(acc, catalogSlot[c], sum / len);
          add(acc, catalogSlot[c] + 1, 1);
        }
      }

      private void rankSampled(int u, double[] acc) {
        int[] col = test.colIdx();
        float[] val = test.values();
        int start = test.rowStart(u);
        int end = test.rowEnd(u);
        boolean any = false;
        for (int p = start; p < end && !any; p++) {
          any = isRelevant(val[p]);
        }
        if (!any) {
          return;
        }
        sampler.begin(u, options.seed(), history, test);
        scorer.scoreItems(u, scores);
        for (int p = start; p < end; p++) {
          if (!isRelevant(val[p])) {
            continue;
          }
          int pos = col[p];
          if (candidate != null && !candidate[pos]) {
            continue; // not a candidate: not ranked
          }
          float sp = AucMetric.clean(scores[pos]);
          int n = sampler.draw(negatives.length, negatives);
          int rank = 0;
          int below = 0;
          int ties = 0;
          for (int j = 0; j < n; j++) {
            int neg = negatives[j];
            float sn = AucMetric.clean(scores[neg]);
            if (sn > sp) {
              rank++;
            } else if (sn == sp) {
              ties++;
              if (neg < pos) {
                rank++;
              }
            } else {
              below++;
            }
          }
          add(acc, RANKED, 1);
          if (maxK > 0) {
            if (rank < maxK) {
              hits[rank] = true;
            }
            int len = Math.min(maxK, n + 1);
            for (int t = 0; t < topKSlot.length; t++) {
              add(acc, topKSlot[t], topK.get(t).ofList(hits, len, 1));
            }
            if (rank < maxK) {
              hits[rank] = false;
            }
          }
          if (auc && n > 0) {
            add(acc, AUC_SUM, (below + 0.5 * ties) / n);
            add(acc, AUC_N, 1);
          }
        }
      }
    }
  }

  /**
   * Held-out users (strong generalisation): the model never saw them, so each is scored by folding
   * in their given history (the split's test input) at test time.
   */
  static ItemScorer foldInScorer(FoldIn model, CsrMatrix input) {
    return new ItemScorer() {
      @Override
      public void scoreItems(int u, float[] out) {
        int s = input.rowStart(u);
        int e = input.rowEnd(u);
        model.scoreItemsForHistory(java.util.Arrays.copyOfRange(input.colIdx(), s, e),
            java.util.Arrays.copyOfRange(input.values(), s, e), out);
      }

      @Override
      public String algorithm() {
        return model.algorithm();
      }

      @Override
      public io.reco4j.model.AlgorithmConfig config() {
        return model.config();
      }

      @Override
      public io.reco4j.model.Provenance provenance() {
        return model.provenance();
      }

      @Override
      public io.reco4j.data.IdIndex users() {
        return model.users();
      }

      @Override
      public io.reco4j.data.IdIndex items() {
        return model.items();
      }
    };
  }
}
