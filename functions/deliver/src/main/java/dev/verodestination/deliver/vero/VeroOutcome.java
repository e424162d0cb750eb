package dev.verodestination.deliver.vero;

import java.time.Duration;
import java.util.Optional;

/** What became of one call to Vero, and whether trying again can help. */
public sealed interface VeroOutcome {

  record Delivered(int status) implements VeroOutcome {}

  /** Network error, timeout, 408, 429 or a 5xx other than 501/505: the same call may succeed later. */
  record Retryable(String reason, Optional<Duration> retryAfter) implements VeroOutcome {}

  /** Anything else: sending it again would fail again. {@code status} is 0 when Vero never answered. */
  record Permanent(int status, String reason) implements VeroOutcome {}
}
