package io.reco4j.server.training;

import java.time.Instant;

/**
 * A training run as the admin API reports it ({@code GET /admin/jobs/{job}}). Immutable snapshot.
 *
 * @param id {@code j1}, {@code j2}, … in submission order
 * @param trigger what started it: {@code manual}, {@code schedule} or {@code events}
 * @param request what was asked
 * @param state queued, running, done or failed
 * @param submittedAt when it was submitted
 * @param finishedAt when it ended, or null
 * @param result the outcome when done, else null
 * @param error the failure message when failed, else null
 */
public record TrainingJob(String id, String trigger, TrainingRequest request, State state,
    Instant submittedAt, Instant finishedAt, TrainingResult result, String error) {

  /** Where a job stands. */
  public enum State {
    /** Waiting for the running job to finish (runs are single-flight). */
    QUEUED,
    /** Training now. */
    RUNNING,
    /** Finished: a version was registered and promoted or rejected (see the result). */
    DONE,
    /** Threw: nothing was registered, the live model is unchanged (see the error). */
    FAILED;

    /** The lower-case wire name. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  TrainingJob with(State s, Instant finished, TrainingResult r, String err) {
    return new TrainingJob(id, trigger, request, s, submittedAt, finished, r, err);
  }
}
