package dev.verodestination.webhook;

/**
 * A Segment track call as the JSON bytes sent in Segment's batch, with the two fields the handler
 * names in its log line. The mapping writes it straight from the payload, without a tree between.
 */
public record TrackCall(byte[] json, String messageId, String event) {}
