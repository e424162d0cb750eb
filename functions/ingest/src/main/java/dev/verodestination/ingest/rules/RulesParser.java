package dev.verodestination.ingest.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.json.Json;
import dev.verodestination.json.JsonErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the rules strictly: a misspelt key or a wrong type would otherwise let through what the
 * operator meant to hold back, so each refuses to start, naming the rule's path and what it must be.
 */
final class RulesParser {

  /** What a message is routed and delivered by: without it there is nothing left to send. */
  static final Set<String> UNDROPPABLE = Set.of("type", "messageId", "userId", "anonymousId", "previousId", "groupId", "event");

  private RulesParser() {}

  static DestinationRules parse(String text) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw refuse("the rules are not valid JSON: " + JsonErrors.describe(e));
    }
    if (root == null || !root.isObject()) {
      throw refuse("the rules must be a JSON object (got " + (root == null ? "nothing" : JsonErrors.kind(root)) + ")");
    }
    onlyKeys(root, "", List.of("events", "drop", "consent"));
    return new DestinationRules(events(root.get("events")), drop(root.get("drop")), consent(root.get("consent")));
  }

  private static EventRules events(JsonNode events) {
    if (events == null) {
      return EventRules.NONE;
    }
    if (!events.isObject()) {
      throw refuse("events: must be an object with allow, deny or rename (got " + JsonErrors.kind(events) + ")");
    }
    onlyKeys(events, "events", List.of("allow", "deny", "rename"));
    JsonNode allow = events.get("allow");
    if (allow != null && allow.isArray() && allow.isEmpty()) {
      throw refuse("events.allow: must name at least one pattern (to send no track events, deny \"*\")");
    }
    return new EventRules(patterns(allow, "events.allow"), patterns(events.get("deny"), "events.deny"), rename(events.get("rename")));
  }

  private static List<EventNamePattern> patterns(JsonNode list, String path) {
    return names(list, path, "a list of names").stream().map(EventNamePattern::of).toList();
  }

  private static Map<String, String> rename(JsonNode rename) {
    if (rename == null) {
      return Map.of();
    }
    if (!rename.isObject()) {
      throw refuse("events.rename: must be an object of event name to new name (got " + JsonErrors.kind(rename) + ")");
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : rename.properties()) {
      String from = entry.getKey();
      String path = "events.rename.\"" + from + "\"";
      if (from.isBlank()) {
        throw refuse("events.rename: an event name to rename must not be empty");
      }
      if (from.contains("*")) {
        throw refuse(path + ": names to rename are exact; * is a pattern only in events.allow and events.deny");
      }
      JsonNode to = entry.getValue();
      if (!to.isTextual() || to.textValue().isBlank()) {
        throw refuse(path + ": must be the new name, a non-empty string (got " + describe(to) + ")");
      }
      names.put(from, to.textValue());
    }
    return Map.copyOf(names);
  }

  private static List<FieldPath> drop(JsonNode drop) {
    List<FieldPath> paths = new ArrayList<>();
    List<String> names = names(drop, "drop", "a list of dotted field paths");
    for (int i = 0; i < names.size(); i++) {
      FieldPath path = FieldPath.of(names.get(i));
      if (path.names().stream().anyMatch(String::isEmpty)) {
        throw refuse("drop[" + i + "]: \"" + path + "\" has an empty name between dots");
      }
      if (path.names().size() == 1 && UNDROPPABLE.contains(path.path())) {
        throw refuse("drop[" + i + "]: \"" + path + "\" cannot be dropped: messages are routed and delivered by it");
      }
      paths.add(path);
    }
    return List.copyOf(paths);
  }

  private static Optional<ConsentRule> consent(JsonNode consent) {
    if (consent == null) {
      return Optional.empty();
    }
    if (!consent.isObject()) {
      throw refuse("consent: must be an object with categories and whenMissing (got " + JsonErrors.kind(consent) + ")");
    }
    onlyKeys(consent, "consent", List.of("categories", "whenMissing"));
    JsonNode categories = consent.get("categories");
    if (categories == null || (categories.isArray() && categories.isEmpty())) {
      throw refuse("consent.categories: must name at least one consent category");
    }
    JsonNode whenMissing = consent.get("whenMissing");
    ConsentRule.WhenMissing missing = ConsentRule.WhenMissing.SEND;
    if (whenMissing != null) {
      missing = switch (whenMissing.isTextual() ? whenMissing.textValue() : "") {
        case "send" -> ConsentRule.WhenMissing.SEND;
        case "skip" -> ConsentRule.WhenMissing.SKIP;
        default -> throw refuse("consent.whenMissing: must be send or skip (got " + describe(whenMissing) + ")");
      };
    }
    return Optional.of(new ConsentRule(names(categories, "consent.categories", "a list of category names"), missing));
  }

  /** A list of non-empty strings, or empty when absent. */
  private static List<String> names(JsonNode list, String path, String what) {
    if (list == null) {
      return List.of();
    }
    if (!list.isArray()) {
      throw refuse(path + ": must be " + what + " (got " + JsonErrors.kind(list) + ")");
    }
    List<String> names = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      if (!item.isTextual()) {
        throw refuse(path + "[" + i + "]: must be a string (got " + JsonErrors.kind(item) + ")");
      }
      if (item.textValue().isBlank()) {
        throw refuse(path + "[" + i + "]: must not be empty");
      }
      names.add(item.textValue());
    }
    return List.copyOf(names);
  }

  private static void onlyKeys(JsonNode object, String path, List<String> known) {
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      String key = member.getKey();
      if (!known.contains(key)) {
        throw refuse((path.isEmpty() ? "" : path + ": ") + "unknown key \"" + key + "\"; expected " + String.join(", ", known));
      }
    }
  }

  private static String describe(JsonNode value) {
    return value.isTextual() ? "\"" + value.textValue() + "\"" : JsonErrors.kind(value);
  }

  private static InvalidSettingException refuse(String problem) {
    return new InvalidSettingException("setting " + DestinationRules.SETTING + ": " + problem);
  }
}
