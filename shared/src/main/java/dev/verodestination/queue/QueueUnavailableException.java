package dev.verodestination.queue;

/** SQS did not take every message; the caller may safely retry, since the queue dedups. */
public final class QueueUnavailableException extends Exception {

  public QueueUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
