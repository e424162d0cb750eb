package dev.verodestination.deliver;

/**
 * Remembers, for a message whose later Vero call must be retried, how many of its calls already
 * succeeded, so that the retry of the message, which keeps its place at the head of its FIFO group,
 * skips them. Only messages with more than one call (a tags edit) ever touch it.
 */
public interface CallProgress {

  /** Calls of this message known to have succeeded; 0 when none are recorded. */
  int callsDone(String messageKey) throws ProgressUnavailableException;

  void record(String messageKey, int callsDone) throws ProgressUnavailableException;

  /** Forgets a message that is done. */
  void clear(String messageKey) throws ProgressUnavailableException;

  final class ProgressUnavailableException extends Exception {
    public ProgressUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
