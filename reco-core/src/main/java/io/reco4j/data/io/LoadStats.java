package io.reco4j.data.io;

import java.util.List;

/**
 * What happened while loading a file.
 *
 * @param dataLines lines holding data (blank lines and the header excluded)
 * @param rows interactions read (before duplicates were merged)
 * @param skipped malformed lines skipped under {@link OnError#SKIP}
 * @param skippedExamples the first few skipped lines, each "line N, field F: reason"
 * @param duplicatesMerged entries removed by the duplicate policy
 * @param seconds wall-clock load time
 * @param fromSnapshot whether the data came from a binary snapshot instead of a parse
 */
public record LoadStats(long dataLines, long rows, long skipped, List<String> skippedExamples,
    long duplicatesMerged, double seconds, boolean fromSnapshot) {

  public LoadStats {
    skippedExamples = List.copyOf(skippedExamples);
  }
}
