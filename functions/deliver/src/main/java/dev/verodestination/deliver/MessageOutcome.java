package dev.verodestination.deliver;

import dev.verodestination.deliver.outage.Outage;
import java.time.Duration;
import java.util.Optional;

/** What delivery made of one queued message. */
sealed interface MessageOutcome {

  /** Every Vero call made, or the message parked in the DLQ: delete it from the queue. */
  record Finished(boolean deadLettered) implements MessageOutcome {}

  /** Not for Vero (its user is suppressed): delete it from the queue without a call. */
  record Skipped(String reason) implements MessageOutcome {}

  /** Try again later; the message and the rest of its group stay on the queue. */
  record TryAgain(String reason, Optional<Duration> retryAfter) implements MessageOutcome {}

  /** Vero is down for every message: hand it and the rest of its group back for a probe interval, at no cost to its attempts. */
  record HeldBack(Outage outage) implements MessageOutcome {}

  /** Not tried: the invocation has no time left for its calls. Hand it back at once, not as a failure. */
  record OutOfTime() implements MessageOutcome {}
}
