package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A {@code /v1/batch} body: {@code {batch:[...], context, integrations, sentAt, writeKey}}. The
 * envelope's context and integrations are merged into each item (the item's own keys win), and its
 * sentAt applies to items that carry none.
 */
public final class BatchEnvelope {

  private BatchEnvelope() {}

  public static void mergeInto(ObjectNode item, JsonNode envelope) {
    mergeObject(item, envelope, "context");
    mergeObject(item, envelope, "integrations");
    JsonNode sentAt = envelope.get("sentAt");
    if (sentAt != null && !sentAt.isNull() && !item.hasNonNull("sentAt")) {
      item.set("sentAt", sentAt);
    }
  }

  private static void mergeObject(ObjectNode item, JsonNode envelope, String field) {
    JsonNode shared = envelope.get(field);
    if (shared == null || !shared.isObject() || shared.isEmpty()) {
      return;
    }
    JsonNode own = item.get(field);
    if (own == null || own.isNull()) {
      item.set(field, shared.deepCopy());
      return;
    }
    if (!own.isObject()) {
      return; // left for MessageRules to reject with the field's name
    }
    ObjectNode merged = ((ObjectNode) shared).deepCopy();
    for (Map.Entry<String, JsonNode> entry : own.properties()) {
      merged.set(entry.getKey(), entry.getValue());
    }
    item.set(field, merged);
  }
}
