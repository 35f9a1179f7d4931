package io.reco4j.cli;

import io.reco4j.model.SimilarItems;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reco similar}: the items most similar to one item, from a saved model. */
@Command(name = "similar", mixinStandardHelpOptions = true,
    description = "The k items most similar to an item, by the model's own similarity.")
final class SimilarCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--model", required = true, paramLabel = "FILE")
  Path modelFile;

  @Option(names = "--item", required = true, paramLabel = "ID")
  String item;

  @Option(names = {"-k", "--k"}, defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
  int k;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelContext ctx = ModelContext.load(modelFile, data, err);
    if (!(ctx.model instanceof SimilarItems sim)) {
      throw new IllegalArgumentException("model '" + ctx.model.algorithm()
          + "' has no notion of item similarity (try itemknn, als, ials, bpr, ease, svd)");
    }
    int i = sim.items().require(item);
    int[] items = new int[k];
    float[] scores = new float[k];
    int n = sim.similarItems(i, k, items, scores);
    out.printf(Locale.ROOT, "Items most similar to %s %s (model %s):%n", item, ctx.title(i),
        sim.algorithm());
    for (int r = 0; r < n; r++) {
      out.printf(Locale.ROOT, "%3d. %-10s %-55s %-28s %.4f%n", r + 1, sim.items().idOf(items[r]),
          RecommendCommand.clip(ctx.title(items[r]), 55),
          RecommendCommand.clip(String.join("|", ctx.genres(items[r])), 28), scores[r]);
    }
    return 0;
  }
}
