package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.QueueUnavailableException;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.deliver.vero.VeroMapping;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.deliver.vero.VeroSender;
import java.io.IOException;
import dev.verodestination.deliver.outage.Outage;
import dev.verodestination.deliver.outage.VeroHealth;
import dev.verodestination.deliver.suppress.SuppressionCheck;
import dev.verodestination.segment.MessageType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Delivers one queued Segment message: maps it, sends its Vero calls in order, and decides what
 * happens to the message. No retry repeats a call that succeeded: progress is recorded when a later
 * call of the same message must be retried, under the ids SQS itself dedups on (its group and dedup
 * id), and cleared once the message is done; a dead letter carries it in its
 * {@value DeadLetterQueue#CALLS_DONE} attribute, so that a redrive resumes where delivery stopped.
 * The body is never read for that state: a sender could write anything there.
 */
final class MessageDelivery {

  /** Why a message of a suppressed user is not sent: {@code suppress} or {@code forget --suppress} named them. */
  static final String SUPPRESSED = "suppressed";
  /**
   * A message of up to this many calls starts only when all of them fit in the invocation, so that it
   * needs no progress record; a longer one (an order's products) starts when these fit and stops
   * between calls, its calls made recorded for the next invocation.
   */
  static final int WHOLE_MESSAGE_CALLS = 3;

  private final VeroSender vero;
  private final VeroHealth health;
  private final CallProgress progress;
  private final DeadLetterQueue deadLetters;
  private final MappingRules mapping;
  private final SuppressionCheck suppressions;
  private final Limits limits;
  private final VeroCallLines callLines;
  private final Clock clock;

  /**
   * {@code maxAttempts}: failed attempts after which a message goes to the DLQ with its last reason;
   * {@code callMillis}: the time one Vero call may take, timeout and wrapping up included;
   * {@code keepUntilAge}: the age past which a message held back for an outage is dead-lettered
   * instead, before the queue's retention would delete it.
   */
  record Limits(int maxAttempts, long callMillis, Duration keepUntilAge) {}

  MessageDelivery(VeroSender vero, VeroHealth health, CallProgress progress, DeadLetterQueue deadLetters, MappingRules mapping,
      SuppressionCheck suppressions, Limits limits, VeroCallLines callLines, Clock clock) {
    this.vero = vero;
    this.health = health;
    this.progress = progress;
    this.deadLetters = deadLetters;
    this.mapping = mapping;
    this.suppressions = suppressions;
    this.limits = limits;
    this.callLines = callLines;
    this.clock = clock;
  }

  /** No call starts that could not finish within the invocation's time left. */
  MessageOutcome deliver(SQSMessage message, DeliveryRun run) {
    JsonLog log = run.log();
    ObjectNode body;
    try {
      if (!(Json.MAPPER.readTree(message.getBody()) instanceof ObjectNode object)) {
        return park(log, message, "", "queued body is not a JSON object", 0, 0);
      }
      body = object;
    } catch (IOException e) {
      return park(log, message, "", "queued body is not valid JSON", 0, 0);
    }
    // Segment's own id, which an operator has from the source or `dlq list`, beside the SQS id in every line
    String segmentId = body.path("messageId").isTextual() ? body.get("messageId").asText() : "";
    // a deletion request of a suppressed user still goes: it is how they are forgotten
    if (body.path("userId").isTextual() && !MessageType.DELETE.wireName().equals(body.path("type").asText())) {
      try {
        if (suppressions.isSuppressed(body.get("userId").textValue())) {
          log.write(log.line("INFO", "delivery skipped").put("messageId", message.getMessageId()).put("segmentMessageId", segmentId)
              .put("reason", SUPPRESSED));
          return new MessageOutcome.Skipped(SUPPRESSED);
        }
      } catch (CallProgress.ProgressUnavailableException e) {
        return new MessageOutcome.TryAgain(e.getMessage(), Optional.empty());
      }
    }
    return switch (VeroMapping.map(body, mapping)) {
      case VeroMapping.Unmappable unmappable -> park(log, message, segmentId, unmappable.reason(), 0, 0);
      case VeroMapping.Requests mapped -> deliver(message, segmentId, mapped.requests(), run);
    };
  }

  private MessageOutcome deliver(SQSMessage message, String segmentId, List<VeroRequest> requests, DeliveryRun run) {
    JsonLog log = run.log();
    LongSupplier remainingMillis = run.remainingMillis();
    String key = progressKey(message);
    int alreadyDone = callsDoneAttribute(message);
    boolean recorded = false;
    if (requests.size() > 1 && receiveCount(message) > 1) {
      try {
        int stored = progress.callsDone(key);
        recorded = stored > 0;
        alreadyDone = Math.max(alreadyDone, stored);
      } catch (CallProgress.ProgressUnavailableException e) {
        return new MessageOutcome.TryAgain(e.getMessage(), Optional.empty());
      }
    }
    alreadyDone = Math.min(alreadyDone, requests.size());
    if (remainingMillis.getAsLong() < Math.min(requests.size() - alreadyDone, WHOLE_MESSAGE_CALLS) * limits.callMillis()) {
      return new MessageOutcome.OutOfTime();
    }
    boolean printedOnly = true;
    for (int call = alreadyDone; call < requests.size(); call++) {
      if (call > alreadyDone && remainingMillis.getAsLong() < limits.callMillis()) {
        recordCallsMade(key, call, alreadyDone, log);
        return new MessageOutcome.OutOfTime();
      }
      Optional<Outage> down = health.beforeCall(log);
      if (down.isPresent()) {
        return holdBack(message, segmentId, key, call, alreadyDone, down.get(), log);
      }
      long started = System.nanoTime();
      VeroOutcome outcome = vero.send(requests.get(call), log);
      logCall(run, message, segmentId, requests.get(call), outcome, (System.nanoTime() - started) / 1_000_000);
      switch (outcome) {
        case VeroOutcome.Delivered delivered -> {
          health.answered();
          printedOnly &= delivered.dryRun();
        }
        case VeroOutcome.Failed failed -> {
          return switch (health.afterFailure(failed, log)) {
            case VeroHealth.Failure.Shared(Outage outage) -> holdBack(message, segmentId, key, call, alreadyDone, outage, log);
            case VeroHealth.Failure.Own own -> switch (failed) {
              case VeroOutcome.Permanent permanent -> {
                forget(key, recorded, log);
                yield park(log, message, segmentId, permanent.reason() + describeCall(requests.get(call)), permanent.status(), call);
              }
              case VeroOutcome.Retryable retryable -> retryLater(message, segmentId, requests.get(call), call, key, retryable, log);
            };
          };
        }
      }
    }
    forget(key, recorded || receiveCount(message) > 1, log);
    if (printedOnly && alreadyDone < requests.size()) {
      return new MessageOutcome.Printed();
    }
    // its fate is the batch line's list: a line of its own would cost more than the calls' (docs/cost.md)
    run.deliveredIds().add(segmentId.isEmpty() ? message.getMessageId() : segmentId);
    return new MessageOutcome.Finished(false);
  }

  /**
   * Vero's failure, not the message's: no attempt counted, the calls made so far recorded, unless the
   * message is about to outlive the queue's retention, when it goes to the DLQ with the outage's reason.
   */
  private MessageOutcome holdBack(SQSMessage message, String segmentId, String key, int call, int alreadyDone, Outage outage,
      JsonLog log) {
    Optional<Instant> sent = sentAt(message);
    if (sent.isPresent() && Duration.between(sent.get(), clock.instant()).compareTo(limits.keepUntilAge()) >= 0) {
      forget(key, true, log);
      return park(log, message, segmentId, "about to outlive the queue's retention after Vero was " + outage.cause().metricName
          + " since " + outage.since() + ": " + outage.reason(), 0, call);
    }
    recordCallsMade(key, call, alreadyDone, log);
    return new MessageOutcome.HeldBack(outage);
  }

  private void recordCallsMade(String key, int call, int alreadyDone, JsonLog log) {
    if (call > alreadyDone) {
      try {
        progress.callsMade(key, call);
      } catch (CallProgress.ProgressUnavailableException e) {
        log.warn("calls made not recorded, the retry will repeat " + (call - alreadyDone) + " call(s): " + e.getMessage());
      }
    }
  }

  private static Optional<Instant> sentAt(SQSMessage message) {
    try {
      return attribute(message, "SentTimestamp").map(sent -> Instant.ofEpochMilli(Long.parseLong(sent)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** One of the message's SQS system attributes, which a test's or a tool's message may lack. */
  private static Optional<String> attribute(SQSMessage message, String name) {
    return Optional.ofNullable(message.getAttributes()).map(attributes -> attributes.get(name));
  }

  /** Counts the failed attempt; past the limit the message goes to the DLQ with the call's reason. */
  private MessageOutcome retryLater(SQSMessage message, String segmentId, VeroRequest request, int call, String key,
      VeroOutcome.Retryable retryable, JsonLog log) {
    int attempts;
    try {
      attempts = progress.failedAttempt(key, call);
    } catch (CallProgress.ProgressUnavailableException e) {
      // the queue's own redrive, a multiple of the attempts, still ends the retries
      log.warn("attempt not recorded, the retry will repeat " + call + " call(s): " + e.getMessage());
      return new MessageOutcome.TryAgain(retryable.reason(), retryable.retryAfter());
    }
    if (attempts >= limits.maxAttempts()) {
      forget(key, true, log);
      return park(log, message, segmentId, "gave up after " + attempts + " attempts: " + retryable.reason() + describeCall(request),
          0, call);
    }
    return new MessageOutcome.TryAgain(retryable.reason(), retryable.retryAfter());
  }

  /**
   * Counts the call for the batch's metrics, and writes its line (which message, which call, how it
   * went and how long it took; no body) unless it went well and only failures are written.
   */
  private void logCall(DeliveryRun run, SQSMessage message, String segmentId, VeroRequest request, VeroOutcome outcome,
      long millis) {
    JsonLog log = run.log();
    switch (outcome) {
      // nothing was sent: no status, no metric of a call
      case VeroOutcome.Delivered delivered when delivered.dryRun() ->
          log.write(callLine(log, "INFO", message, segmentId, request, millis).put("outcome", "dry-run"));
      case VeroOutcome.Delivered delivered -> {
        run.calls().add(request, delivered.status(), millis);
        if (callLines == VeroCallLines.ALL) {
          log.write(callLine(log, "INFO", message, segmentId, request, millis).put("outcome", "delivered")
              .put("status", delivered.status()));
        }
      }
      case VeroOutcome.Permanent permanent -> {
        run.calls().add(request, permanent.status(), millis);
        log.write(callLine(log, "WARN", message, segmentId, request, millis).put("outcome", "permanent")
            .put("status", permanent.status()));
      }
      case VeroOutcome.Retryable retryable -> {
        run.calls().add(request, retryable.status(), millis);
        log.write(callLine(log, "WARN", message, segmentId, request, millis).put("outcome", "retryable")
            .put("reason", retryable.reason()));
      }
    }
  }

  private static ObjectNode callLine(JsonLog log, String level, SQSMessage message, String segmentId, VeroRequest request,
      long millis) {
    return log.line(level, "vero call")
        .put("messageId", message.getMessageId())
        .put("segmentMessageId", segmentId)
        .put("call", request.method() + " " + request.path())
        .put("millis", millis)
        .put("attempt", receiveCount(message));
  }

  /** A done message's progress is of no more use; its record would otherwise wait for the table's TTL. */
  private void forget(String key, boolean recorded, JsonLog log) {
    if (!recorded) {
      return;
    }
    try {
      progress.clear(key);
    } catch (CallProgress.ProgressUnavailableException e) {
      log.warn("progress not cleared, it expires with the table's TTL: " + e.getMessage());
    }
  }

  private MessageOutcome park(JsonLog log, SQSMessage message, String segmentId, String reason, int status, int callsDone) {
    try {
      deadLetters.park(message.getBody(), Optional.of(groupOf(message)), message.getMessageId(),
          new DeadLetterQueue.Parked(reason, status, clock.instant(), "deliver", callsDone));
      log.write(log.line("WARN", "dead-lettered").put("messageId", message.getMessageId()).put("segmentMessageId", segmentId)
          .put("reason", reason)
          .put("status", status));
      DeliverMetrics.deadLetter(log, status);
      return new MessageOutcome.Finished(true);
    } catch (QueueUnavailableException e) {
      return new MessageOutcome.TryAgain("could not park in the DLQ (" + e.getMessage() + "): " + reason, Optional.empty());
    }
  }

  /** What SQS dedups a FIFO message on: two users' messages may share a messageId, never both ids. */
  static String progressKey(SQSMessage message) {
    Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
    String dedup = attributes.get("MessageDeduplicationId");
    return dedup == null ? message.getMessageId() : groupOf(message) + "/" + dedup;
  }

  private static int callsDoneAttribute(SQSMessage message) {
    Map<String, SQSEvent.MessageAttribute> attributes = message.getMessageAttributes();
    SQSEvent.MessageAttribute done = attributes == null ? null : attributes.get(DeadLetterQueue.CALLS_DONE);
    try {
      return done == null || done.getStringValue() == null ? 0 : Math.max(0, Integer.parseInt(done.getStringValue()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String describeCall(VeroRequest request) {
    return " (" + request.method() + " " + request.path() + ")";
  }

  static int receiveCount(SQSMessage message) {
    try {
      return attribute(message, "ApproximateReceiveCount").map(Integer::parseInt).orElse(1);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  static String groupOf(SQSMessage message) {
    return attribute(message, "MessageGroupId").orElse(message.getMessageId());
  }
}
