package io.reco4j.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of the kill -9 test: appends batch after batch, each with its idempotency key,
 * and prints one line per acknowledged batch ({@code ACK batch lastSequence duplicate END}) until it
 * is killed.
 *
 * <p>Arguments: store spec, first batch number, events per batch.
 */
public final class AppendUntilKilled {
  private AppendUntilKilled() {}

  static String key(int batch) {
    return "batch-" + batch;
  }

  static String itemId(int batch, int k) {
    return "b" + batch + "-e" + k;
  }

  static List<Event> batch(int batch, int size) {
    List<Event> events = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      events.add(new Event("u" + (batch % 7), itemId(batch, k), "view", 1f + k, 1_700_000_000_000L + batch,
          "{\"batch\":" + batch + "}"));
    }
    return events;
  }

  public static void main(String[] args) {
    String spec = args[0];
    int first = Integer.parseInt(args[1]);
    int size = Integer.parseInt(args[2]);
    PrintStream out = System.out;
    try (EventStore store = EventStores.open(spec, Path.of("unused.db"))) {
      out.println("OPEN END");
      out.flush();
      for (int b = first; ; b++) {
        AppendResult r = store.append(batch(b, size), key(b));
        out.println("ACK " + b + " " + r.lastSequence() + " " + r.duplicate() + " END");
        out.flush();
      }
    }
  }
}
