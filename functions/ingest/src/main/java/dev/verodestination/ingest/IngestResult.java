package dev.verodestination.ingest;

import java.util.List;

/** The planner's verdict on a request: refused as a whole, or a plan of what to enqueue. */
public sealed interface IngestResult {

  /** Nothing is enqueued; {@code error} is safe to show the caller. */
  record Refused(int status, String error) implements IngestResult {}

  /** Enqueue {@code accepted}; report the others by their index in the request. */
  record Plan(List<AcceptedMessage> accepted, List<Skipped> skipped, List<Rejected> rejected) implements IngestResult {}

  record Skipped(int index, String reason) {}

  record Rejected(int index, String error) {}
}
