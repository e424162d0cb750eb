package dev.verodestination.deliver;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a failed message stays invisible before its next try: exponential in the number of
 * receives, from the base up to the cap, with jitter so that a burst of failures does not come back
 * as a burst, and never sooner than the server's Retry-After, nor later than the cap: a Retry-After
 * of years must not freeze a user's queue.
 */
public final class Backoff {

  /** SQS's longest visibility timeout. */
  public static final int MAX_VISIBILITY_SECONDS = 12 * 3600;

  private final int baseSeconds;
  private final int maxSeconds;

  public Backoff(int baseSeconds, int maxSeconds) {
    this.baseSeconds = baseSeconds;
    this.maxSeconds = Math.max(baseSeconds, maxSeconds);
  }

  /**
   * @param receiveCount ApproximateReceiveCount of the message (1 on its first receive)
   * @param jitter a number in [0, 1)
   */
  public int visibilitySeconds(int receiveCount, Optional<Duration> retryAfter, double jitter) {
    int doublings = Math.min(Math.max(receiveCount, 1) - 1, 30);
    long exponential = Math.min((long) baseSeconds << doublings, maxSeconds);
    long jittered = Math.max(Math.min(baseSeconds, exponential), Math.round(exponential * (0.8 + 0.2 * jitter)));
    long seconds = Math.max(jittered, Math.min(retryAfter.map(Duration::toSeconds).orElse(0L), maxSeconds));
    return (int) Math.min(seconds, MAX_VISIBILITY_SECONDS);
  }
}
