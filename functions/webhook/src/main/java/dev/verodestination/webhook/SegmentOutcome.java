package dev.verodestination.webhook;

/** What became of a call to Segment's Tracking API, after the retries its SDKs would make. */
public sealed interface SegmentOutcome {

  /** Segment took the call; {@code dryRun}: no call was made (the runner without a write key). */
  record Sent(int status, boolean dryRun) implements SegmentOutcome {

    public Sent(int status) {
      this(status, false);
    }

    public static Sent inDryRun() {
      return new Sent(0, true);
    }
  }

  /** A final answer, or retries exhausted; {@code status} 0 when Segment never answered. */
  record Failed(String reason, int status) implements SegmentOutcome {}
}
