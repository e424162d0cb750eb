package dev.verodestination.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.crypto.Sha256;
import dev.verodestination.json.Json;
import dev.verodestination.segment.Integrations;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Vero's profile webhooks as Segment identify calls: {@code user_created} with the fields Vero sent
 * about the person, {@code user_updated} with the attributes it names and each tag it added or
 * removed as a boolean trait ({@value #TAG_TRAIT_PREFIX}{@code <tag>}). The payload carries only the
 * change, never the whole tag list, and Segment merges traits key by key: a boolean per tag is what a
 * change can set without erasing the others, and what every destination and warehouse reads.
 * Each call names Vero as its source ({@code context.integration.name}), so that ingest never sends
 * it back to Vero.
 */
final class VeroProfileMapping {

  static final String TAG_TRAIT_PREFIX = "vero_tag_";
  /** What a payload says about itself rather than about the person. */
  private static final Set<String> ENVELOPE = Set.of("type", "action", "user", "changes", "id", "email");

  private VeroProfileMapping() {}

  /** {@code type}: user_created or user_updated; the person is known (the caller checked user.id or user.email). */
  static VeroWebhookMapping.Result map(JsonNode payload, String type, Optional<String> userId, Optional<String> email) {
    ObjectNode traits = Json.object();
    for (Map.Entry<String, JsonNode> field : payload.path("user").properties()) {
      if (!field.getKey().equals("id")) {
        traits.set(field.getKey(), field.getValue());
      }
    }
    if (type.equals("user_created")) {
      // one sample of Vero's sends the person's fields beside "user" rather than in it
      for (Map.Entry<String, JsonNode> field : payload.properties()) {
        if (!ENVELOPE.contains(field.getKey()) && !traits.has(field.getKey())) {
          traits.set(field.getKey(), field.getValue());
        }
      }
    } else if (!addChanges(payload.path("changes"), traits)) {
      return new VeroWebhookMapping.Acknowledge("user_updated names no change: nothing to forward");
    }
    ObjectNode call = Json.object();
    call.put("type", "identify");
    if (userId.isPresent()) {
      call.put("userId", userId.get());
    } else {
      call.put("anonymousId", email.orElseThrow());
    }
    String messageId = messageId(payload, type);
    call.put("messageId", messageId);
    call.set("traits", traits);
    call.putObject("context").putObject("integration").put("name", Integrations.FROM_VERO);
    call.putObject("integrations").put(Integrations.VERO, false);
    return new VeroWebhookMapping.Forward(new SegmentCall(Json.bytes(call), messageId, "Identify (" + type + ")"));
  }

  /** The changed attributes as given, and each tag added or removed; false when the payload names none. */
  private static boolean addChanges(JsonNode changes, ObjectNode traits) {
    boolean any = false;
    for (Map.Entry<String, JsonNode> change : changes.properties()) {
      if (!change.getKey().equals("_tags")) {
        traits.set(change.getKey(), change.getValue());
        any = true;
      }
    }
    JsonNode tags = changes.path("_tags");
    for (String action : new String[] {"add", "remove"}) {
      for (JsonNode tag : tags.path(action)) {
        if (tag.isTextual() && !tag.textValue().isBlank()) {
          traits.put(TAG_TRAIT_PREFIX + tag.textValue().trim(), action.equals("add"));
          any = true;
        }
      }
    }
    return any;
  }

  /** The same webhook always gets the same id, so that Segment drops one Vero sends twice. */
  static String messageId(JsonNode payload, String type) {
    String identity = type + '\u001f' + Json.string(payload.path("user")) + '\u001f' + Json.string(payload.path("changes"))
        + '\u001f' + Json.string(otherFields(payload));
    return "vero-" + HexFormat.of().formatHex(Sha256.digest(identity), 0, 20);
  }

  private static ObjectNode otherFields(JsonNode payload) {
    ObjectNode others = Json.object();
    payload.properties().forEach(field -> {
      if (!ENVELOPE.contains(field.getKey())) {
        others.set(field.getKey(), field.getValue());
      }
    });
    return others;
  }
}
