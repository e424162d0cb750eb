package dev.verodestination.ingest.rules;

import dev.verodestination.segment.MessageRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which track events go to Vero, and under which name. An empty allow list means every event;
 * deny wins over allow; both see the name as sent, before a rename.
 */
public record EventRules(List<EventNamePattern> allow, List<EventNamePattern> deny, Map<String, String> rename) {

  public static final EventRules NONE = new EventRules(List.of(), List.of(), Map.of());

  /** Why an event of this name is not for Vero, naming the rule (never the event's name). */
  public Optional<SkipReason> skipReason(String event) {
    for (EventNamePattern pattern : deny) {
      if (pattern.matches(event)) {
        return Optional.of(SkipReason.byRule(SkipReason.Kind.FILTERED, "the event matches events.deny \"" + MessageRules.shorten(pattern.toString()) + "\""));
      }
    }
    if (allow.isEmpty()) {
      return Optional.empty();
    }
    for (EventNamePattern pattern : allow) {
      if (pattern.matches(event)) {
        return Optional.empty();
      }
    }
    return Optional.of(SkipReason.byRule(SkipReason.Kind.FILTERED, "the event matches no events.allow pattern"));
  }

  public Optional<String> renamed(String event) {
    return Optional.ofNullable(rename.get(event));
  }

  boolean isEmpty() {
    return allow.isEmpty() && deny.isEmpty() && rename.isEmpty();
  }
}
