package dev.verodestination.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The one retry policy of every loop in the project, after analytics-java's single backoff: the
 * wait doubles from {@code first} up to {@code cap}, jitter takes up to a fifth off (never below
 * {@code first}) so that a burst of failures does not come back as a burst, and a server's
 * Retry-After is honoured up to the cap, so that a Retry-After of years cannot stall anything. A
 * loop ends after {@code maxAttempts}, or sooner when its deadline would pass during the next wait.
 */
public final class RetryPolicy {

  /** How a loop waits; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration wait) throws InterruptedException;
  }

  /** One try; {@code remaining} is what is left of the loop's deadline, for the try's own timeout. */
  @FunctionalInterface
  public interface Attempt<T, E extends Exception> {
    Step<T> run(int attempt, Duration remaining) throws E, InterruptedException;
  }

  /** What one try came to: done (whatever its value says), or worth another try. */
  public sealed interface Step<T> {

    record Done<T>(T value) implements Step<T> {}

    /** {@code retryAfter}: the server's own word on when to come back, if it gave one. */
    record Again<T>(String reason, Optional<Duration> retryAfter) implements Step<T> {

      public Again(String reason) {
        this(reason, Optional.empty());
      }
    }
  }

  /** No deadline: the attempts alone end the loop. */
  public static final Duration NO_DEADLINE = Duration.ofDays(3650);

  private final Duration first;
  private final Duration cap;
  private final int maxAttempts;
  private final Clock clock;
  private final Pause pause;
  private final DoubleSupplier jitter;

  public RetryPolicy(Duration first, Duration cap, int maxAttempts) {
    this(first, cap, maxAttempts, Clock.systemUTC(), wait -> Thread.sleep(wait), () -> ThreadLocalRandom.current().nextDouble());
  }

  public RetryPolicy(Duration first, Duration cap, int maxAttempts, Clock clock, Pause pause, DoubleSupplier jitter) {
    this.first = first;
    this.cap = cap.compareTo(first) < 0 ? first : cap;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.clock = clock;
    this.pause = pause;
    this.jitter = jitter;
  }

  /** The same numbers, waiting and drawing jitter as given: for tests, and for a caller's own clock. */
  public RetryPolicy with(Clock clock, Pause pause, DoubleSupplier jitter) {
    return new RetryPolicy(first, cap, maxAttempts, clock, pause, jitter);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait after {@code failedAttempts} failures (1 after the first), with a fresh jitter. */
  public Duration delay(int failedAttempts, Optional<Duration> retryAfter) {
    return delay(failedAttempts, retryAfter, jitter.getAsDouble());
  }

  /** @param jitter a number in [0, 1): 0 takes a fifth off the exponential wait, towards 1 nothing */
  public Duration delay(int failedAttempts, Optional<Duration> retryAfter, double jitter) {
    int doublings = Math.min(Math.max(failedAttempts, 1) - 1, 30);
    long firstMillis = first.toMillis();
    long capMillis = cap.toMillis();
    long exponential = Math.min(firstMillis << doublings, capMillis);
    long jittered = Math.max(Math.min(firstMillis, exponential), Math.round(exponential * (0.8 + 0.2 * jitter)));
    long serverAsked = Math.min(retryAfter.map(Duration::toMillis).orElse(0L), capMillis);
    return Duration.ofMillis(Math.max(jittered, serverAsked));
  }

  /** Tries until done, {@link #maxAttempts} or no deadline: the last step says which. */
  public <T, E extends Exception> Step<T> run(Attempt<T, E> attempt) throws E, InterruptedException {
    return run(NO_DEADLINE, attempt);
  }

  /**
   * Tries until a try is done, the attempts are spent, or the next wait would end past
   * {@code budget} from now; returns the {@link Step.Done} or the last {@link Step.Again}.
   */
  public <T, E extends Exception> Step<T> run(Duration budget, Attempt<T, E> attempt) throws E, InterruptedException {
    Instant deadline = clock.instant().plus(budget);
    Step<T> last = new Step.Again<>("no time left");
    for (int n = 1; n <= maxAttempts; n++) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        return last;
      }
      last = attempt.run(n, remaining);
      if (!(last instanceof Step.Again<T> again) || n == maxAttempts) {
        return last;
      }
      Duration wait = delay(n, again.retryAfter());
      if (clock.instant().plus(wait).isAfter(deadline)) {
        return last;
      }
      pause.pause(wait);
    }
    return last;
  }
}
