package io.reco4j.eval;

import io.reco4j.data.CsrMatrix;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.RatingPredictor;
import io.reco4j.split.Split;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately simple reference evaluator for full ranking: boxed collections, a full sort per
 * user, every formula written out from its definition. Slow, obviously correct.
 */
final class NaiveReference {
  private NaiveReference() {}

  static Map<String, Double> evaluate(Object model, Split split, List<Metric> metrics,
      boolean excludeHistory, double threshold) {
    CsrMatrix test = split.test().matrix();
    CsrMatrix hist = split.history().matrix();
    CsrMatrix train = split.train().matrix();
    int items = split.train().itemCount();
    Map<String, List<Double>> perUser = new LinkedHashMap<>();
    Set<Integer>[] covered = newSets(metrics.size());
    boolean anyRanked = false;
    double sq = 0;
    double abs = 0;
    int rated = 0;
    int[] pop = new int[items];
    int activeUsers = 0;
    for (int u = 0; u < train.rows(); u++) {
      if (train.rowLength(u) > 0) {
        activeUsers++;
      }
      for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
        pop[train.colIdx()[p]]++;
      }
    }
    for (int u = 0; u < test.rows(); u++) {
      if (test.rowLength(u) == 0) {
        continue;
      }
      if (model instanceof RatingPredictor rp) {
        for (int p = test.rowStart(u); p < test.rowEnd(u); p++) {
          double e = rp.predict(u, test.colIdx()[p]) - (double) test.values()[p];
          sq += e * e;
          abs += Math.abs(e);
          rated++;
        }
      }
      if (!(model instanceof ItemScorer scorer)) {
        continue;
      }
      Set<Integer> relevant = new HashSet<>();
      for (int p = test.rowStart(u); p < test.rowEnd(u); p++) {
        if (Double.isNaN(threshold) || test.values()[p] >= threshold) {
          relevant.add(test.colIdx()[p]);
        }
      }
      if (relevant.isEmpty()) {
        continue;
      }
      float[] s = new float[items];
      scorer.scoreItems(u, s);
      List<Integer> candidates = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        if (!(excludeHistory && hist.contains(u, i))) {
          candidates.add(i);
        }
      }
      List<Integer> ranked = new ArrayList<>(candidates);
      ranked.sort(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparing(i -> i));
      anyRanked = true;
      for (int mi = 0; mi < metrics.size(); mi++) {
        Metric m = metrics.get(mi);
        int k = m.cutoff();
        List<Integer> top = ranked.subList(0, Math.min(k, ranked.size()));
        double v;
        if (m instanceof PrecisionMetric) {
          v = count(top, relevant) / (double) k;
        } else if (m instanceof RecallMetric) {
          v = count(top, relevant) / (double) relevant.size();
        } else if (m instanceof TruncatedRecallMetric) {
          v = count(top, relevant) / (double) Math.min(k, relevant.size());
        } else if (m instanceof NdcgMetric) {
          double dcg = 0;
          for (int rank = 1; rank <= top.size(); rank++) {
            if (relevant.contains(top.get(rank - 1))) {
              dcg += 1 / log2(rank + 1);
            }
          }
          double idcg = 0;
          for (int rank = 1; rank <= Math.min(k, relevant.size()); rank++) {
            idcg += 1 / log2(rank + 1);
          }
          v = dcg / idcg;
        } else if (m instanceof MeanAveragePrecisionMetric) {
          double sum = 0;
          for (int rank = 1; rank <= top.size(); rank++) {
            if (relevant.contains(top.get(rank - 1))) {
              sum += count(top.subList(0, rank), relevant) / (double) rank;
            }
          }
          v = sum / Math.min(k, relevant.size());
        } else if (m instanceof ReciprocalRankMetric) {
          v = 0;
          for (int rank = top.size(); rank >= 1; rank--) {
            if (relevant.contains(top.get(rank - 1))) {
              v = 1.0 / rank;
            }
          }
        } else if (m instanceof HitRateMetric) {
          v = count(top, relevant) > 0 ? 1 : 0;
        } else if (m instanceof AucMetric) {
          double wins = 0;
          int pairs = 0;
          for (int pos : candidates) {
            if (!relevant.contains(pos)) {
              continue;
            }
            for (int neg : candidates) {
              if (relevant.contains(neg)) {
                continue;
              }
              pairs++;
              wins += s[pos] > s[neg] ? 1 : s[pos] == s[neg] ? 0.5 : 0;
            }
          }
          if (pairs == 0) {
            continue;
          }
          v = wins / pairs;
        } else if (m instanceof CoverageMetric) {
          covered[mi].addAll(top);
          continue;
        } else if (m instanceof NoveltyMetric || m instanceof PopularityBiasMetric) {
          if (top.isEmpty()) {
            continue;
          }
          double sum = 0;
          for (int i : top) {
            double share = Math.max(pop[i], 1) / (double) Math.max(activeUsers, 1);
            sum += m instanceof NoveltyMetric ? -log2(share) : pop[i];
          }
          v = sum / top.size();
        } else {
          continue;
        }
        perUser.computeIfAbsent(m.name(), x -> new ArrayList<>()).add(v);
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (int mi = 0; mi < metrics.size(); mi++) {
      Metric m = metrics.get(mi);
      if (m instanceof RmseMetric && rated > 0) {
        out.put(m.name(), Math.sqrt(sq / rated));
      } else if (m instanceof MaeMetric && rated > 0) {
        out.put(m.name(), abs / rated);
      } else if (m instanceof CoverageMetric && anyRanked) {
        out.put(m.name(), covered[mi].size() / (double) items);
      } else if (perUser.containsKey(m.name())) {
        List<Double> vs = perUser.get(m.name());
        double sum = 0;
        for (double x : vs) {
          sum += x;
        }
        out.put(m.name(), sum / vs.size());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Set<Integer>[] newSets(int n) {
    Set<Integer>[] s = new Set[n];
    for (int j = 0; j < n; j++) {
      s[j] = new HashSet<>();
    }
    return s;
  }

  private static int count(List<Integer> list, Set<Integer> relevant) {
    int c = 0;
    for (int i : list) {
      if (relevant.contains(i)) {
        c++;
      }
    }
    return c;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
