package io.reco4j.eval;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one algorithm over all folds.
 *
 * @param name the name it was registered under in the run (a table row)
 * @param algorithm the model's algorithm name ({@link io.reco4j.model.Model#algorithm()})
 * @param configJson the trainer's configuration as JSON ({@link io.reco4j.model.Configs#toJson});
 *     embedded as a JSON object in the report
 * @param folds per-fold values and timings, in fold order
 * @param summary metric name → mean ± sample std over the folds where it has a value, in metric
 *     order; a metric absent in every fold is not here but in {@code absent}
 * @param absent metric name → why it has no value (from the first fold that lacked it)
 * @param trainSeconds training time per fold, summarised
 * @param evalSeconds evaluation time per fold, summarised
 */
public record AlgorithmResult(String name, String algorithm, @JsonRawValue String configJson,
    List<FoldResult> folds, Map<String, MetricSummary> summary, Map<String, String> absent,
    MetricSummary trainSeconds, MetricSummary evalSeconds) {

  public AlgorithmResult {
    folds = List.copyOf(folds);
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    absent = Collections.unmodifiableMap(new LinkedHashMap<>(absent));
  }

  /** Aggregates per-fold results, metrics in the given order. */
  static AlgorithmResult of(String name, String algorithm, String configJson,
      List<FoldResult> folds, List<String> metricOrder) {
    Map<String, MetricSummary> summary = new LinkedHashMap<>();
    Map<String, String> absent = new LinkedHashMap<>();
    double[] buf = new double[folds.size()];
    for (String metric : metricOrder) {
      int n = 0;
      String why = null;
      for (FoldResult f : folds) {
        Double v = f.metrics().get(metric);
        if (v != null) {
          buf[n++] = v;
        } else if (why == null) {
          why = f.absent().getOrDefault(metric, "not measured");
        }
      }
      if (n > 0) {
        summary.put(metric, MetricSummary.of(buf, n));
      } else if (why != null) {
        absent.put(metric, why);
      }
    }
    double[] train = new double[folds.size()];
    double[] eval = new double[folds.size()];
    for (int j = 0; j < folds.size(); j++) {
      train[j] = folds.get(j).trainSeconds();
      eval[j] = folds.get(j).evalSeconds();
    }
    return new AlgorithmResult(name, algorithm, configJson, folds, summary, absent,
        MetricSummary.of(train, train.length), MetricSummary.of(eval, eval.length));
  }
}
