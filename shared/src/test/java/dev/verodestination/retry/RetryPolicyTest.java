package dev.verodestination.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.verodestination.retry.RetryPolicy.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy tenToNineHundred = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(900), 10);

  private long seconds(int failed, Optional<Duration> retryAfter, double jitter) {
    return Math.round(tenToNineHundred.delay(failed, retryAfter, jitter).toMillis() / 1000.0);
  }

  @Test
  void doublesWithEachFailureFromTheFirstUpToTheCap() {
    assertEquals(10, seconds(1, Optional.empty(), 0.999));
    assertEquals(20, seconds(2, Optional.empty(), 0.999));
    assertEquals(80, seconds(4, Optional.empty(), 0.999));
    assertEquals(900, seconds(8, Optional.empty(), 0.999));
    assertEquals(900, seconds(500, Optional.empty(), 0.999));
  }

  @Test
  void jitterTakesUpToAFifthOffButNeverGoesBelowTheFirst() {
    assertEquals(10, seconds(1, Optional.empty(), 0.0));
    assertEquals(64, seconds(4, Optional.empty(), 0.0));
    assertEquals(720, seconds(9, Optional.empty(), 0.0));
  }

  @Test
  void retryAfterIsHonouredUpToTheCap() {
    assertEquals(120, seconds(1, Optional.of(Duration.ofSeconds(120)), 0.5));
    // issue #11, defect 12: Retry-After: 999999999 (or a date in 2099) froze a user's queue for 12 h a try
    assertEquals(900, seconds(1, Optional.of(Duration.ofDays(3)), 0.5));
    assertEquals(900, seconds(1, Optional.of(Duration.ofSeconds(999_999_999)), 0.5));
  }

  /** A clock that a pause moves on, and the pauses it was asked for. */
  private static final class Time {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> pauses = new ArrayList<>();

    RetryPolicy policy(Duration first, Duration cap, int attempts) {
      Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
      };
      return new RetryPolicy(first, cap, attempts).with(clock, wait -> {
        pauses.add(wait);
        now = now.plus(wait);
      }, () -> 0.999);
    }
  }

  @Test
  void triesUntilDoneWaitingTheBackoffBetween() throws Exception {
    Time time = new Time();
    List<Integer> attempts = new ArrayList<>();
    Step<String> step = time.policy(Duration.ofMillis(100), Duration.ofSeconds(5), 5).run((n, remaining) -> {
      attempts.add(n);
      return n < 3 ? new Step.Again<>("status 503") : new Step.Done<>("sent");
    });
    assertEquals(new Step.Done<>("sent"), step);
    assertEquals(List.of(1, 2, 3), attempts);
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), time.pauses);
  }

  @Test
  void givesUpAfterTheAttemptsWithTheLastReason() throws Exception {
    Time time = new Time();
    Step<String> step = time.policy(Duration.ofMillis(50), Duration.ofMillis(200), 3)
        .run((n, remaining) -> new Step.Again<>("refused " + n));
    assertEquals(new Step.Again<String>("refused 3"), step);
    assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100)), time.pauses);
  }

  @Test
  void waitsAsLongAsTheServerAsksUpToTheCap() throws Exception {
    Time time = new Time();
    time.policy(Duration.ofMillis(100), Duration.ofSeconds(2), 3).run((n, remaining) -> n == 1
        ? new Step.Again<String>("429", Optional.of(Duration.ofSeconds(1)))
        : n == 2 ? new Step.Again<String>("429", Optional.of(Duration.ofHours(1))) : new Step.Done<>("sent"));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), time.pauses);
  }

  @Test
  void aDeadlineEndsTheLoopBeforeAWaitThatWouldPassItAndEachTryKnowsWhatIsLeft() throws Exception {
    Time time = new Time();
    List<Duration> remainders = new ArrayList<>();
    Step<String> step = time.policy(Duration.ofMillis(400), Duration.ofSeconds(10), 10).run(Duration.ofSeconds(1), (n, remaining) -> {
      remainders.add(remaining);
      return new Step.Again<>("timed out");
    });
    assertInstanceOf(Step.Again.class, step);
    // tries at 0 and 400 ms; the next wait (800 ms) would end at 1.2 s, past the deadline
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(600)), remainders);
    assertEquals(List.of(Duration.ofMillis(400)), time.pauses);
  }
}
