package dev.verodestination.webhook;

/**
 * A Segment call (an Email Spec track, or an identify of a Vero profile change) as the JSON bytes sent
 * in Segment's batch, with the two fields the handler names in its log line: its messageId, and the
 * track's event or the identify's kind.
 */
public record SegmentCall(byte[] json, String messageId, String event) {}
