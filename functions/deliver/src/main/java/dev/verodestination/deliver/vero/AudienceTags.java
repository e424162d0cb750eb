package dev.verodestination.deliver.vero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.rules.RuleChecks;
import dev.verodestination.segment.MessageType;
import java.util.List;
import java.util.Optional;

/**
 * Engage audience and journey step membership as Vero tags ({@code audiences}). Segment marks such a
 * message by {@code context.personas.computation_class} and names the audience by its {@code
 * computation_key}; membership is that key's value in the track's properties or, without them, the
 * identify's traits, as Segment's Actions destinations read it: true entered, false exited.
 */
public record AudienceTags(String tagPrefix) {

  private static final List<String> CLASSES = List.of("audience", "journey_step");

  static Optional<AudienceTags> parse(JsonNode section) {
    if (RuleChecks.object(section, "audiences", "tags and tagPrefix") == null) {
      return Optional.empty();
    }
    RuleChecks.onlyKeys(section, "audiences", List.of("tags", "tagPrefix"));
    JsonNode prefix = section.get("tagPrefix");
    if (prefix != null && !prefix.isTextual()) {
      throw RuleChecks.refuse("audiences.tagPrefix: must be a string (got " + RuleChecks.describe(prefix) + ")");
    }
    if (!RuleChecks.bool(section.get("tags"), "audiences.tags", false)) {
      if (section.has("tags")) {
        return Optional.empty();
      }
      throw RuleChecks.refuse("audiences.tags: must be true to make tags of audiences (or leave audiences out)");
    }
    return Optional.of(new AudienceTags(prefix == null ? "" : prefix.textValue()));
  }

  /** The audience a message reports membership of, when it is one Segment computed. */
  static Optional<String> audienceKey(JsonNode message, MessageType type) {
    if (type != MessageType.IDENTIFY && type != MessageType.TRACK) {
      return Optional.empty();
    }
    JsonNode personas = message.path("context").path("personas");
    if (!CLASSES.contains(personas.path("computation_class").asText())) {
      return Optional.empty();
    }
    return VeroMapping.text(personas, "computation_key");
  }

  /** The tags edit that adds or removes the audience's tag. */
  VeroRequest request(JsonNode message, String audienceKey, String userId) {
    JsonNode holder = message.get("properties") instanceof ObjectNode properties ? properties : message.path("traits");
    ObjectNode body = Json.object();
    body.put("id", userId);
    body.putArray(isMember(holder.get(audienceKey)) ? "add" : "remove").add(tagPrefix + audienceKey);
    return new VeroRequest("PUT", "/users/tags/edit", body);
  }

  /** The truth as the Actions destinations' JavaScript sees it: false, 0, "" and absent are not members. */
  private static boolean isMember(JsonNode value) {
    if (value == null || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0 && !Double.isNaN(value.doubleValue());
    }
    return !value.isTextual() || !value.textValue().isEmpty();
  }
}
