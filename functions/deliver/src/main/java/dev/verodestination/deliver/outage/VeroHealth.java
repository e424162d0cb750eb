package dev.verodestination.deliver.outage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.log.JsonLog;
import dev.verodestination.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Deliver's circuit breaker in front of Vero (its states: {@link BreakerState}). A failed call counts
 * against its message unless a probe (a call that writes nothing in any Vero account) shows Vero
 * failing every call. The probe is asked when a failure that every call could share (no answer, a
 * 5xx, the credential refused) follows another failure, or at once for a refused credential (which
 * would dead-letter the message); a probe Vero answers confirms for one base interval that failures
 * are the messages' own, so a run of bad messages costs at most one probe an interval. A failed probe
 * opens the breaker: no message's call is made, and messages are held back at no cost, until a probe
 * succeeds, probes backing off by the one retry policy. A 429 never counts against a message: it
 * waits out the {@code Retry-After}, and everyone does when the last {@value #WINDOW} calls were
 * refused too. One per deliver container; its group threads share it.
 */
public final class VeroHealth {

  /** How many recent outcomes (calls and probes) make a 429 everyone's. */
  public static final int WINDOW = 4;

  /** What a message's failed call turned out to be. */
  public sealed interface Failure {
    /** The message's own: it counts as an attempt (or dead-letters a permanent failure). */
    record Own() implements Failure {}

    /** Vero fails every call (or asks to wait): hold the message back for {@code outage}'s probe interval. */
    record Shared(Outage outage) implements Failure {}
  }

  private static final Failure OWN = new Failure.Own();

  private final Supplier<VeroOutcome> probe;
  private final RetryPolicy probeIntervals;
  private final Clock clock;
  /** The last outcomes, oldest first: true for a failure every call could share. */
  private final Deque<Boolean> recent = new ArrayDeque<>();
  /** Open: no call is made while it lasts, until its probe is due. */
  private Optional<Outage> outage = Optional.empty();
  /** Closed, and a probe answered lately: failures until then are the messages' own without asking again. */
  private Optional<Instant> confirmedUntil = Optional.empty();

  /** {@code probeIntervals}: the wait after each failed probe; its first wait is also how long an answered probe confirms. */
  public VeroHealth(Supplier<VeroOutcome> probe, RetryPolicy probeIntervals, Clock clock) {
    this.probe = probe;
    this.probeIntervals = probeIntervals;
    this.clock = clock;
  }

  /** Where the breaker stands now. */
  public synchronized BreakerState state() {
    if (outage.isEmpty()) {
      return new BreakerState.Answering(confirmedUntil);
    }
    return clock.instant().isBefore(outage.get().nextProbe()) ? outage.get() : new BreakerState.ProbeDue(outage.get());
  }

  /** Before a message's call: empty to make it, else the outage to hold the message back for. */
  public synchronized Optional<Outage> beforeCall(JsonLog log) {
    return switch (state()) {
      case BreakerState.Answering answering -> Optional.empty();
      case Outage outage -> Optional.of(outage);
      case BreakerState.ProbeDue due -> {
        probeNow(clock.instant(), log);
        yield outage;
      }
    };
  }

  /** Vero took a message's call. */
  public synchronized void answered() {
    remember(false);
  }

  /** After a message's call failed: whose failure it is. */
  public synchronized Failure afterFailure(VeroOutcome.Failed failure, JsonLog log) {
    return switch (state()) {
      // a call under way when the outage began is part of it
      case Outage ongoing -> new Failure.Shared(ongoing);
      case BreakerState.ProbeDue due -> new Failure.Shared(due.outage());
      case BreakerState.Answering answering -> weigh(failure, answering.confirmedAt(clock.instant()), log);
    };
  }

  private Failure weigh(VeroOutcome.Failed failure, boolean confirmed, JsonLog log) {
    Optional<Outage.Cause> cause = causeOf(failure);
    if (cause.isEmpty()) {
      // Vero answered, and refused the message for its own sake
      remember(false);
      return OWN;
    }
    boolean afterAFailure = !recent.isEmpty() && recent.peekLast();
    remember(true);
    Instant now = clock.instant();
    return switch (cause.get()) {
      case RATE_LIMITED -> rateLimited(failure, now, log);
      case CREDENTIAL_REJECTED -> probeDecides(now, log);
      case UNREACHABLE -> afterAFailure && !confirmed ? probeDecides(now, log) : OWN;
    };
  }

  /** The outage now, if any: for the runner's progress line and the batch's report. */
  public synchronized Optional<Outage> current() {
    return outage;
  }

  /** This message waits out Vero's {@code Retry-After}; everyone does when the last calls were all refused. */
  private Failure rateLimited(VeroOutcome.Failed failure, Instant now, JsonLog log) {
    Duration interval = probeIntervals.delay(1, failure.retryAfter());
    Outage wait = new Outage(Outage.Cause.RATE_LIMITED, now, now.plus(interval), interval, 1, failure.reason());
    if (recent.size() == WINDOW && !recent.contains(false)) {
      begin(wait, log);
    }
    return new Failure.Shared(wait);
  }

  private Failure probeDecides(Instant now, JsonLog log) {
    probeNow(now, log);
    return outage.<Failure>map(Failure.Shared::new).orElse(OWN);
  }

  private void probeNow(Instant now, JsonLog log) {
    VeroOutcome answer = probe.get();
    Optional<Outage.Cause> cause = causeOf(answer);
    remember(cause.isPresent());
    switch (answer) {
      case VeroOutcome.Failed failed when cause.isPresent() -> {
        int probes = outage.map(o -> o.failedProbes() + 1).orElse(1);
        Duration interval = probeIntervals.delay(probes, failed.retryAfter());
        Outage next = new Outage(cause.get(), outage.map(Outage::since).orElse(now), now.plus(interval), interval, probes, failed.reason());
        if (outage.isEmpty()) {
          begin(next, log);
        } else {
          outage = Optional.of(next);
          log.write(line(log, next, "WARN", "vero probe failed", now));
        }
      }
      default -> {
        outage.ifPresent(ended -> log.write(log.line("INFO", "vero answering again").put("cause", ended.cause().metricName)
            .put("outageSeconds", Duration.between(ended.since(), now).toSeconds()).put("probes", ended.failedProbes() + 1)));
        outage = Optional.empty();
        confirmedUntil = Optional.of(now.plus(probeIntervals.delay(1, Optional.empty(), 1.0)));
      }
    }
  }

  private void remember(boolean failed) {
    recent.addLast(failed);
    if (recent.size() > WINDOW) {
      recent.removeFirst();
    }
  }

  private void begin(Outage started, JsonLog log) {
    outage = Optional.of(started);
    log.write(line(log, started, "ERROR", "vero " + started.cause().metricName.replace('-', ' '), started.since()));
  }

  private static ObjectNode line(JsonLog log, Outage outage, String level, String message, Instant now) {
    return log.line(level, message).put("cause", outage.cause().metricName).put("reason", outage.reason())
        .put("since", outage.since().toString()).put("nextProbeSeconds", Duration.between(now, outage.nextProbe()).toSeconds())
        .put("note", "messages are held back without spending their attempts until a probe succeeds");
  }

  /**
   * Whether an answer could be every call's, and why: the one place that tells a 429, an outage and a
   * refused credential apart. Vero's data errors (any other 4xx) are an answer: Vero works.
   */
  private static Optional<Outage.Cause> causeOf(VeroOutcome answer) {
    return switch (answer) {
      case VeroOutcome.Delivered delivered -> Optional.empty();
      case VeroOutcome.Retryable retryable -> Optional.of(retryable.status() == 429 ? Outage.Cause.RATE_LIMITED : Outage.Cause.UNREACHABLE);
      case VeroOutcome.Permanent permanent -> permanent.status() == 401 || permanent.status() == 403
          ? Optional.of(Outage.Cause.CREDENTIAL_REJECTED) : Optional.empty();
    };
  }
}
