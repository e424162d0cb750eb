package dev.verodestination.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.http.HttpAnswer;
import dev.verodestination.log.JsonLog;

/**
 * What the handler made of one webhook; both the answer and the log line are built from it.
 * {@code error} is set on a refusal (4xx/5xx), {@code reason} when the event was not forwarded.
 */
record WebhookOutcome(int status, String error, boolean forwarded, boolean parked, String reason, String messageId, String event) {

  static WebhookOutcome refused(int status, String error) {
    return new WebhookOutcome(status, error, false, false, null, null, null);
  }

  static WebhookOutcome notForwarded(String reason) {
    return new WebhookOutcome(200, null, false, false, reason, null, null);
  }

  static WebhookOutcome parked(String reason, String messageId, String event) {
    return new WebhookOutcome(200, null, false, true, reason, messageId, event);
  }

  static WebhookOutcome forwarded(String messageId, String event) {
    return new WebhookOutcome(200, null, true, false, null, messageId, event);
  }

  HttpAnswer answer() {
    if (error != null) {
      return HttpAnswer.error(status, error);
    }
    HttpAnswer answer = HttpAnswer.ok();
    ObjectNode body = answer.body();
    if (messageId != null) {
      body.put("messageId", messageId);
    }
    body.put("forwarded", forwarded);
    if (forwarded) {
      body.put("event", event);
    }
    if (reason != null) {
      body.put("reason", reason);
    }
    if (parked) {
      body.put("parked", true);
    }
    return answer;
  }

  /** forwarded, parked, acknowledged (not for Segment) or refused: a metric's outcome. */
  String kind() {
    return error != null ? "refused" : forwarded ? "forwarded" : parked ? "parked" : "acknowledged";
  }

  ObjectNode logLine(JsonLog log) {
    ObjectNode line = log.line(status < 500 ? "INFO" : "ERROR", "vero webhook")
        .put("status", status)
        .put("forwarded", forwarded)
        .put("parked", parked)
        .put("reason", error != null ? error : reason == null ? "" : reason);
    if (messageId != null) {
      line.put("messageId", messageId);
    }
    if (event != null) {
      line.put("event", event);
    }
    return line;
  }
}
