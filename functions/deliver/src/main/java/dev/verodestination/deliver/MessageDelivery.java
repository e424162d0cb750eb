package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.deliver.outage.VeroHealth;
import dev.verodestination.deliver.suppress.SuppressionCheck;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.deliver.vero.VeroMapping;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.segment.MessageType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Delivers one queued Segment message: reads it, skips it if its user is suppressed, maps it, and
 * makes its Vero calls ({@link VeroCalls}). No retry repeats a call that succeeded: progress is
 * recorded when a later call of the same message must be retried, under the ids SQS itself dedups on,
 * and cleared once the message is done; a dead letter carries it in its
 * {@value DeadLetterQueue#CALLS_DONE} attribute, so that a redrive resumes where delivery stopped.
 */
final class MessageDelivery {

  /** Why a message of a suppressed user is not sent: {@code suppress} or {@code forget --suppress} named them. */
  static final String SUPPRESSED = "suppressed";

  private final SuppressionCheck suppressions;
  private final MappingRules mapping;
  private final DeadLetterParking parking;
  private final VeroCalls calls;

  /**
   * {@code maxAttempts}: failed attempts after which a message goes to the DLQ with its last reason;
   * {@code callMillis}: the time one Vero call may take, timeout and wrapping up included;
   * {@code keepUntilAge}: the age past which a message held back for an outage is dead-lettered
   * instead, before the queue's retention would delete it.
   */
  record Limits(int maxAttempts, long callMillis, Duration keepUntilAge) {}

  MessageDelivery(VeroSender vero, VeroHealth health, CallProgress progress, DeadLetterQueue deadLetters, MappingRules mapping,
      SuppressionCheck suppressions, Limits limits, VeroCallLines callLines, Clock clock) {
    this.suppressions = suppressions;
    this.mapping = mapping;
    this.parking = new DeadLetterParking(deadLetters, clock);
    this.calls = new VeroCalls(vero, health, new ProgressBook(progress), parking, limits, callLines, clock);
  }

  /** No call starts that could not finish within the invocation's time left. */
  MessageOutcome deliver(QueuedMessage message, DeliveryRun run) {
    ObjectNode body;
    try {
      if (!(Json.MAPPER.readTree(message.body()) instanceof ObjectNode object)) {
        return parking.park(message, "", "queued body is not a JSON object", 0, 0, run.log());
      }
      body = object;
    } catch (IOException e) {
      return parking.park(message, "", "queued body is not valid JSON", 0, 0, run.log());
    }
    // Segment's own id, which an operator has from the source or `dlq list`, beside the SQS id in every line
    String segmentId = body.path("messageId").isTextual() ? body.get("messageId").asText() : "";
    Optional<MessageOutcome> suppressed = skipIfSuppressed(message, segmentId, body, run.log());
    if (suppressed.isPresent()) {
      return suppressed.get();
    }
    return switch (VeroMapping.map(body, mapping)) {
      case VeroMapping.Unmappable unmappable -> parking.park(message, segmentId, unmappable.reason(), 0, 0, run.log());
      case VeroMapping.Requests mapped -> calls.make(message, segmentId, mapped.requests(), run);
    };
  }

  /** A deletion request of a suppressed user still goes: it is how they are forgotten. */
  private Optional<MessageOutcome> skipIfSuppressed(QueuedMessage message, String segmentId, ObjectNode body, JsonLog log) {
    if (!body.path("userId").isTextual() || MessageType.DELETE.wireName().equals(body.path("type").asText())) {
      return Optional.empty();
    }
    try {
      if (!suppressions.isSuppressed(body.get("userId").textValue())) {
        return Optional.empty();
      }
    } catch (CallProgress.ProgressUnavailableException e) {
      return Optional.of(new MessageOutcome.TryAgain(e.getMessage(), Optional.empty()));
    }
    log.write(log.line("INFO", "delivery skipped").put("messageId", message.id()).put("segmentMessageId", segmentId)
        .put("reason", SUPPRESSED));
    return Optional.of(new MessageOutcome.Skipped(SUPPRESSED));
  }
}
