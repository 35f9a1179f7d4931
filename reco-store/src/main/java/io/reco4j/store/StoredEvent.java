package io.reco4j.store;

/**
 * An event as stored: with the sequence number the store gave it. Sequence numbers increase in
 * commit order and are never reused; they may have gaps.
 *
 * @param sequence the store's sequence number, at least 1
 * @param event the event
 */
public record StoredEvent(long sequence, Event event) {}
