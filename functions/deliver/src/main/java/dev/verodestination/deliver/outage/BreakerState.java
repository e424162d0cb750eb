package dev.verodestination.deliver.outage;

import java.time.Instant;
import java.util.Optional;

/**
 * Where deliver's circuit breaker in front of Vero stands: Vero answering (calls are made, and a
 * failure is its message's own), an outage waiting for its probe (no call is made), or a probe due
 * (the next call asks the probe first).
 */
public sealed interface BreakerState permits BreakerState.Answering, Outage, BreakerState.ProbeDue {

  /**
   * Calls are made and every failure counts as its message's attempt. {@code confirmedUntil}: a probe
   * showed Vero answering while calls failed, and until then further failures are the messages' own
   * without asking again; that bounds the probes a run of bad messages can cause.
   */
  record Answering(Optional<Instant> confirmedUntil) implements BreakerState {

    boolean confirmedAt(Instant now) {
      return confirmedUntil.filter(now::isBefore).isPresent();
    }
  }

  /** The outage's probe time has come: the next call probes first, and is made only if Vero answers. */
  record ProbeDue(Outage outage) implements BreakerState {}
}
