package dev.verodestination.webhook;

/** The intake's verdict on one webhook request, and the one I/O it asks the handler for. */
public sealed interface WebhookDecision {

  /** Answer {@code status} with {@code error}; nothing is sent or parked. */
  record Refused(int status, String error) implements WebhookDecision {}

  /** A type that is not forwarded (user_created, user_updated, unknown): answer 200. */
  record Acknowledged(String reason) implements WebhookDecision {}

  /** Send {@code call} to Segment; should Segment not take it, park {@code rawPayload}. */
  record Forward(SegmentCall call, String rawPayload) implements WebhookDecision {}

  /** Segment could never take this payload: park it, as it arrived, with the reason. */
  record Park(String rawPayload, String reason) implements WebhookDecision {}
}
