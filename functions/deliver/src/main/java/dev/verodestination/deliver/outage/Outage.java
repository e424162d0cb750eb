package dev.verodestination.deliver.outage;

import java.time.Duration;
import java.time.Instant;

/**
 * Vero failing every call, not one message's, as a probe showed (or Vero's 429s said): since when,
 * why, when it is next probed and the wait between probes. While it lasts, messages are held back at
 * no cost to their attempts for that wait. The breaker's state while it waits for its probe.
 */
public record Outage(Cause cause, Instant since, Instant nextProbe, Duration interval, int failedProbes, String reason)
    implements BreakerState {

  /** Why every call fails; {@code metricName} is the {@code Cause} dimension of the {@code VeroUnavailable} metric. */
  public enum Cause {
    UNREACHABLE("unreachable"), CREDENTIAL_REJECTED("credential-rejected"), RATE_LIMITED("rate-limited");

    public final String metricName;

    Cause(String metricName) {
      this.metricName = metricName;
    }
  }

  /**
   * How long a message held back stays invisible: one whole probe interval, at least a second. Not
   * just until this container's next probe: each container probes on its own schedule, and a message
   * handed back sooner would be received (and counted by the queue's redrive) more often.
   */
  public Duration holdFor() {
    return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
  }
}
