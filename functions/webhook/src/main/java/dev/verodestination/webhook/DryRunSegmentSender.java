package dev.verodestination.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.log.JsonLog;

/** Stands in for Segment when no write key is set: prints each track call it would send. */
public final class DryRunSegmentSender implements SegmentSender {

  @Override
  public SegmentOutcome send(ObjectNode message, JsonLog log) {
    ObjectNode line = log.line("INFO", "dry run: would send to Segment");
    line.put("path", "/v1/batch");
    line.set("message", message);
    log.write(line);
    return new SegmentOutcome.Sent(200);
  }
}
