package dev.verodestination.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sends Segment messages to Segment's Tracking API (or somewhere standing in for it). */
public interface SegmentSender {

  SegmentOutcome send(ObjectNode message);
}
