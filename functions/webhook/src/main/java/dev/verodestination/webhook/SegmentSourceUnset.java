package dev.verodestination.webhook;

import dev.verodestination.log.JsonLog;

/**
 * Segment as a stack without a Segment write key has it: no source to send Vero's events to. Each
 * webhook is parked with this reason, so that one a team sends by mistake is kept (and alarmed on)
 * until the key is set and {@code webhooks resend} sends it.
 */
final class SegmentSourceUnset implements SegmentSender {

  static final String REASON = "no Segment source: SEGMENT_WRITE_KEY (template parameter SegmentWriteKey) is not set; "
      + "set it, then resend with `webhooks resend`";

  @Override
  public SegmentOutcome send(SegmentCall call, JsonLog log) {
    return new SegmentOutcome.Failed(REASON, 0);
  }
}
