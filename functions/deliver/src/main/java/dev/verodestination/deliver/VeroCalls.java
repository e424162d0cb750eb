package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.deliver.outage.Outage;
import dev.verodestination.deliver.outage.VeroHealth;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.deliver.vero.VeroSender;
import dev.verodestination.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A mapped message's Vero calls, made in order from where an earlier try stopped, and what each
 * call's outcome makes of the message: the next call, a retry, a hold for Vero's outage, or the DLQ.
 */
final class VeroCalls {

  /**
   * A message of up to this many calls starts only when all of them fit in the invocation, so that it
   * needs no progress record; a longer one (an order's products) starts when these fit and stops
   * between calls, its calls made recorded for the next invocation.
   */
  static final int WHOLE_MESSAGE_CALLS = 3;

  private final VeroSender vero;
  private final VeroHealth health;
  private final ProgressBook progress;
  private final DeadLetterParking parking;
  private final MessageDelivery.Limits limits;
  private final VeroCallLines callLines;
  private final Clock clock;

  VeroCalls(VeroSender vero, VeroHealth health, ProgressBook progress, DeadLetterParking parking, MessageDelivery.Limits limits,
      VeroCallLines callLines, Clock clock) {
    this.vero = vero;
    this.health = health;
    this.progress = progress;
    this.parking = parking;
    this.limits = limits;
    this.callLines = callLines;
    this.clock = clock;
  }

  MessageOutcome make(QueuedMessage message, String segmentId, List<VeroRequest> requests, DeliveryRun run) {
    return new Sequence(message, segmentId, requests, run).make();
  }

  /** One message's calls in one invocation. */
  private final class Sequence {

    private final QueuedMessage message;
    private final String segmentId;
    private final List<VeroRequest> requests;
    private final DeliveryRun run;
    private final JsonLog log;
    private int alreadyDone;

    Sequence(QueuedMessage message, String segmentId, List<VeroRequest> requests, DeliveryRun run) {
      this.message = message;
      this.segmentId = segmentId;
      this.requests = requests;
      this.run = run;
      this.log = run.log();
    }

    MessageOutcome make() {
      try {
        alreadyDone = progress.callsDone(message, requests.size());
      } catch (CallProgress.ProgressUnavailableException e) {
        return new MessageOutcome.TryAgain(e.getMessage(), Optional.empty());
      }
      if (timeLeft() < Math.min(requests.size() - alreadyDone, WHOLE_MESSAGE_CALLS) * limits.callMillis()) {
        return new MessageOutcome.OutOfTime();
      }
      for (int call = alreadyDone; call < requests.size(); call++) {
        if (call > alreadyDone && timeLeft() < limits.callMillis()) {
          progress.callsMade(message, call, alreadyDone, log);
          return new MessageOutcome.OutOfTime();
        }
        Optional<Outage> down = health.beforeCall(log);
        if (down.isPresent()) {
          return holdBack(call, down.get());
        }
        VeroRequest request = requests.get(call);
        int made = call;
        long started = System.nanoTime();
        VeroOutcome outcome = vero.send(request, log);
        long millis = (System.nanoTime() - started) / 1_000_000;
        switch (outcome) {
          case VeroOutcome.Delivered delivered -> {
            run.calls().add(request, delivered.status(), millis);
            if (callLines == VeroCallLines.ALL) {
              log.write(callLine("INFO", request, millis).put("outcome", "delivered").put("status", delivered.status()));
            }
            health.answered();
          }
          case VeroOutcome.Permanent permanent -> {
            run.calls().add(request, permanent.status(), millis);
            log.write(callLine("WARN", request, millis).put("outcome", "permanent").put("status", permanent.status()));
            return unlessShared(permanent, call, () -> {
              forgetIfRetried();
              return parking.park(message, segmentId, permanent.reason() + describe(request), permanent.status(), made, log);
            });
          }
          case VeroOutcome.Retryable retryable -> {
            run.calls().add(request, retryable.status(), millis);
            log.write(callLine("WARN", request, millis).put("outcome", "retryable").put("reason", retryable.reason()));
            return unlessShared(retryable, call, () -> retryLater(request, made, retryable));
          }
        }
      }
      forgetIfRetried();
      // its fate is the batch line's list: a line of its own would cost more than the calls' (docs/cost.md)
      run.deliveredIds().add(segmentId.isEmpty() ? message.id() : segmentId);
      return new MessageOutcome.Finished(false);
    }

    private long timeLeft() {
      return run.remainingMillis().getAsLong();
    }

    /** A failure Vero gives every message is an outage, which holds this one back; else {@code own} says what becomes of it. */
    private MessageOutcome unlessShared(VeroOutcome.Failed failed, int call, Supplier<MessageOutcome> own) {
      return switch (health.afterFailure(failed, log)) {
        case VeroHealth.Failure.Shared(Outage outage) -> holdBack(call, outage);
        case VeroHealth.Failure.Own ignored -> own.get();
      };
    }

    /**
     * Vero's failure, not the message's: no attempt counted, the calls made so far recorded, unless the
     * message is about to outlive the queue's retention, when it goes to the DLQ with the outage's reason.
     */
    private MessageOutcome holdBack(int call, Outage outage) {
      if (message.sentAt().filter(sent -> Duration.between(sent, clock.instant()).compareTo(limits.keepUntilAge()) >= 0).isPresent()) {
        progress.forget(message, log);
        return parking.park(message, segmentId, "about to outlive the queue's retention after Vero was "
            + outage.cause().metricName + " since " + outage.since() + ": " + outage.reason(), 0, call, log);
      }
      progress.callsMade(message, call, alreadyDone, log);
      return new MessageOutcome.HeldBack(outage);
    }

    /** Counts the failed attempt; past the limit the message goes to the DLQ with the call's reason. */
    private MessageOutcome retryLater(VeroRequest request, int call, VeroOutcome.Retryable retryable) {
      int attempts;
      try {
        attempts = progress.failedAttempt(message, call);
      } catch (CallProgress.ProgressUnavailableException e) {
        // the queue's own redrive, a multiple of the attempts, still ends the retries
        log.warn("attempt not recorded, the retry will repeat " + call + " call(s): " + e.getMessage());
        return new MessageOutcome.TryAgain(retryable.reason(), retryable.retryAfter());
      }
      if (attempts >= limits.maxAttempts()) {
        progress.forget(message, log);
        return parking.park(message, segmentId, "gave up after " + attempts + " attempts: " + retryable.reason() + describe(request),
            0, call, log);
      }
      return new MessageOutcome.TryAgain(retryable.reason(), retryable.retryAfter());
    }

    /** Only a message received before can have a progress record. */
    private void forgetIfRetried() {
      if (message.receiveCount() > 1) {
        progress.forget(message, log);
      }
    }

    /** Which message, which call, how long it took; no body. */
    private ObjectNode callLine(String level, VeroRequest request, long millis) {
      return log.line(level, "vero call")
          .put("messageId", message.id())
          .put("segmentMessageId", segmentId)
          .put("call", request.method() + " " + request.path())
          .put("millis", millis)
          .put("attempt", message.receiveCount());
    }
  }

  private static String describe(VeroRequest request) {
    return " (" + request.method() + " " + request.path() + ")";
  }
}
