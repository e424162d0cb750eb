package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The planner's verdict on a request, and what the handler does about it. */
public sealed interface IngestResult {

  /** Nothing is enqueued; {@code error} is safe to show the caller. */
  record Refused(int status, String error) implements IngestResult {}

  /** Enqueue {@code accepted}; report the others by their index in the request. */
  record Plan(List<AcceptedMessage> accepted, List<Skipped> skipped, List<Rejected> rejected) implements IngestResult {}

  /** A browser's CORS preflight: answer 204 with the CORS rules. */
  record Preflight() implements IngestResult {}

  /** A library's settings request for a valid write key: answer with these settings. */
  record SdkSettings(ObjectNode settings) implements IngestResult {}

  /** Accepted and not kept (a library's own metrics): answer 200. */
  record Ignored(String reason) implements IngestResult {}

  record Skipped(int index, String reason) {}

  record Rejected(int index, String error) {}
}
