package dev.verodestination.local.dryrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.verodestination.log.JsonLog;
import dev.verodestination.webhook.SegmentCall;
import dev.verodestination.webhook.SegmentOutcome;
import dev.verodestination.webhook.SegmentSender;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for Segment when no write key is set: prints each track call it would send and answers as
 * Segment answers a call it takes; {@link DryRunLines} and {@link DryRunWebhookAnswers} then say that
 * nothing was sent.
 */
public final class DryRunSegmentSender implements SegmentSender {

  @Override
  public SegmentOutcome send(SegmentCall call, JsonLog log) {
    ObjectNode line = log.line("INFO", "dry run: would send to Segment");
    line.put("path", "/v1/batch");
    // "message" is every line's own sentence, a string that log queries filter on; the call is its body
    line.putRawValue("body", new RawValue(new String(call.json(), StandardCharsets.UTF_8)));
    log.write(line);
    return new SegmentOutcome.Sent(DryRunVeroSender.TAKEN);
  }
}
