package io.reco4j.experiment.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trials file of a search run, {@code runs/<id>.trials.json}, rewritten atomically after every
 * trial so that an interruption loses at most the trial in progress:
 *
 * <pre>{@code
 * {"format": "reco4j-experiment-trials", "formatVersion": 1, "id": "<run id>",
 *  "trials": [{"trial": 1, "params": {...}, "value": 0.38, "bestIteration": 9 or null,
 *              "stoppedAt": 12 or null, "seconds": 1.2,
 *              "curve": [{"iteration": 1, "loss": 0.5 or null, "value": 0.31}, ...]}]}
 * }</pre>
 *
 * A failed trial has {@code "value": null} and an {@code "error"} text. Doubles are written in
 * full (shortest round-trip form), so values read back are bit-identical to the ones written.
 */
public final class TrialsFile {
  /** The {@code format} field. */
  public static final String FORMAT = "reco4j-experiment-trials";
  /** The {@code formatVersion} field. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  private TrialsFile() { }

  /** The trials file of run {@code id} in a results directory. */
  public static Path of(Path outDir, String id) {
    return outDir.resolve("runs").resolve(name(id));
  }

  /** The file name, {@code <id>.trials.json}. */
  public static String name(String id) {
    return id + ".trials.json";
  }

  /** Writes the trials of run {@code id} atomically. */
  public static void write(Path file, String id, List<Trial> trials) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("id", id);
    ArrayNode a = root.putArray("trials");
    for (Trial t : trials) {
      a.add(toJson(t));
    }
    byte[] bytes = JSON.writeValueAsBytes(root);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /** One trial as JSON. */
  public static ObjectNode toJson(Trial t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("trial", t.trial());
    ObjectNode p = o.putObject("params");
    t.params().forEach(p::set);
    number(o, "value", t.value());
    if (t.bestIteration() == null) {
      o.putNull("bestIteration");
    } else {
      o.put("bestIteration", t.bestIteration());
    }
    if (t.stoppedAt() == null) {
      o.putNull("stoppedAt");
    } else {
      o.put("stoppedAt", t.stoppedAt());
    }
    o.put("seconds", Math.round(t.seconds() * 1000) / 1000.0);
    ArrayNode c = o.putArray("curve");
    for (Trial.Point pt : t.curve()) {
      ObjectNode q = c.addObject();
      q.put("iteration", pt.iteration());
      number(q, "loss", pt.loss());
      number(q, "value", pt.value());
    }
    if (t.error() != null) {
      o.put("error", t.error());
    }
    return o;
  }

  private static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }

  /**
   * Reads the trials of run {@code id}; an absent file has none.
   *
   * @throws IllegalArgumentException naming the file when it is not the trials file of run {@code
   *     id} (another format, another run, trials out of order)
   * @throws IOException when it cannot be read
   */
  public static List<Trial> read(Path file, String id) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage()
          + "); remove it to restart the search", e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(file + ": not a " + FORMAT + " file");
    }
    if (root.path("formatVersion").asInt() != FORMAT_VERSION) {
      throw new IllegalArgumentException(file + ": formatVersion " + root.path("formatVersion")
          + " is not supported (this version reads " + FORMAT_VERSION + ")");
    }
    if (!id.equals(root.path("id").asText())) {
      throw new IllegalArgumentException(file + ": holds the trials of run '"
          + root.path("id").asText() + "', not '" + id + "'");
    }
    List<Trial> out = new ArrayList<>();
    int expected = 1;
    for (JsonNode t : root.path("trials")) {
      if (t.path("trial").asInt() != expected) {
        throw new IllegalArgumentException(file + ": trials[" + (expected - 1) + "].trial is "
            + t.path("trial") + ", expected " + expected);
      }
      Map<String, JsonNode> params = new LinkedHashMap<>();
      t.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue()));
      List<Trial.Point> curve = new ArrayList<>();
      for (JsonNode q : t.path("curve")) {
        curve.add(new Trial.Point(q.path("iteration").asInt(), number(q.get("loss")),
            number(q.get("value"))));
      }
      out.add(new Trial(expected, params, number(t.get("value")), integer(t.get("bestIteration")),
          integer(t.get("stoppedAt")), t.path("seconds").asDouble(), curve,
          t.hasNonNull("error") ? t.get("error").asText() : null));
      expected++;
    }
    return out;
  }

  private static double number(JsonNode n) {
    return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
  }

  private static Integer integer(JsonNode n) {
    return n == null || !n.isNumber() ? null : n.asInt();
  }
}
