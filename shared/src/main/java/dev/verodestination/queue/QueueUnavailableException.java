package dev.verodestination.queue;

/**
 * SQS did not take every message; the caller may safely retry, since the queue dedups.
 * {@code queued} counts the messages it did take before it failed (0 when none, as for a single send).
 */
public final class QueueUnavailableException extends Exception {

  private final int queued;

  public QueueUnavailableException(String message, Throwable cause) {
    this(message, cause, 0);
  }

  public QueueUnavailableException(String message, Throwable cause, int queued) {
    super(message, cause);
    this.queued = queued;
  }

  public int queued() {
    return queued;
  }
}
