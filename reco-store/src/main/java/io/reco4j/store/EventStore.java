package io.reco4j.store;

import java.util.List;
import java.util.function.Consumer;

/**
 * A durable, append-only log of interaction events, shared by the service's write path (ingest),
 * read path (a user's recent history for fold-in) and retraining (a scan of everything).
 *
 * <p>Guarantees every implementation meets (and {@code EventStoreContract} tests): an append is
 * atomic (all events of a batch or none) and durable when the call returns (synced to stable
 * storage); a batch with an idempotency key that was already committed stores nothing and returns
 * the original result; events read back are equal to the events appended, in sequence order; a
 * process killed at any point loses nothing acknowledged and leaves the store readable.
 *
 * <p>Implementations are thread-safe.
 */
public interface EventStore extends AutoCloseable {
  /**
   * Appends a batch atomically and durably.
   *
   * @param events 1 or more events
   * @param idempotencyKey null, or a client key (1–128 characters) naming this batch: a later
   *     append with the same key stores nothing
   * @throws EventStoreException when the store cannot write; nothing of the batch is stored then
   */
  AppendResult append(List<Event> events, String idempotencyKey);

  /** Number of stored events. */
  long count();

  /** The highest sequence number stored, or 0 when empty. */
  long lastSequence();

  /**
   * A user's most recent events, newest first.
   *
   * @param limit at most this many
   */
  List<StoredEvent> history(String userId, int limit);

  /**
   * A user's events with sequence numbers above {@code afterSequence}, oldest first: what a user
   * did since a model was trained on everything up to {@code afterSequence}.
   */
  List<StoredEvent> historySince(String userId, long afterSequence);

  /**
   * Streams every event with a sequence number above {@code afterSequence}, in sequence order, in
   * batches of at most {@code batchSize}, up to the last sequence at the time of the call.
   *
   * @return the number of events streamed
   */
  long scan(long afterSequence, int batchSize, Consumer<List<StoredEvent>> sink);

  /** Where the store lives, for logs and provenance, without credentials. */
  String describe();

  /** Releases connections and files; further calls fail. */
  @Override
  void close();
}
