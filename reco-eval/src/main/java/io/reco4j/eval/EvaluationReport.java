package io.reco4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.reco4j.data.DataFingerprint;
import io.reco4j.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of an {@link EvaluationRunner} run: per algorithm, per-fold metric values and
 * timings and their mean ± sample std over folds, with the provenance needed to reproduce and
 * trace every number. Immutable.
 *
 * @param dataset the dataset's name
 * @param data the dataset's fingerprint (hash and counts)
 * @param dataHash the fingerprint hash as 16 hex digits
 * @param splitProtocol the split spec of the folds, e.g. {@code kfold:5}
 * @param splitSeed the seed the folds were drawn with
 * @param folds number of folds
 * @param options the evaluation options
 * @param metrics metric names in column order
 * @param reco4jVersion library version
 * @param gitCommit commit the library was built from
 * @param jvm JVM vendor and version
 * @param startedAt when the run started
 * @param totalSeconds wall-clock seconds of the whole run
 * @param trainSeconds seconds spent training, all algorithms and folds
 * @param evalSeconds seconds spent evaluating, all algorithms and folds
 * @param algorithms one entry per algorithm, in registration order
 */
public record EvaluationReport(String dataset, DataFingerprint data, String dataHash,
    String splitProtocol, long splitSeed, int folds, EvalOptions options, List<String> metrics,
    String reco4jVersion, String gitCommit, String jvm, Instant startedAt, double totalSeconds,
    double trainSeconds, double evalSeconds, List<AlgorithmResult> algorithms) {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /** The placeholder of an absent value in {@link #toTable()}. */
  public static final String ABSENT = "—";

  public EvaluationReport {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(options, "options");
    metrics = List.copyOf(metrics);
    algorithms = List.copyOf(algorithms);
  }

  /** The result of the algorithm registered as {@code name}. */
  public AlgorithmResult algorithm(String name) {
    for (AlgorithmResult a : algorithms) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("no algorithm '" + name + "' in the report (have "
        + algorithms.stream().map(AlgorithmResult::name).toList() + ")");
  }

  /** Pretty-printed JSON of the whole report; the algorithms' configs appear as JSON objects. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@link #toJson()} to {@code file} atomically (temp file + rename). */
  public void writeJson(Path file) throws IOException {
    byte[] bytes = toJson().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * A fixed-width text table: one row per algorithm, one column per metric with
   * {@code mean ± std} over folds ({@value #ABSENT} when the metric does not apply), then the mean
   * train and evaluation seconds per fold; preceded by a one-line provenance header.
   */
  public String toTable() {
    List<String> header = new ArrayList<>();
    header.add("algorithm");
    header.addAll(metrics);
    header.add("train s");
    header.add("eval s");
    List<List<String>> rows = new ArrayList<>();
    for (AlgorithmResult a : algorithms) {
      List<String> row = new ArrayList<>();
      row.add(a.name());
      for (String m : metrics) {
        MetricSummary s = a.summary().get(m);
        row.add(s == null ? ABSENT : s.format(4));
      }
      row.add(String.format(Locale.ROOT, "%.3f", a.trainSeconds().mean()));
      row.add(String.format(Locale.ROOT, "%.3f", a.evalSeconds().mean()));
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> row : rows) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "%s [%s] split %s seed %d, %d fold(s); reco4j %s@%s, %s; %s; %.1fs%n", dataset,
        dataHash, splitProtocol, splitSeed, folds, reco4jVersion, gitCommit, jvm, startedAt,
        totalSeconds));
    appendRow(sb, header, width);
    int line = 0;
    for (int w : width) {
      line += w + 2;
    }
    sb.append("-".repeat(line - 2)).append(System.lineSeparator());
    for (List<String> row : rows) {
      appendRow(sb, row, width);
    }
    return sb.toString();
  }

  private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(width[c] - cell.length());
      if (c > 0) {
        sb.append("  ");
      }
      if (c == 0) {
        sb.append(cell).append(pad); // names left-aligned
      } else {
        sb.append(pad).append(cell); // numbers right-aligned
      }
    }
    // no trailing spaces
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == ' ') {
      end--;
    }
    sb.setLength(end);
    sb.append(System.lineSeparator());
  }
}
