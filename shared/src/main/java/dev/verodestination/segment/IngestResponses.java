package dev.verodestination.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.segment.IngestResult.Plan;

/** The JSON answers of the ingest routes. */
public final class IngestResponses {

  private IngestResponses() {}

  public record Answer(int status, String body) {}

  public static Answer error(int status, String error) {
    ObjectNode body = Json.object();
    body.put("success", false);
    body.put("error", error);
    return new Answer(status, Json.string(body));
  }

  /** Call once every accepted message is on the queue. */
  public static Answer enqueued(Plan plan) {
    if (plan.singleCall() && !plan.rejected().isEmpty()) {
      return error(400, plan.rejected().get(0).error());
    }
    ObjectNode body = Json.object();
    body.put("success", true);
    body.put("accepted", plan.accepted().size());
    ArrayNode skipped = body.putArray("skipped");
    plan.skipped().forEach(s -> skipped.addObject().put("index", s.index()).put("reason", s.reason()));
    ArrayNode rejected = body.putArray("rejected");
    plan.rejected().forEach(r -> rejected.addObject().put("index", r.index()).put("error", r.error()));
    return new Answer(200, Json.string(body));
  }
}
