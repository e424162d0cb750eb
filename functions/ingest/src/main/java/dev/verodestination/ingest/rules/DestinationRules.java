package dev.verodestination.ingest.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.config.Settings;
import dev.verodestination.segment.MessageRules;
import dev.verodestination.segment.MessageType;
import dev.verodestination.rules.FieldPath;
import dev.verodestination.rules.PersonIdentity;
import dev.verodestination.rules.RulesDocument;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What of each message reaches Vero, as the operator decides ({@code DESTINATION_RULES}): which track
 * events, under which names, without which fields, only with which consent, and who a message is
 * about. Applied at ingest, so that a dropped field or a filtered message never reaches the queue,
 * the dead-letter queue or a log; the mapping's own sections are deliver's.
 */
public record DestinationRules(EventRules events, List<FieldPath> drop, Optional<ConsentRule> consent, PersonIdentity identity) {

  public static final String SETTING = RulesDocument.SETTING;

  /** How many dropped paths the summary names before it counts the rest. */
  private static final int SUMMARY_PATHS = 5;

  public static final DestinationRules NONE = new DestinationRules(EventRules.NONE, List.of(), Optional.empty(), PersonIdentity.SEGMENT);

  public static DestinationRules from(Settings settings) {
    return RulesDocument.from(settings).map(RulesParser::parse).orElse(NONE);
  }

  /** Rules from their JSON; a mistake refuses with the rule's path and what it must be. */
  public static DestinationRules parse(String json) {
    return RulesParser.parse(RulesDocument.parse(json));
  }
  /** Why this message, valid and for a person in Vero, is not to be sent; a deletion request always is. */
  public Optional<SkipReason> skipReason(ObjectNode message, MessageType type) {
    if (type == MessageType.DELETE) {
      return Optional.empty();
    }
    if (type == MessageType.TRACK && !events.isEmpty()) {
      Optional<SkipReason> filtered = events.skipReason(message.get("event").textValue());
      if (filtered.isPresent()) {
        return filtered;
      }
    }
    return consent.isEmpty() ? Optional.empty() : consent.get().skipReason(message);
  }

  /** The message as Vero is to have it: its track event renamed, the dropped fields gone. */
  public void reshape(ObjectNode message, MessageType type) {
    if (type == MessageType.TRACK && !events.rename().isEmpty()) {
      events.renamed(message.get("event").textValue()).ifPresent(name -> message.put("event", name));
    }
    for (FieldPath path : drop) {
      path.removeFrom(message);
    }
  }

  public boolean isEmpty() {
    return events.isEmpty() && drop.isEmpty() && consent.isEmpty() && identity.isSegments();
  }

  /** One line for the runner's start and a function's first log line: what is in force, no more. */
  public String summary() {
    if (isEmpty()) {
      return "none";
    }
    return "events.allow " + events.allow().size() + ", events.deny " + events.deny().size() + ", events.rename "
        + events.rename().size() + ", drop " + dropSummary() + ", consent "
        + consent.map(c -> c.categories() + " (whenMissing " + c.whenMissing().name().toLowerCase(Locale.ROOT) + ")")
            .orElse("none")
        + (identity.isSegments() ? "" : ", identity " + identity.summary());
  }

  /** The dropped paths, each shortened, and past a few only counted: the summary is one readable line. */
  private String dropSummary() {
    List<String> named = drop.stream().limit(SUMMARY_PATHS).map(path -> MessageRules.shorten(path.toString())).toList();
    return drop.size() <= SUMMARY_PATHS ? named.toString()
        : named.toString().replace("]", ", … " + (drop.size() - SUMMARY_PATHS) + " more]");
  }
}
