package dev.verodestination.webhook;

/** What became of a call to Segment's Tracking API, after the retries its SDKs would make. */
public sealed interface SegmentOutcome {

  /** Segment took the call. */
  record Sent(int status) implements SegmentOutcome {}

  /** A final answer, or retries exhausted; {@code status} 0 when Segment never answered. */
  record Failed(String reason, int status) implements SegmentOutcome {}
}
