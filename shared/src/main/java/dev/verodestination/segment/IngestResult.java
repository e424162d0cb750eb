package dev.verodestination.segment;

import dev.verodestination.queue.FifoMessage;
import java.util.List;

/** The planner's verdict on a request: refused as a whole, or a plan of what to enqueue. */
public sealed interface IngestResult {

  /** Nothing is enqueued; {@code error} is safe to show the caller. */
  record Refused(int status, String error) implements IngestResult {}

  /**
   * {@code singleCall}: the request carried one message outside a batch, so a rejection is the
   * request's answer (400) rather than a line in a batch report.
   */
  record Plan(boolean singleCall, List<FifoMessage> accepted, List<Skipped> skipped, List<Rejected> rejected)
      implements IngestResult {}

  record Skipped(int index, String reason) {}

  record Rejected(int index, String error) {}
}
