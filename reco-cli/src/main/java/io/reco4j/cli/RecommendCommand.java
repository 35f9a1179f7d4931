package io.reco4j.cli;

import io.reco4j.data.CsrMatrix;
import io.reco4j.model.FoldIn;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.RatingPredictor;
import io.reco4j.rank.TopN;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reco recommend}: top-k for one user from a saved model. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Top-k items for a user from a model file, seen items excluded, with titles "
        + "when the training data has them. A user the model does not know is folded in from "
        + "their history in --data when the model supports fold-in.")
final class RecommendCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--model", required = true, paramLabel = "FILE")
  Path modelFile;

  @Option(names = "--user", required = true, paramLabel = "ID")
  String user;

  @Option(names = {"-k", "--k"}, defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(names = "--include-seen", description = "Do not exclude the user's known items.")
  boolean includeSeen;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelContext ctx = ModelContext.load(modelFile, data, err);
    if (!(ctx.model instanceof ItemScorer scorer)) {
      throw new IllegalArgumentException("model '" + ctx.model.algorithm() + "' cannot rank items");
    }
    int nItems = scorer.items().size();
    float[] scores = new float[nItems];
    int[] seen = new int[0];
    OptionalInt u = scorer.users().find(user);
    String path;
    if (u.isPresent()) {
      scorer.scoreItems(u.getAsInt(), scores);
      path = "known user";
      if (ctx.sameSpaces) {
        CsrMatrix m = ctx.data.matrix();
        seen = Arrays.copyOfRange(m.colIdx(), m.rowStart(u.getAsInt()), m.rowEnd(u.getAsInt()));
      }
    } else {
      OptionalInt du = ctx.data == null ? OptionalInt.empty() : ctx.data.users().find(user);
      if (du.isEmpty() || !(scorer instanceof FoldIn foldIn)) {
        throw new IllegalArgumentException("unknown user id '" + user + "': not in the model"
            + (scorer instanceof FoldIn ? " nor in the data" : "; model '" + scorer.algorithm()
                + "' cannot fold in new users"));
      }
      // fold in the user's history from the data, mapped into the model's item space
      CsrMatrix m = ctx.data.matrix();
      int s = m.rowStart(du.getAsInt());
      int e = m.rowEnd(du.getAsInt());
      int[] items = new int[e - s];
      float[] values = new float[e - s];
      int n = 0;
      for (int p = s; p < e; p++) {
        OptionalInt mi = scorer.items().find(ctx.data.items().idOf(m.colIdx()[p]));
        if (mi.isPresent()) {
          items[n] = mi.getAsInt();
          values[n++] = m.values()[p];
        }
      }
      items = Arrays.copyOf(items, n);
      values = Arrays.copyOf(values, n);
      foldIn.scoreItemsForHistory(items, values, scores);
      path = "folded in from " + n + " interactions";
      seen = items.clone();
      Arrays.sort(seen);
    }
    TopN top = new TopN(k);
    if (includeSeen) {
      top.offerAll(scores, null);
    } else {
      top.offerAllExcept(scores, seen, 0, seen.length);
    }
    int[] rec = new int[k];
    float[] sc = new float[k];
    int n = top.drainTo(rec, sc);
    out.printf(Locale.ROOT, "Top-%d for user %s (%s; model %s%s):%n", k, user, path,
        scorer.algorithm(), includeSeen || seen.length == 0 ? "" : ", " + seen.length
            + " seen items excluded");
    for (int r = 0; r < n; r++) {
      int i = rec[r];
      String score = scorer instanceof RatingPredictor p && u.isPresent()
          ? String.format(Locale.ROOT, "predicted %.2f", p.predict(u.getAsInt(), i))
          : String.format(Locale.ROOT, "score %.4f", sc[r]);
      out.printf(Locale.ROOT, "%3d. %-10s %-55s %-28s %s%n", r + 1, scorer.items().idOf(i),
          clip(ctx.title(i), 55), clip(String.join("|", ctx.genres(i)), 28), score);
    }
    return 0;
  }

  static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
