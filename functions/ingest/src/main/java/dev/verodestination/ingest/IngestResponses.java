package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.http.HttpAnswer;
import dev.verodestination.ingest.IngestResult.Plan;

/** The JSON answers of the ingest routes. */
final class IngestResponses {

  private IngestResponses() {}

  /** Call once every accepted message is on the queue. */
  static HttpAnswer enqueued(Plan plan) {
    HttpAnswer answer = HttpAnswer.ok();
    ObjectNode body = answer.body();
    body.put("accepted", plan.accepted().size());
    ArrayNode skipped = body.putArray("skipped");
    plan.skipped().forEach(s -> skipped.addObject().put("index", s.index()).put("reason", s.reason().text()));
    ArrayNode rejected = body.putArray("rejected");
    plan.rejected().forEach(r -> rejected.addObject().put("index", r.index()).put("error", r.error()));
    return answer;
  }

  /** True to the letter: either nothing was queued, or how many were and that a retry is still safe. */
  static HttpAnswer queueUnavailable(int queued, int accepted) {
    if (queued == 0) {
      return HttpAnswer.error(503, "the queue is unavailable, nothing was accepted: retry the request");
    }
    HttpAnswer answer = HttpAnswer.error(503, "the queue failed after taking " + queued + " of " + accepted
        + " messages: retry the request; the queue drops the ones it already has (same messageId)");
    answer.body().put("queued", queued);
    return answer;
  }
}
