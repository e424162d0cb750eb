package dev.verodestination.deliver;

import dev.verodestination.log.JsonLog;

/**
 * A message's progress records as delivery keeps them: a record that cannot be written is said in a
 * warning and costs at most repeated calls, never a message.
 */
final class ProgressBook {

  private final CallProgress progress;

  ProgressBook(CallProgress progress) {
    this.progress = progress;
  }

  /** Where a retry resumes: the calls a redrive or an earlier try recorded, at most all of them. */
  int callsDone(QueuedMessage message, int calls) throws CallProgress.ProgressUnavailableException {
    int done = message.callsDone();
    if (calls > 1 && message.receiveCount() > 1) {
      done = Math.max(done, progress.callsDone(message.progressKey()));
    }
    return Math.min(done, calls);
  }

  /** Calls made since {@code alreadyDone}, kept for the next invocation. */
  void callsMade(QueuedMessage message, int call, int alreadyDone, JsonLog log) {
    if (call <= alreadyDone) {
      return;
    }
    try {
      progress.callsMade(message.progressKey(), call);
    } catch (CallProgress.ProgressUnavailableException e) {
      log.warn("calls made not recorded, the retry will repeat " + (call - alreadyDone) + " call(s): " + e.getMessage());
    }
  }

  /** The attempts failed so far, this one included. */
  int failedAttempt(QueuedMessage message, int call) throws CallProgress.ProgressUnavailableException {
    return progress.failedAttempt(message.progressKey(), call);
  }

  /** A done message's progress is of no more use; its record would otherwise wait for the table's TTL. */
  void forget(QueuedMessage message, JsonLog log) {
    try {
      progress.clear(message.progressKey());
    } catch (CallProgress.ProgressUnavailableException e) {
      log.warn("progress not cleared, it expires with the table's TTL: " + e.getMessage());
    }
  }
}
