package dev.verodestination.ingest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.JsonErrors;
import dev.verodestination.rules.FieldPath;
import dev.verodestination.rules.PersonIdentity;
import dev.verodestination.rules.RuleChecks;
import dev.verodestination.rules.RulesDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads ingest's sections of the rules strictly (and the identity, which deliver reads too). */
final class RulesParser {

  /** What a message is routed and delivered by: without it there is nothing left to send. */
  static final Set<String> UNDROPPABLE = Set.of("type", "messageId", "userId", "anonymousId", "previousId", "groupId", "event");

  private RulesParser() {}

  static DestinationRules parse(ObjectNode root) {
    return new DestinationRules(events(root.get("events")), drop(root.get("drop")), consent(root.get("consent")),
        PersonIdentity.parse(root.get("identity")));
  }

  private static EventRules events(JsonNode events) {
    if (RuleChecks.object(events, "events", RulesDocument.EVENTS_SHAPE) == null) {
      return EventRules.NONE;
    }
    // keepRepeats is deliver's: it reads and checks it
    RuleChecks.onlyKeys(events, "events", RulesDocument.EVENTS_KEYS);
    JsonNode allow = events.get("allow");
    if (allow != null && allow.isArray() && allow.isEmpty()) {
      throw RuleChecks.refuse("events.allow: must name at least one pattern (to send no track events, deny \"*\")");
    }
    return new EventRules(patterns(allow, "events.allow"), patterns(events.get("deny"), "events.deny"), rename(events.get("rename")));
  }

  private static List<EventNamePattern> patterns(JsonNode list, String path) {
    return RuleChecks.names(list, path, "a list of names").stream().map(EventNamePattern::of).toList();
  }

  private static Map<String, String> rename(JsonNode rename) {
    if (rename == null) {
      return Map.of();
    }
    if (!rename.isObject()) {
      throw RuleChecks.refuse("events.rename: must be an object of event name to new name (got " + JsonErrors.kind(rename) + ")");
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : rename.properties()) {
      String from = entry.getKey();
      String path = "events.rename.\"" + from + "\"";
      if (from.isBlank()) {
        throw RuleChecks.refuse("events.rename: an event name to rename must not be empty");
      }
      if (from.contains("*")) {
        throw RuleChecks.refuse(path + ": names to rename are exact; * is a pattern only in events.allow and events.deny");
      }
      JsonNode to = entry.getValue();
      if (!to.isTextual() || to.textValue().isBlank()) {
        throw RuleChecks.refuse(path + ": must be the new name, a non-empty string (got " + RuleChecks.describe(to) + ")");
      }
      names.put(from, to.textValue());
    }
    return Map.copyOf(names);
  }

  private static List<FieldPath> drop(JsonNode drop) {
    List<FieldPath> paths = RuleChecks.paths(drop, "drop");
    for (int i = 0; i < paths.size(); i++) {
      FieldPath path = paths.get(i);
      if (path.names().size() == 1 && UNDROPPABLE.contains(path.path())) {
        throw RuleChecks.refuse("drop[" + i + "]: \"" + path + "\" cannot be dropped: messages are routed and delivered by it");
      }
    }
    return paths;
  }

  private static Optional<ConsentRule> consent(JsonNode consent) {
    if (RuleChecks.object(consent, "consent", "categories and whenMissing") == null) {
      return Optional.empty();
    }
    RuleChecks.onlyKeys(consent, "consent", List.of("categories", "whenMissing"));
    JsonNode categories = consent.get("categories");
    if (categories == null || (categories.isArray() && categories.isEmpty())) {
      throw RuleChecks.refuse("consent.categories: must name at least one consent category");
    }
    ConsentRule.WhenMissing missing = switch (RuleChecks.word(consent.get("whenMissing"), "consent.whenMissing", List.of("send", "skip"), "send")) {
      case "skip" -> ConsentRule.WhenMissing.SKIP;
      default -> ConsentRule.WhenMissing.SEND;
    };
    return Optional.of(new ConsentRule(RuleChecks.names(categories, "consent.categories", "a list of category names"), missing));
  }
}
