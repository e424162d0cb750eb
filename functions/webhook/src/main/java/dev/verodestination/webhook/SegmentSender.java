package dev.verodestination.webhook;

import dev.verodestination.log.JsonLog;

/** Sends Segment messages to Segment's Tracking API (or somewhere standing in for it). */
public interface SegmentSender {

  /** {@code log} is the invocation's, for a sender that logs what it does. */
  SegmentOutcome send(SegmentCall call, JsonLog log);
}
