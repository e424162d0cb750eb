package dev.verodestination.deliver.outage;

import java.time.Duration;
import java.time.Instant;

/**
 * Vero failing every call, not one message's: since when, why, and when it is next probed. While it
 * lasts, messages are held back at no cost to their attempts and come back when the probe is due.
 */
public record Outage(Cause cause, Instant since, Instant nextProbe, int failedProbes, String reason) {

  /** Why every call fails; {@code metricName} is the {@code Cause} dimension of the {@code VeroUnavailable} metric. */
  public enum Cause {
    UNREACHABLE("unreachable"), CREDENTIAL_REJECTED("credential-rejected"), RATE_LIMITED("rate-limited");

    public final String metricName;

    Cause(String metricName) {
      this.metricName = metricName;
    }
  }

  /** How long a message held back now stays invisible: until the next probe, at least a second. */
  public Duration holdFor(Instant now) {
    Duration left = Duration.between(now, nextProbe);
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
  }
}
