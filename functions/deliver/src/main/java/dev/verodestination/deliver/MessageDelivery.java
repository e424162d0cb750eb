package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.FifoIds;
import dev.verodestination.queue.FifoMessage;
import dev.verodestination.queue.FifoPublisher;
import dev.verodestination.queue.QueueUnavailableException;
import dev.verodestination.vero.VeroMapping;
import dev.verodestination.vero.VeroOutcome;
import dev.verodestination.vero.VeroRequest;
import dev.verodestination.vero.VeroSender;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Delivers one queued Segment message: maps it, sends its Vero calls in order, and decides what
 * happens to the message. A message carries in {@value #PROGRESS_FIELD} how many of its calls have
 * already succeeded, so that no retry repeats one.
 */
final class MessageDelivery {

  /** Calls already made for this message; set on continuations and on dead letters. */
  static final String PROGRESS_FIELD = "_veroCallsDone";

  private final VeroSender vero;
  private final String authToken;
  private final FifoPublisher continuations;
  private final DeadLetterQueue deadLetters;
  private final Clock clock;
  private final JsonLog log;

  MessageDelivery(VeroSender vero, String authToken, FifoPublisher continuations, DeadLetterQueue deadLetters,
      Clock clock, JsonLog log) {
    this.vero = vero;
    this.authToken = authToken;
    this.continuations = continuations;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.log = log;
  }

  MessageOutcome deliver(SQSMessage message) {
    ObjectNode body;
    try {
      JsonNode parsed = Json.MAPPER.readTree(message.getBody());
      if (!parsed.isObject()) {
        return park(message, message.getBody(), "queued body is not a JSON object", 0);
      }
      body = (ObjectNode) parsed;
    } catch (IOException e) {
      return park(message, message.getBody(), "queued body is not valid JSON", 0);
    }
    VeroMapping.Result mapped = VeroMapping.map(body, authToken);
    if (mapped instanceof VeroMapping.Unmappable unmappable) {
      return park(message, message.getBody(), unmappable.reason(), 0);
    }
    List<VeroRequest> requests = ((VeroMapping.Requests) mapped).requests();
    int alreadyDone = Math.min(body.path(PROGRESS_FIELD).asInt(0), requests.size());
    for (int call = alreadyDone; call < requests.size(); call++) {
      VeroOutcome outcome = vero.send(requests.get(call));
      if (outcome instanceof VeroOutcome.Delivered) {
        continue;
      }
      if (outcome instanceof VeroOutcome.Permanent permanent) {
        return park(message, withProgress(body, call), permanent.reason() + describeCall(requests.get(call)), permanent.status());
      }
      VeroOutcome.Retryable retryable = (VeroOutcome.Retryable) outcome;
      if (call == alreadyDone) {
        return new MessageOutcome.TryAgain(retryable.reason(), retryable.retryAfter());
      }
      return continueLater(message, body, call, retryable);
    }
    return new MessageOutcome.Finished(false);
  }

  /**
   * Some calls of this attempt succeeded and a later one can be retried: the message is replaced by
   * a continuation that records the progress, so the retry sends only what is left. If even that
   * cannot be queued, the message is retried whole (the only case where a call may repeat).
   */
  private MessageOutcome continueLater(SQSMessage message, ObjectNode body, int call, VeroOutcome.Retryable retryable) {
    String messageId = body.path("messageId").asText(message.getMessageId());
    try {
      continuations.publish(List.of(new FifoMessage(groupOf(message),
          FifoIds.of(messageId + "#calls-done-" + call), withProgress(body, call))));
      return new MessageOutcome.Finished(false);
    } catch (QueueUnavailableException e) {
      log.warn("continuation not queued, the message will be retried whole: " + e.getMessage());
      return new MessageOutcome.TryAgain(retryable.reason(), retryable.retryAfter());
    }
  }

  private MessageOutcome park(SQSMessage message, String body, String reason, int status) {
    try {
      deadLetters.park(body, Optional.of(groupOf(message)), message.getMessageId(),
          new DeadLetterQueue.Parked(reason, status, clock.instant(), "deliver"));
      return new MessageOutcome.Finished(true);
    } catch (QueueUnavailableException e) {
      return new MessageOutcome.TryAgain("could not park in the DLQ (" + e.getMessage() + "): " + reason, Optional.empty());
    }
  }

  private static String withProgress(ObjectNode body, int callsDone) {
    ObjectNode copy = body.deepCopy();
    if (callsDone > 0) {
      copy.put(PROGRESS_FIELD, callsDone);
    }
    return Json.string(copy);
  }

  private static String describeCall(VeroRequest request) {
    return " (" + request.method() + " " + request.path() + ")";
  }

  static String groupOf(SQSMessage message) {
    String group = message.getAttributes() == null ? null : message.getAttributes().get("MessageGroupId");
    return group == null ? message.getMessageId() : group;
  }
}
