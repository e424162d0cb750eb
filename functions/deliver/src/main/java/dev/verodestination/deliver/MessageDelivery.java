package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.QueueUnavailableException;
import dev.verodestination.segment.AnonymousUsers;
import dev.verodestination.deliver.vero.VeroMapping;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.deliver.vero.VeroSender;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Delivers one queued Segment message: maps it, sends its Vero calls in order, and decides what
 * happens to the message. No retry repeats a call that succeeded: progress is recorded when a later
 * call of the same message must be retried, and a dead letter carries it in {@value #PROGRESS_FIELD}
 * so that a redrive resumes where delivery stopped.
 */
final class MessageDelivery {

  /** Calls already made for this message, on a dead letter. */
  static final String PROGRESS_FIELD = "_veroCallsDone";

  private final VeroSender vero;
  private final CallProgress progress;
  private final DeadLetterQueue deadLetters;
  private final AnonymousUsers anonymousUsers;
  private final Clock clock;

  MessageDelivery(VeroSender vero, CallProgress progress, DeadLetterQueue deadLetters, AnonymousUsers anonymousUsers, Clock clock) {
    this.vero = vero;
    this.progress = progress;
    this.deadLetters = deadLetters;
    this.anonymousUsers = anonymousUsers;
    this.clock = clock;
  }

  /** {@code log} is the invocation's, so that its lines carry the request id. */
  MessageOutcome deliver(SQSMessage message, JsonLog log) {
    ObjectNode body;
    try {
      JsonNode parsed = Json.MAPPER.readTree(message.getBody());
      if (!parsed.isObject()) {
        return park(log, message, message.getBody(), "queued body is not a JSON object", 0);
      }
      body = (ObjectNode) parsed;
    } catch (IOException e) {
      return park(log, message, message.getBody(), "queued body is not valid JSON", 0);
    }
    VeroMapping.Result mapped = VeroMapping.map(body, anonymousUsers);
    if (mapped instanceof VeroMapping.Unmappable unmappable) {
      return park(log, message, message.getBody(), unmappable.reason(), 0);
    }
    List<VeroRequest> requests = ((VeroMapping.Requests) mapped).requests();
    String key = body.path("messageId").asText(message.getMessageId());
    int alreadyDone = body.path(PROGRESS_FIELD).asInt(0);
    if (requests.size() > 1 && receiveCount(message) > 1) {
      try {
        alreadyDone = Math.max(alreadyDone, progress.callsDone(key));
      } catch (CallProgress.ProgressUnavailableException e) {
        return new MessageOutcome.TryAgain(e.getMessage(), Optional.empty());
      }
    }
    alreadyDone = Math.min(alreadyDone, requests.size());
    for (int call = alreadyDone; call < requests.size(); call++) {
      VeroOutcome outcome = vero.send(requests.get(call), log);
      if (outcome instanceof VeroOutcome.Delivered) {
        continue;
      }
      if (outcome instanceof VeroOutcome.Permanent permanent) {
        return park(log, message, withProgress(body, call), permanent.reason() + describeCall(requests.get(call)), permanent.status());
      }
      VeroOutcome.Retryable retryable = (VeroOutcome.Retryable) outcome;
      if (call > alreadyDone) {
        try {
          progress.record(key, call);
        } catch (CallProgress.ProgressUnavailableException e) {
          log.warn("progress not recorded, the retry will repeat " + call + " call(s): " + e.getMessage());
        }
      }
      return new MessageOutcome.TryAgain(retryable.reason(), retryable.retryAfter());
    }
    return new MessageOutcome.Finished(false);
  }

  private MessageOutcome park(JsonLog log, SQSMessage message, String body, String reason, int status) {
    try {
      deadLetters.park(body, Optional.of(groupOf(message)), message.getMessageId(),
          new DeadLetterQueue.Parked(reason, status, clock.instant(), "deliver"));
      log.write(log.line("WARN", "dead-lettered").put("messageId", message.getMessageId()).put("reason", reason)
          .put("status", status));
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

  static int receiveCount(SQSMessage message) {
    String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
    try {
      return count == null ? 1 : Integer.parseInt(count);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  static String groupOf(SQSMessage message) {
    String group = message.getAttributes() == null ? null : message.getAttributes().get("MessageGroupId");
    return group == null ? message.getMessageId() : group;
  }
}
