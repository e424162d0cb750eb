package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.json.JsonErrors;
import dev.verodestination.segment.MessageType;
import java.util.Optional;

/** The messages a body holds, by route: one call, a batch envelope, or a bare object or array (Segment's Webhooks destination). */
final class Envelopes {

  /**
   * {@code items}: the messages in request order; {@code envelope}: a batch's envelope to merge into
   * each; {@code type}: the type the path gives; {@code single}: one call, whose rejection is the answer.
   */
  record Messages(JsonNode items, Optional<JsonNode> envelope, Optional<MessageType> type, boolean single) {}

  private Envelopes() {}

  static Checked<Messages> unwrap(IngestRoute route, JsonNode root) {
    return switch (route.kind()) {
      case SINGLE -> root.isObject()
          ? single(root, route.type())
          : Checked.refuse(400, "body must be a JSON object (got " + JsonErrors.kind(root) + ")");
      case BATCH -> batch(root);
      case BARE -> bare(root);
      case METRICS -> throw new IllegalStateException("metrics are answered before the body is read");
    };
  }

  private static Checked<Messages> bare(JsonNode root) {
    if (root.isArray()) {
      return new Checked.Ok<>(new Messages(root, Optional.empty(), Optional.empty(), false));
    }
    if (root.isObject() && root.has("batch")) {
      return batch(root);
    }
    if (root.isObject()) {
      return single(root, Optional.empty());
    }
    return Checked.refuse(400, "body must be a JSON object or array (got " + JsonErrors.kind(root) + ")");
  }

  private static Checked<Messages> single(JsonNode root, Optional<MessageType> type) {
    return new Checked.Ok<>(new Messages(Json.MAPPER.createArrayNode().add(root), Optional.empty(), type, true));
  }

  private static Checked<Messages> batch(JsonNode root) {
    if (!root.isObject()) {
      return Checked.refuse(400, "body must be a JSON object with a \"batch\" array (got " + JsonErrors.kind(root) + ")");
    }
    JsonNode batch = root.get("batch");
    if (batch == null || !batch.isArray()) {
      return Checked.refuse(400, "\"batch\" must be an array of messages");
    }
    return new Checked.Ok<>(new Messages(batch, Optional.of(root), Optional.empty(), false));
  }
}
