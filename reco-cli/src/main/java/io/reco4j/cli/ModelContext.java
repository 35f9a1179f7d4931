package io.reco4j.cli;

import io.reco4j.data.Dataset;
import io.reco4j.data.ItemMetadata;
import io.reco4j.model.Model;
import io.reco4j.model.ModelFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * A loaded model with the dataset it was trained on, when that can be found: from {@code --data},
 * else from the data name in the model's provenance (a dataset name such as ml-latest-small). The
 * dataset supplies titles and each user's seen items; it is used for exclusion only when its id
 * spaces are the model's.
 */
final class ModelContext {
  final Model model;
  final Dataset data; // null when not found
  final boolean sameSpaces;

  private ModelContext(Model model, Dataset data) {
    this.model = model;
    this.data = data;
    this.sameSpaces = data != null && data.users().equals(model.users())
        && data.items().equals(model.items());
  }

  static ModelContext load(Path modelFile, DataOptions dataOptions, PrintWriter err)
      throws IOException {
    Model model = ModelFiles.load(modelFile);
    Dataset data = null;
    String what = dataOptions.data != null ? dataOptions.data : model.provenance().dataName();
    try {
      data = dataOptions.dataset(what, err);
    } catch (IllegalArgumentException | IOException e) {
      if (dataOptions.data != null) {
        throw e;
      }
      err.println("note: training data '" + what + "' not found (" + e.getMessage().lines()
          .findFirst().orElse("") + "); pass --data for titles and seen-item exclusion");
    }
    return new ModelContext(model, data);
  }

  /** A display title for a dense item of the model. */
  String title(int itemIndex) {
    String id = model.items().idOf(itemIndex);
    if (data != null && data.metadata() != null) {
      OptionalInt i = data.items().find(id);
      if (i.isPresent() && data.metadata().title(i.getAsInt()) != null) {
        return data.metadata().title(i.getAsInt());
      }
    }
    return "item " + id;
  }

  /** Genres of a dense item of the model, or an empty list. */
  List<String> genres(int itemIndex) {
    if (data == null || data.metadata() == null) {
      return List.of();
    }
    ItemMetadata m = data.metadata();
    OptionalInt i = data.items().find(model.items().idOf(itemIndex));
    return i.isPresent() ? m.genresOf(i.getAsInt()) : List.of();
  }
}
