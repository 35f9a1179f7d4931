package io.reco4j.store;

/**
 * What an append did.
 *
 * @param accepted number of events of the batch (all of them, or all of them earlier when a
 *     duplicate)
 * @param lastSequence the sequence number of the batch's last event
 * @param duplicate true when the idempotency key was seen before: nothing was stored this time and
 *     the fields describe the original append
 */
public record AppendResult(int accepted, long lastSequence, boolean duplicate) {}
