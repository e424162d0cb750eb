package dev.verodestination.deliver;

/**
 * What a retried message carries over from its earlier tries, kept outside the queue because SQS
 * messages cannot change: how many of its Vero calls succeeded (so that the retry, which keeps its
 * place at the head of its FIFO group, skips them) and how many real attempts failed (so that a
 * message goes to the DLQ after its own failures, not after receives it spent waiting behind another
 * message of its user). Only messages that failed once ever touch it.
 */
public interface CallProgress {

  /** Calls of this message known to have succeeded; 0 when none are recorded. */
  int callsDone(String messageKey) throws ProgressUnavailableException;

  /** Records a failed attempt after {@code callsDone} calls succeeded; returns the attempts failed so far. */
  int failedAttempt(String messageKey, int callsDone) throws ProgressUnavailableException;

  /** Records calls that succeeded before the message was held back for an outage, which costs it no attempt. */
  void callsMade(String messageKey, int callsDone) throws ProgressUnavailableException;

  /** Forgets a message that is done. */
  void clear(String messageKey) throws ProgressUnavailableException;

  final class ProgressUnavailableException extends Exception {
    public ProgressUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
