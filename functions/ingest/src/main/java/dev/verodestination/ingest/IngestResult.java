package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.ingest.rules.SkipReason;
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

  record Skipped(int index, SkipReason reason) {}

  /** {@code error} names the field and the rule; {@code kind} is what the metrics count it as. */
  record Rejected(int index, RejectKind kind, String error) {

    /** A field that breaks Segment's spec or a value the queue cannot carry: the usual rejection. */
    Rejected(int index, String error) {
      this(index, RejectKind.INVALID, error);
    }
  }

  /** Why a message is rejected, as a metric's {@code Reason} says it. */
  enum RejectKind {
    INVALID("invalid"), NOT_AN_OBJECT("not-an-object"), TOO_LARGE("too-large");

    final String word;

    RejectKind(String word) {
      this.word = word;
    }
  }
}
