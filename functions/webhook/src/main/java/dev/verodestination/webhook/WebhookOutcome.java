package dev.verodestination.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.http.HttpAnswer;
import dev.verodestination.log.JsonLog;
import java.util.function.Consumer;

/** What the handler made of one webhook; both the answer and the log line are built from it. */
sealed interface WebhookOutcome {

  /** Sent to Segment as the track call {@code messageId}, {@code event}. */
  record Forwarded(String messageId, String event) implements WebhookOutcome {}

  /**
   * Segment did not take it, or never could: parked in the webhook DLQ with {@code reason}. The
   * call's {@code messageId} and {@code event} are known when the mapping made one, else empty.
   */
  record Parked(String reason, String messageId, String event) implements WebhookOutcome {}

  /** A type that is not for Segment (user_created, user_updated, unknown). */
  record Acknowledged(String reason) implements WebhookOutcome {}

  /** Answered {@code status} with {@code error}; nothing was sent or parked. */
  record Refused(int status, String error) implements WebhookOutcome {}

  default HttpAnswer answer() {
    return switch (this) {
      case Refused refused -> HttpAnswer.error(refused.status(), refused.error());
      case Forwarded forwarded -> ok(body -> body.put("messageId", forwarded.messageId()).put("forwarded", true)
          .put("event", forwarded.event()));
      case Parked parked -> ok(body -> {
        if (!parked.messageId().isEmpty()) {
          body.put("messageId", parked.messageId());
        }
        body.put("forwarded", false).put("reason", parked.reason()).put("parked", true);
      });
      case Acknowledged acknowledged -> ok(body -> body.put("forwarded", false).put("reason", acknowledged.reason()));
    };
  }

  private static HttpAnswer ok(Consumer<ObjectNode> body) {
    HttpAnswer answer = HttpAnswer.ok();
    body.accept(answer.body());
    return answer;
  }

  /** forwarded, parked, acknowledged (not for Segment) or refused: a metric's outcome. */
  default String kind() {
    return switch (this) {
      case Forwarded forwarded -> "forwarded";
      case Parked parked -> "parked";
      case Acknowledged acknowledged -> "acknowledged";
      case Refused refused -> "refused";
    };
  }

  /** The Segment event, for the metric's dimension: "none" when nothing was mapped. */
  default String event() {
    return switch (this) {
      case Forwarded forwarded -> forwarded.event();
      case Parked parked when !parked.event().isEmpty() -> parked.event();
      default -> "none";
    };
  }

  default int status() {
    return switch (this) {
      case Refused refused -> refused.status();
      case Forwarded forwarded -> 200;
      case Parked parked -> 200;
      case Acknowledged acknowledged -> 200;
    };
  }

  default ObjectNode logLine(JsonLog log) {
    ObjectNode line = log.line(status() < 500 ? "INFO" : "ERROR", "vero webhook").put("status", status());
    return switch (this) {
      case Forwarded forwarded -> line.put("forwarded", true).put("parked", false).put("reason", "")
          .put("messageId", forwarded.messageId()).put("event", forwarded.event());
      case Parked parked -> {
        line.put("forwarded", false).put("parked", true).put("reason", parked.reason());
        yield parked.messageId().isEmpty() ? line : line.put("messageId", parked.messageId()).put("event", parked.event());
      }
      case Acknowledged acknowledged -> line.put("forwarded", false).put("parked", false).put("reason", acknowledged.reason());
      case Refused refused -> line.put("forwarded", false).put("parked", false).put("reason", refused.error());
    };
  }
}
