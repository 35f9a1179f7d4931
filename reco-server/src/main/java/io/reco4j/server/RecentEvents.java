package io.reco4j.server;

import io.reco4j.store.StoredEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events newer than the served model, per user, in memory: filled from the store at start-up
 * ({@code scan(watermark)}) and on every ingest, trimmed when a newer model goes live. It lets the
 * read path decide model / fold-in / popular and build fold-in histories without a database round
 * trip. Thread-safe: each user's list is copy-on-write.
 */
final class RecentEvents {
  private final ConcurrentHashMap<String, List<StoredEvent>> byUser = new ConcurrentHashMap<>();

  /** Adds events (any order across users; per user in sequence order). */
  void addAll(List<StoredEvent> events) {
    for (StoredEvent e : events) {
      byUser.compute(e.event().userId(), (k, old) -> {
        List<StoredEvent> l = new ArrayList<>(old == null ? 1 : old.size() + 1);
        if (old != null) {
          l.addAll(old);
        }
        // keep sequence order even when two ingests race
        int pos = l.size();
        while (pos > 0 && l.get(pos - 1).sequence() > e.sequence()) {
          pos--;
        }
        if (pos > 0 && l.get(pos - 1).sequence() == e.sequence()) {
          return old;
        }
        l.add(pos, e);
        return Collections.unmodifiableList(l);
      });
    }
  }

  /** A user's events newer than the model, oldest first (empty when none). */
  List<StoredEvent> of(String userId) {
    List<StoredEvent> l = byUser.get(userId);
    return l == null ? List.of() : l;
  }

  /** Drops every event with a sequence at or below {@code watermark} (a newer model has them). */
  void dropUpTo(long watermark) {
    byUser.replaceAll((k, l) -> {
      int from = 0;
      while (from < l.size() && l.get(from).sequence() <= watermark) {
        from++;
      }
      return from == 0 ? l : List.copyOf(l.subList(from, l.size()));
    });
    byUser.values().removeIf(List::isEmpty);
  }

  /** Number of users with newer events. */
  int users() {
    return byUser.size();
  }
}
