package dev.verodestination.deliver.outage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.deliver.vero.VeroOutcome;
import dev.verodestination.log.JsonLog;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.testing.MovingClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outage detector's decisions, with a scripted probe and a clock the test moves. */
class VeroHealthTest {

  private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
  private static final VeroOutcome UP = new VeroOutcome.Delivered(200);
  private static final VeroOutcome DOWN = new VeroOutcome.Retryable(503, "Vero answered 503: unavailable", Optional.empty());
  private static final VeroOutcome NO_ANSWER = new VeroOutcome.Retryable("timed out after 10000 ms", Optional.empty());
  private static final VeroOutcome REVOKED = new VeroOutcome.Permanent(401, "Vero answered 401: unknown tracking_api_key ***");

  private final MovingClock clock = new MovingClock(START);
  private final Deque<VeroOutcome> probeAnswers = new ArrayDeque<>();
  private int probes;
  private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
  private final JsonLog log = new JsonLog("deliver", new PrintStream(lines, true, StandardCharsets.UTF_8));
  // no jitter: 10 s doubling to 80 s
  private final VeroHealth health = new VeroHealth(() -> {
    probes++;
    return probeAnswers.removeFirst();
  }, new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(80), Integer.MAX_VALUE).with(clock, wait -> { }, () -> 0.99999), clock);

  private static final VeroHealth.Failure OWN = new VeroHealth.Failure.Own();
  private static final VeroOutcome.Failed DOWN_FAILED = (VeroOutcome.Failed) DOWN;

  /** A failure after a failure, whose probe answers {@code probeAnswer}. */
  private VeroHealth.Failure twoFailures(VeroOutcome failure, VeroOutcome probeAnswer) {
    health.afterFailure((VeroOutcome.Failed) failure, log);
    probeAnswers.add(probeAnswer);
    return health.afterFailure((VeroOutcome.Failed) failure, log);
  }

  private Outage outageOf(VeroHealth.Failure failure) {
    return ((VeroHealth.Failure.Shared) failure).outage();
  }

  @Test
  void aFailureAmongCallsThatGotThroughIsTheMessagesOwn() {
    health.answered();
    health.answered();
    assertEquals(OWN, health.afterFailure(DOWN_FAILED, log));
    assertEquals(0, probes, "Vero answers the others: no probe needed");
  }

  @Test
  void aFailureAfterAFailureAsksTheProbeAndAnAnsweredProbeMakesFailuresTheMessagesOwnForAnInterval() {
    health.answered();
    assertEquals(OWN, health.afterFailure(DOWN_FAILED, log));
    assertEquals(0, probes);
    probeAnswers.add(UP);
    assertEquals(OWN, health.afterFailure((VeroOutcome.Failed) NO_ANSWER, log), "others failing lately excuses nothing: the probe answered");
    assertEquals(1, probes);
    assertEquals(new BreakerState.Answering(Optional.of(START.plusSeconds(10))), health.state());
    clock.advance(Duration.ofSeconds(9));
    assertEquals(OWN, health.afterFailure(DOWN_FAILED, log));
    assertEquals(OWN, health.afterFailure(DOWN_FAILED, log));
    assertEquals(1, probes, "confirmed for the base interval: no probe");
    clock.advance(Duration.ofSeconds(1));
    probeAnswers.add(UP);
    assertEquals(OWN, health.afterFailure(DOWN_FAILED, log));
    assertEquals(2, probes, "the interval is over: the next failure after a failure asks again");
  }

  @Test
  void aRunOfBadMessagesCostsOneProbeAnIntervalAndEveryFailureCounts() {
    for (int i = 0; i < 300; i++) {
      probeAnswers.add(UP);
      assertEquals(OWN, health.afterFailure(DOWN_FAILED, log), "failure " + i);
      clock.advance(Duration.ofMillis(100));
    }
    assertEquals(3, probes, "30 s of failures, every one the message's own: one probe per 10 s interval");
    assertEquals(Optional.empty(), health.current());
  }

  @Test
  void whenTheProbeFailsTooItIsAnOutageAndNoCallIsMadeUntilTheNextProbe() {
    Outage outage = outageOf(twoFailures(DOWN, NO_ANSWER));
    assertEquals(new Outage(Outage.Cause.UNREACHABLE, START, START.plusSeconds(10), Duration.ofSeconds(10), 1, "timed out after 10000 ms"),
        outage);
    assertEquals(Duration.ofSeconds(10), outage.holdFor());
    clock.advance(Duration.ofSeconds(9));
    assertEquals(Optional.of(outage), health.beforeCall(log), "held back, no probe before it is due");
    assertEquals(outage, health.state(), "the breaker waits for its probe");
    assertEquals(new VeroHealth.Failure.Shared(outage), health.afterFailure(DOWN_FAILED, log), "a call already under way is part of it");
    assertEquals(1, probes);
    assertTrue(lines.toString(StandardCharsets.UTF_8).contains("\"level\":\"ERROR\",\"component\":\"deliver\",\"message\":\"vero unreachable\""),
        lines.toString(StandardCharsets.UTF_8));
  }

  @Test
  void probesBackOffByTheRetryPolicyAndTheFirstToSucceedEndsTheOutage() {
    twoFailures(DOWN, DOWN);
    Duration[] expectedWaits = {Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(80)};
    Duration waited = Duration.ofSeconds(10);
    for (Duration wait : expectedWaits) {
      clock.advance(waited);
      assertEquals(BreakerState.ProbeDue.class, health.state().getClass(), "the probe is due");
      probeAnswers.add(DOWN);
      Outage outage = health.beforeCall(log).orElseThrow();
      assertEquals(wait, Duration.between(clock.instant(), outage.nextProbe()));
      assertEquals(START, outage.since());
      waited = wait;
    }
    assertEquals(5, probes);
    clock.advance(waited);
    probeAnswers.add(UP);
    assertEquals(Optional.empty(), health.beforeCall(log), "Vero answered the probe: calls resume at once");
    assertEquals(Optional.empty(), health.current());
    String log = lines.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("\"message\":\"vero answering again\",\"cause\":\"unreachable\",\"outageSeconds\":230,\"probes\":6"), log);
  }

  @Test
  void aRejectedCredentialIsAnOutageOfItsOwnWhenTheProbeIsRejectedToo() {
    health.answered();
    probeAnswers.add(REVOKED);
    Outage outage = outageOf(health.afterFailure((VeroOutcome.Failed) REVOKED, log));
    assertEquals(1, probes, "a refused credential is probed at once, even among calls that got through: it would dead-letter the message");
    assertEquals(Outage.Cause.CREDENTIAL_REJECTED, outage.cause());
    assertEquals("Vero answered 401: unknown tracking_api_key ***", outage.reason());
    assertTrue(lines.toString(StandardCharsets.UTF_8).contains("\"message\":\"vero credential rejected\""));
  }

  @Test
  void aForbiddenAnswerWhileTheProbeWorksIsThatMessagesOwn() {
    probeAnswers.add(UP);
    assertEquals(OWN, health.afterFailure(new VeroOutcome.Permanent(403, "Vero answered 403: no"), log));
    assertEquals(1, probes);
  }

  @Test
  void a429NeverCostsAnAttemptAndStopsEveryoneOnlyWhenTheLastCallsWereRefusedToo() {
    VeroOutcome.Failed slowDown = new VeroOutcome.Retryable(429, "Vero answered 429: slow down", Optional.of(Duration.ofSeconds(45)));
    health.answered();
    Outage wait = outageOf(health.afterFailure(slowDown, log));
    assertEquals(Outage.Cause.RATE_LIMITED, wait.cause());
    assertEquals(START.plusSeconds(45), wait.nextProbe(), "this message waits out the Retry-After");
    assertEquals(Optional.empty(), health.current(), "the others go on");
    health.afterFailure(slowDown, log);
    health.afterFailure(slowDown, log);
    Outage everyone = outageOf(health.afterFailure(slowDown, log));
    assertEquals(Optional.of(everyone), health.current(), "the last four were refused: everyone waits");
    assertEquals(0, probes, "Vero said when to come back: no probe before");
  }

  @Test
  void verosDataErrorsAreAnswersNeverProbedAndEndARunOfFailures() {
    assertEquals(OWN, health.afterFailure(DOWN_FAILED, log));
    assertEquals(OWN, health.afterFailure(new VeroOutcome.Permanent(400, "Vero answered 400: bad"), log));
    assertEquals(OWN, health.afterFailure(new VeroOutcome.Permanent(422, "Vero answered 422: bad"), log));
    assertEquals(OWN, health.afterFailure(DOWN_FAILED, log), "Vero answered the last call: no probe");
    assertEquals(0, probes);
  }
}
