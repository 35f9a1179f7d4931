package io.reco4j.experiment;

import io.reco4j.eval.EvaluationReport;
import java.nio.file.Path;

/**
 * A finished run.
 *
 * @param run what ran
 * @param report the evaluation of its one algorithm over every fold, with provenance
 * @param file the run's JSON file ({@code runs/<id>.json})
 */
public record RunResult(PlannedRun run, EvaluationReport report, Path file) { }
