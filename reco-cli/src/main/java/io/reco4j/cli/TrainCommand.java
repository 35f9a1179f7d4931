package io.reco4j.cli;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.model.Configs;
import io.reco4j.model.Model;
import io.reco4j.model.ModelFiles;
import io.reco4j.model.Trainer;
import io.reco4j.model.TrainingListener;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reco train}: train one algorithm on a whole dataset and save the model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train an algorithm on a dataset and write a model file (versioned, checksummed, "
        + "written atomically) with its provenance.")
final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--algo", required = true, paramLabel = "NAME",
      description = "Algorithm: global-mean, bias, popular, random, itemknn, userknn, svd, svdpp, "
          + "als, ials, bpr, ease.")
  String algo;

  @Option(names = "--param", paramLabel = "FIELD=VALUE",
      description = "Override a config field, e.g. --param regularization=0.05.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "A JSON or YAML file with config fields (flags and --param override it).")
  Path configFile;

  @Option(names = "--factors", description = "Shorthand for --param factors=N.")
  Integer factors;

  @Option(names = "--iterations", description = "Shorthand for --param iterations=N (epochs "
      + "for SGD models).")
  Integer iterations;

  @Option(names = "--regularization", description = "Shorthand for --param regularization=X.")
  Double regularization;

  @Option(names = "--alpha", description = "Shorthand for --param alpha=X.")
  Double alpha;

  @Option(names = "--seed", description = "Shorthand for --param seed=N.")
  Long seed;

  @Option(names = "--implicit", description = "Treat every rating as an interaction (value 1).")
  boolean implicit;

  @Option(names = "--min-rating", paramLabel = "R",
      description = "With --implicit, keep only ratings >= R.")
  Float minRating;

  @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE",
      description = "Model file to write, e.g. model.reco.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = Algorithms.canonicalName(algo);
    Trainer<? extends Model> trainer = Algorithms.trainer(name, configJson(name));
    Dataset d = data.dataset(null, err);
    if (minRating != null && !implicit) {
      throw new IllegalArgumentException("--min-rating needs --implicit");
    }
    if (implicit) {
      d = d.implicit(minRating == null ? Float.NaN : minRating);
    }
    err.printf(Locale.ROOT, "training %s %s on %s (%,d users, %,d items, %,d interactions)%n",
        name, Configs.toJson(trainer.config()), d.name(), d.userCount(), d.itemCount(), d.size());
    long t0 = System.nanoTime();
    Model model;
    try (Progress progress = new Progress(err)) {
      model = trainer.train(d, progress);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    ModelFiles.save(model, out);
    stdout.printf(Locale.ROOT, "trained %s in %.2f s; wrote %s (%,d bytes)%n", name, secs, out,
        Files.size(out));
    stdout.println(model.provenance().oneLine());
    return 0;
  }

  /** Merges --config, --param and the shorthand flags into one JSON object of overrides. */
  private String configJson(String name) throws java.io.IOException {
    Map<String, Object> merged = new LinkedHashMap<>();
    if (configFile != null) {
      String text = Files.readString(configFile);
      var mapper = configFile.toString().endsWith(".json") ? Configs.json()
          : new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
      @SuppressWarnings("unchecked")
      Map<String, Object> fromFile = mapper.readValue(text, Map.class);
      if (fromFile != null) {
        merged.putAll(fromFile);
      }
    }
    merged.putAll(params);
    Map<String, Object> shorthands = new LinkedHashMap<>();
    shorthands.put("factors", factors);
    shorthands.put("iterations", iterations);
    shorthands.put("regularization", regularization);
    shorthands.put("alpha", alpha);
    shorthands.put("seed", seed);
    Class<?> configClass = Algorithms.configClass(name);
    for (var e : shorthands.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      List<String> fields = Arrays.stream(configClass.getRecordComponents())
          .map(RecordComponent::getName).toList();
      String field = e.getKey();
      if (field.equals("iterations") && !fields.contains(field) && fields.contains("epochs")) {
        field = "epochs"; // SGD models count epochs
      }
      if (!fields.contains(field)) {
        throw new IllegalArgumentException("--" + e.getKey() + ": algorithm '" + name
            + "' has no field '" + e.getKey() + "' (its fields: " + Arrays.stream(
                configClass.getRecordComponents()).map(RecordComponent::getName).toList() + ")");
      }
      merged.put(field, e.getValue());
    }
    return Configs.json().writeValueAsString(merged);
  }

  /** Per-iteration progress: a bar on a terminal, one line per iteration otherwise. */
  static final class Progress implements TrainingListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean interactive = System.console() != null;
    private ProgressBar bar;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void iteration(int iteration, int iterations, double loss, double seconds) {
      String extra = String.format(Locale.ROOT, "%s%.2f s/iter",
          Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "loss %.5g, ", loss), seconds);
      if (interactive) {
        if (bar == null) {
          bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(iterations)
              .setStyle(ProgressBarStyle.ASCII).setConsumer(
                  new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
        }
        bar.stepTo(iteration);
        bar.setExtraMessage(extra);
      } else {
        err.printf(Locale.ROOT, "  iteration %d/%d: %s%n", iteration, iterations, extra);
        err.flush();
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
