package io.reco4j.server;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.IdIndex;
import io.reco4j.model.ItemScorer;
import io.reco4j.model.Model;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An immutable snapshot of everything a read needs: the model, the base data it was trained on
 * (for seen-item exclusion and fold-in histories), the item catalogue and the store watermark the
 * model includes. The server holds one in an {@code AtomicReference}; a request reads it once, so
 * swapping in a new model never changes what an in-flight request sees.
 *
 * @param version the registry version ({@code v000003}) or a start-up label
 * @param model the model; an {@link ItemScorer}
 * @param data the base dataset, or null when only a model file is known; used for exclusion and
 *     history only when its id spaces are the model's ({@link #seen()} non-null)
 * @param catalog item descriptions aligned with the model's item index
 * @param lastSequence the highest store sequence the model was trained on (0: base data only);
 *     events above it are "newer than the model"
 * @param loadedAt when the snapshot went live
 */
public record ServedModel(String version, Model model, Dataset data, Catalog catalog,
    long lastSequence, Instant loadedAt) {

  public ServedModel {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(catalog, "catalog");
    if (!(model instanceof ItemScorer)) {
      throw new IllegalArgumentException("a served model must score items; " + model.algorithm()
          + " does not");
    }
    if (lastSequence < 0) {
      throw new IllegalArgumentException("lastSequence: negative");
    }
  }

  /** A snapshot of {@code model} trained on {@code data} (may be null) up to {@code lastSequence}. */
  public static ServedModel of(String version, Model model, Dataset data, long lastSequence) {
    return new ServedModel(version, model, data, Catalog.of(model.items(), data), lastSequence,
        Instant.now());
  }

  /** The model as a scorer. */
  public ItemScorer scorer() {
    return (ItemScorer) model;
  }

  /** The user index space of the model. */
  public IdIndex users() {
    return model.users();
  }

  /** The item index space of the model. */
  public IdIndex items() {
    return model.items();
  }

  /** The base interaction matrix in the model's index spaces, or null when not known. */
  public CsrMatrix seen() {
    if (data == null || !data.users().equals(model.users()) || !data.items().equals(model.items())) {
      return null;
    }
    return data.matrix();
  }

  /** The model's dense index of a user, or -1 when the model does not know the user. */
  public int userIndex(String userId) {
    OptionalInt u = model.users().find(userId);
    return u.isPresent() ? u.getAsInt() : -1;
  }

  /** The model's dense index of an item, or -1 when unknown. */
  public int itemIndex(String itemId) {
    OptionalInt i = model.items().find(itemId);
    return i.isPresent() ? i.getAsInt() : -1;
  }
}
