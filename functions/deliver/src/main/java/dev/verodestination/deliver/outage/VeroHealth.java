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
 * Tells a message's own failure from Vero's, from this container's last {@value #WINDOW} outcomes
 * (its calls and probes). A call that fails in a way every call could (no answer, a 5xx, the
 * credential refused) counts against its message only when the calls around it got through; when
 * others failed lately too it is unclear, and the message is tried again at no cost; when all of the
 * last ones failed, or the credential was refused (which would dead-letter the message at once), a probe (a call that changes nothing in Vero) decides: answered, the failure is the
 * message's own; failed too, it is an outage, and no message's call is made until a probe succeeds,
 * probes backing off by the one retry policy. A 429 never counts against a message: it waits out the
 * {@code Retry-After}, and everyone does when the last calls were refused too. One per deliver
 * container; its group threads share it.
 */
public final class VeroHealth {

  /** How many recent outcomes (calls and probes) say whether Vero is working. */
  public static final int WINDOW = 4;

  /** What a message's failed call turned out to be. */
  public sealed interface Failure {
    /** Vero works for others: the failure counts as the message's attempt. */
    record Own() implements Failure {}

    /** Others failed lately too: try the message again after {@code failure}'s wait, without counting an attempt. */
    record Unclear(VeroOutcome.Retryable failure) implements Failure {}

    /** Vero fails every call (or asks to wait): hold the message back for {@code outage}'s probe interval. */
    record Shared(Outage outage) implements Failure {}
  }

  private static final Failure OWN = new Failure.Own();

  private final Supplier<VeroOutcome> probe;
  private final RetryPolicy probeIntervals;
  private final Clock clock;
  /** The last outcomes, oldest first: true for a failure every call could share. */
  private final Deque<Boolean> recent = new ArrayDeque<>();
  private Outage outage;

  /** {@code probeIntervals}: the wait after each failed probe. */
  public VeroHealth(Supplier<VeroOutcome> probe, RetryPolicy probeIntervals, Clock clock) {
    this.probe = probe;
    this.probeIntervals = probeIntervals;
    this.clock = clock;
  }

  /** Before a message's call: empty to make it, else the outage to hold the message back for. */
  public synchronized Optional<Outage> beforeCall(JsonLog log) {
    if (outage == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isBefore(outage.nextProbe())) {
      return Optional.of(outage);
    }
    probeNow(now, log);
    return Optional.ofNullable(outage);
  }

  /** Vero answered a message's call (delivered, or refused for the message's own sake). */
  public synchronized void answered() {
    remember(false);
  }

  /** After a message's call failed in a way every call could: whose failure it is. */
  public synchronized Failure afterFailure(VeroOutcome failure, JsonLog log) {
    if (outage != null) {
      return new Failure.Shared(outage);
    }
    Instant now = clock.instant();
    boolean othersFailedLately = recent.contains(true);
    remember(true);
    boolean everyRecentCallFailed = recent.size() == WINDOW && !recent.contains(false);
    if (failure instanceof VeroOutcome.Retryable(int status, String reason, Optional<Duration> retryAfter) && status == 429) {
      Duration interval = probeIntervals.delay(1, retryAfter);
      Outage wait = new Outage(Outage.Cause.RATE_LIMITED, now, now.plus(interval), interval, 1, reason);
      if (everyRecentCallFailed) {
        begin(wait, log);
      }
      return new Failure.Shared(wait);
    }
    // a refused credential would dead-letter the message at once: the probe decides every time
    boolean credentialRefused = failure instanceof VeroOutcome.Permanent;
    if (everyRecentCallFailed || credentialRefused) {
      probeNow(now, log);
      return outage == null ? OWN : new Failure.Shared(outage);
    }
    // only a failure without an answer or with a 5xx is left here: a refused credential was probed above
    return othersFailedLately && failure instanceof VeroOutcome.Retryable retryable ? new Failure.Unclear(retryable) : OWN;
  }

  /** Whether a failure can be every call's: a message's own data never makes Vero time out or refuse the credential. */
  public static boolean mayBeShared(VeroOutcome outcome) {
    return causeOf(outcome).isPresent();
  }

  /** The outage now, if any: for the runner's progress line and the batch's report. */
  public synchronized Optional<Outage> current() {
    return Optional.ofNullable(outage);
  }

  private void probeNow(Instant now, JsonLog log) {
    VeroOutcome answer = probe.get();
    Optional<Outage.Cause> cause = causeOf(answer);
    remember(cause.isPresent());
    if (cause.isEmpty()) {
      if (outage != null) {
        log.write(log.line("INFO", "vero answering again").put("cause", outage.cause().metricName)
            .put("outageSeconds", Duration.between(outage.since(), now).toSeconds()).put("probes", outage.failedProbes() + 1));
        outage = null;
      }
      return;
    }
    Optional<Duration> retryAfter = answer instanceof VeroOutcome.Retryable retryable ? retryable.retryAfter() : Optional.empty();
    int failed = outage == null ? 1 : outage.failedProbes() + 1;
    Duration interval = probeIntervals.delay(failed, retryAfter);
    Outage next = new Outage(cause.get(), outage == null ? now : outage.since(), now.plus(interval), interval, failed, reasonOf(answer));
    if (outage == null) {
      begin(next, log);
    } else {
      outage = next;
      log.write(line(log, "WARN", "vero probe failed", now));
    }
  }

  private void remember(boolean failed) {
    recent.addLast(failed);
    if (recent.size() > WINDOW) {
      recent.removeFirst();
    }
  }

  private void begin(Outage started, JsonLog log) {
    outage = started;
    log.write(line(log, "ERROR", "vero " + started.cause().metricName.replace('-', ' '), started.since()));
  }

  private ObjectNode line(JsonLog log, String level, String message, Instant now) {
    return log.line(level, message).put("cause", outage.cause().metricName).put("reason", outage.reason())
        .put("since", outage.since().toString()).put("nextProbeSeconds", Duration.between(now, outage.nextProbe()).toSeconds())
        .put("note", "messages are held back without spending their attempts until a probe succeeds");
  }

  private static Optional<Outage.Cause> causeOf(VeroOutcome answer) {
    return switch (answer) {
      case VeroOutcome.Delivered delivered -> Optional.empty();
      case VeroOutcome.Retryable retryable -> Optional.of(retryable.status() == 429 ? Outage.Cause.RATE_LIMITED : Outage.Cause.UNREACHABLE);
      case VeroOutcome.Permanent permanent -> permanent.status() == 401 || permanent.status() == 403
          ? Optional.of(Outage.Cause.CREDENTIAL_REJECTED) : Optional.empty();
    };
  }

  private static String reasonOf(VeroOutcome answer) {
    return switch (answer) {
      case VeroOutcome.Delivered delivered -> "";
      case VeroOutcome.Retryable retryable -> retryable.reason();
      case VeroOutcome.Permanent permanent -> permanent.reason();
    };
  }
}
