package dev.verodestination.deliver;

import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.QueueUnavailableException;
import java.time.Clock;
import java.util.Optional;

/** Ends a message in the DLQ with its reason: the line an operator finds it by, the metric the alarm counts. */
final class DeadLetterParking {

  private final DeadLetterQueue deadLetters;
  private final Clock clock;

  DeadLetterParking(DeadLetterQueue deadLetters, Clock clock) {
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  /**
   * {@code status}: Vero's answer that ended it, 0 when none did; {@code callsDone}: its calls made,
   * from which a redrive resumes. While the DLQ cannot take it, the message is retried instead.
   */
  MessageOutcome park(QueuedMessage message, String segmentId, String reason, int status, int callsDone, JsonLog log) {
    try {
      deadLetters.park(message.body(), Optional.of(message.group()), message.id(),
          new DeadLetterQueue.Parked(reason, status, clock.instant(), "deliver", callsDone));
    } catch (QueueUnavailableException e) {
      return new MessageOutcome.TryAgain("could not park in the DLQ (" + e.getMessage() + "): " + reason, Optional.empty());
    }
    log.write(log.line("WARN", "dead-lettered").put("messageId", message.id()).put("segmentMessageId", segmentId)
        .put("reason", reason)
        .put("status", status));
    DeliverMetrics.deadLetter(log, status);
    return new MessageOutcome.Finished(true);
  }
}
