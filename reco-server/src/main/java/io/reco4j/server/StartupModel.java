package io.reco4j.server;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.model.Model;
import io.reco4j.model.ModelFiles;
import io.reco4j.model.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model served when no registry is configured: loaded from {@code model} (an R4JMODEL file)
 * or trained at start-up on the base data with {@code algo} and {@code params}. It covers the base
 * data only, so its store watermark is 0: every stored event is newer and folds in.
 */
public final class StartupModel {
  private static final Logger LOG = LoggerFactory.getLogger(StartupModel.class);

  private StartupModel() {}

  /** The data as served and trained on: the implicit view when configured; null stays null. */
  public static Dataset servingData(ServerConfig config, Dataset base) {
    return base == null ? null : config.implicit() ? base.implicit(Float.NaN) : base;
  }

  /**
   * Builds the start-up snapshot.
   *
   * @param config {@code model}, {@code algo}, {@code params}, {@code implicit}
   * @param base the base dataset as loaded (the implicit view is taken here when configured), or
   *     null when only a model file is given
   */
  public static ServedModel build(ServerConfig config, Dataset base) throws IOException {
    Dataset data = servingData(config, base);
    Model model;
    if (config.model() != null) {
      model = ModelFiles.load(Path.of(config.model()));
      LOG.info("loaded model {}: {}", config.model(), model.provenance().oneLine());
    } else {
      if (data == null) {
        throw new IllegalArgumentException("no data to train on: give --data or --model");
      }
      Trainer<? extends Model> trainer = Algorithms.trainer(config.algo(), config.params());
      long t0 = System.nanoTime();
      model = trainer.train(data);
      LOG.info("trained {} on {} in {} s", model.algorithm(), data.name(),
          String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9));
    }
    return ServedModel.of("v000001", model, data, 0);
  }
}
