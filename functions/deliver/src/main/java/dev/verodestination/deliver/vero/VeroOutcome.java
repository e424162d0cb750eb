package dev.verodestination.deliver.vero;

import java.time.Duration;
import java.util.Optional;

/** What became of one call to Vero, and whether trying again can help. */
public sealed interface VeroOutcome permits VeroOutcome.Delivered, VeroOutcome.Failed {

  /** Vero did not take the call. */
  sealed interface Failed extends VeroOutcome permits Retryable, Permanent {

    /** Vero's answer or why there was none, for logs and dead letters. */
    String reason();

    /** Vero's HTTP status, 0 when it never answered. */
    int status();

    /** How long Vero asked to wait ({@code Retry-After}), if it did. */
    default Optional<Duration> retryAfter() {
      return Optional.empty();
    }
  }

  /** Vero took the call. */
  record Delivered(int status) implements VeroOutcome {}

  /**
   * Network error, timeout, 408, 429 or a 5xx other than 501/505: the same call may succeed later.
   * {@code status} is 0 when Vero never answered.
   */
  record Retryable(int status, String reason, Optional<Duration> retryAfter) implements Failed {

    /** Vero did not answer. */
    public Retryable(String reason, Optional<Duration> retryAfter) {
      this(0, reason, retryAfter);
    }
  }

  /** Anything else: sending it again would fail again. {@code status} is 0 when Vero never answered. */
  record Permanent(int status, String reason) implements Failed {}
}
