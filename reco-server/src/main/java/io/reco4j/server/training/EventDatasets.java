package io.reco4j.server.training;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.Dataset;
import io.reco4j.data.Datasets;
import io.reco4j.data.DuplicatePolicy;
import io.reco4j.data.IdIndex;
import io.reco4j.data.ItemMetadata;
import io.reco4j.store.Event;
import io.reco4j.store.EventStore;
import io.reco4j.store.StoredEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Training data for the service: an optional base dataset (e.g. ml-latest-small with its item
 * metadata) plus every stored event up to a watermark, turned into values by {@link EventWeights}.
 *
 * <p><b>Ids.</b> Users and items first seen in events join the id indices. An {@link IdIndex} is
 * ordered by external id (numerically when every id is an integer, else as strings), so a new id
 * takes its sorted place and dense indices of a retrained model can differ from the previous
 * model's: the service maps external ids through each model's own index, never carries dense
 * indices across versions. A numeric base index stays numeric while every event id is a
 * canonical integer ({@code "318"}, not {@code "0318"}); otherwise the union is a string index.
 * Item metadata follows its items to their new indices; new items have none.
 *
 * <p><b>Memory.</b> Events are scanned in batches; per event the builder keeps two {@code int}s
 * and a {@code float} (plus one map entry per distinct id), nothing per event beyond what
 * {@link EventStore#scan} hands over. The result carries no timestamps.
 */
public final class EventDatasets {
  private EventDatasets() {}

  /** Which values the dataset carries (see {@link EventWeights}). */
  public enum Mode {
    /** Ratings: rating events only, latest rating of a pair wins; {@code explicit()} true. */
    EXPLICIT,
    /** Interaction strengths: weighted events, summed per pair and capped. */
    IMPLICIT
  }

  /**
   * A built dataset and what went into it.
   *
   * @param dataset the training data
   * @param watermark the highest event sequence included (0 when the store is empty)
   * @param eventsScanned events read from the store (up to the watermark)
   * @param eventsUsed events that contributed a value (the others had weight 0 or were not
   *     ratings in explicit mode)
   * @param newUsers users not in the base dataset
   * @param newItems items not in the base dataset
   */
  public record Built(Dataset dataset, long watermark, long eventsScanned, long eventsUsed,
      int newUsers, int newItems) {}

  /** Events read per {@link EventStore#scan} batch. */
  public static final int SCAN_BATCH = 10_000;

  /**
   * Builds the dataset.
   *
   * @param base the base dataset, or null for events only
   * @param store the event store
   * @param watermark include events with sequence {@code <= watermark}; use
   *     {@code store.lastSequence()} for everything stored now
   * @param mode explicit ratings or implicit strengths
   * @param weights how events become values
   * @param threads threads for building the matrix
   */
  public static Built build(Dataset base, EventStore store, long watermark, Mode mode,
      EventWeights weights, int threads) {
    // 1. events -> (local user, local item, value), ids interned once each
    Map<String, Integer> userIds = new HashMap<>();
    Map<String, Integer> itemIds = new HashMap<>();
    List<String> userNames = new ArrayList<>();
    List<String> itemNames = new ArrayList<>();
    Growing ev = new Growing();
    long[] counts = new long[2]; // scanned, used
    long[] maxSeq = new long[1];
    store.scan(0, SCAN_BATCH, batch -> {
      for (StoredEvent se : batch) {
        if (se.sequence() > watermark) {
          return;
        }
        counts[0]++;
        maxSeq[0] = Math.max(maxSeq[0], se.sequence());
        Event e = se.event();
        float v;
        if (mode == Mode.EXPLICIT) {
          if (!EventWeights.RATING.equals(e.type())) {
            continue;
          }
          v = e.value();
        } else {
          v = weights.implicitWeight(e.type(), e.value());
          if (v == 0f) {
            continue;
          }
        }
        counts[1]++;
        int u = userIds.computeIfAbsent(e.userId(), k -> {
          userNames.add(k);
          return userNames.size() - 1;
        });
        int i = itemIds.computeIfAbsent(e.itemId(), k -> {
          itemNames.add(k);
          return itemNames.size() - 1;
        });
        ev.add(u, i, v);
      }
    });
    // 2. the union id indices
    IdIndex users = union("user", base == null ? null : base.users(), userNames);
    IdIndex items = union("item", base == null ? null : base.items(), itemNames);
    // 3. coordinates: base rows first, then events in sequence order
    int nBase = base == null ? 0 : base.matrix().nnz();
    int n = nBase + ev.size;
    int[] rows = new int[n];
    int[] cols = new int[n];
    float[] vals = new float[n];
    int p = 0;
    if (base != null) {
      int[] userMap = remap(base.users(), users);
      int[] itemMap = remap(base.items(), items);
      CsrMatrix m = base.matrix();
      int[] ptr = m.rowPtr();
      int[] ci = m.colIdx();
      float[] bv = m.values();
      for (int r = 0; r < m.rows(); r++) {
        for (int q = ptr[r]; q < ptr[r + 1]; q++) {
          float v = bv[q];
          if (mode == Mode.IMPLICIT && base.explicit()) {
            v = weights.implicitWeight(EventWeights.RATING, v);
            if (v == 0f) {
              continue;
            }
          }
          rows[p] = userMap[r];
          cols[p] = itemMap[ci[q]];
          vals[p] = v;
          p++;
        }
      }
    }
    int[] evUserMap = new int[userNames.size()];
    for (int k = 0; k < evUserMap.length; k++) {
      evUserMap[k] = users.require(userNames.get(k));
    }
    int[] evItemMap = new int[itemNames.size()];
    for (int k = 0; k < evItemMap.length; k++) {
      evItemMap[k] = items.require(itemNames.get(k));
    }
    for (int k = 0; k < ev.size; k++) {
      rows[p] = evUserMap[ev.users[k]];
      cols[p] = evItemMap[ev.items[k]];
      vals[p] = ev.values[k];
      p++;
    }
    if (p < n) {
      rows = Arrays.copyOf(rows, p);
      cols = Arrays.copyOf(cols, p);
      vals = Arrays.copyOf(vals, p);
    }
    DuplicatePolicy dup = mode == Mode.EXPLICIT ? DuplicatePolicy.LAST : DuplicatePolicy.SUM;
    String name = (base == null ? "events" : base.name() + "+events") + "@" + maxSeq[0];
    Dataset d = Datasets.assemble(name, users, items, rows, cols, vals, null, dup, threads);
    CsrMatrix x = d.matrix();
    if (mode == Mode.IMPLICIT) { // cap the summed weights
      float[] v = x.values().clone();
      for (int q = 0; q < v.length; q++) {
        v[q] = Math.min(v[q], weights.maxWeight());
      }
      x = new CsrMatrix(x.rows(), x.cols(), x.rowPtr(), x.colIdx(), v, null);
    }
    ItemMetadata meta = base == null || base.metadata() == null ? null
        : remapMetadata(base.metadata(), base.items(), items);
    d = new Dataset(name, users, items, x, mode == Mode.EXPLICIT, meta);
    int baseUsers = base == null ? 0 : base.userCount();
    int baseItems = base == null ? 0 : base.itemCount();
    return new Built(d, maxSeq[0], counts[0], counts[1], users.size() - baseUsers,
        items.size() - baseItems);
  }

  /** The sorted union of a base index's ids and new ids (see the class comment). */
  static IdIndex union(String kind, IdIndex base, List<String> extra) {
    boolean numeric = base == null || base.isNumeric();
    if (numeric) {
      for (String s : extra) {
        if (!isCanonicalLong(s)) {
          numeric = false;
          break;
        }
      }
    }
    if (numeric) {
      long[] baseIds = base == null ? new long[0] : base.numericIds();
      long[] all = Arrays.copyOf(baseIds, baseIds.length + extra.size());
      for (int k = 0; k < extra.size(); k++) {
        all[baseIds.length + k] = Long.parseLong(extra.get(k));
      }
      Arrays.sort(all);
      return IdIndex.ofNumeric(kind, distinct(all));
    }
    String[] baseIds = base == null ? new String[0] : base.stringIds();
    String[] all = Arrays.copyOf(baseIds, baseIds.length + extra.size());
    for (int k = 0; k < extra.size(); k++) {
      all[baseIds.length + k] = extra.get(k);
    }
    Arrays.sort(all);
    int m = 0;
    for (int k = 0; k < all.length; k++) {
      if (m == 0 || !all[k].equals(all[m - 1])) {
        all[m++] = all[k];
      }
    }
    return IdIndex.ofStrings(kind, Arrays.copyOf(all, m));
  }

  private static long[] distinct(long[] sorted) {
    int m = 0;
    for (int k = 0; k < sorted.length; k++) {
      if (m == 0 || sorted[k] != sorted[m - 1]) {
        sorted[m++] = sorted[k];
      }
    }
    return Arrays.copyOf(sorted, m);
  }

  static boolean isCanonicalLong(String s) {
    try {
      return Long.toString(Long.parseLong(s)).equals(s);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** old dense index -> new dense index. */
  private static int[] remap(IdIndex from, IdIndex to) {
    int[] map = new int[from.size()];
    for (int k = 0; k < map.length; k++) {
      map[k] = to.require(from.idOf(k));
    }
    return map;
  }

  private static ItemMetadata remapMetadata(ItemMetadata meta, IdIndex from, IdIndex to) {
    ItemMetadata out = ItemMetadata.empty(to.size());
    int[] map = remap(from, to);
    for (int k = 0; k < map.length; k++) {
      out.titles()[map[k]] = meta.titles()[k];
      out.genres()[map[k]] = meta.genres()[k];
      out.tags()[map[k]] = meta.tags()[k];
    }
    return out;
  }

  /** Growable primitive columns of (user, item, value). */
  private static final class Growing {
    int[] users = new int[1024];
    int[] items = new int[1024];
    float[] values = new float[1024];
    int size;

    void add(int u, int i, float v) {
      if (size == users.length) {
        int cap = users.length * 2;
        users = Arrays.copyOf(users, cap);
        items = Arrays.copyOf(items, cap);
        values = Arrays.copyOf(values, cap);
      }
      users[size] = u;
      items[size] = i;
      values[size] = v;
      size++;
    }
  }
}
