package dev.verodestination.ingest.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.segment.MessageRules;
import dev.verodestination.segment.MessageType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What of each message reaches Vero, as the operator decides ({@code DESTINATION_RULES}): which track
 * events, under which names, without which fields, and only with which consent. Applied at ingest, so
 * that a dropped field or a filtered message never reaches the queue, the dead-letter queue or a log.
 */
public record DestinationRules(EventRules events, List<FieldPath> drop, Optional<ConsentRule> consent) {

  public static final String SETTING = "DESTINATION_RULES";
  /** How each reason for an events rule begins, and its metric's {@code Reason}. */
  public static final String FILTERED = "filtered";
  /** How each reason for the consent rule begins, and its metric's {@code Reason}. */
  public static final String NO_CONSENT = "no-consent";

  /** The largest rules document read: far above any real one, far below what would exhaust a function's memory. */
  public static final int MAX_BYTES = 1024 * 1024;
  /** How many dropped paths the summary names before it counts the rest. */
  private static final int SUMMARY_PATHS = 5;

  public static final DestinationRules NONE = new DestinationRules(EventRules.NONE, List.of(), Optional.empty());

  /** The setting's JSON, given as the text itself or, when it does not start with {@code {}, as a file's path. */
  public static DestinationRules from(Settings settings) {
    Optional<String> value = settings.optional(SETTING);
    if (value.isEmpty()) {
      return NONE;
    }
    String text = value.get();
    if (!text.startsWith("{")) {
      text = readFile(text);
    }
    int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw tooLarge(bytes);
    }
    return parse(text);
  }

  /** Rules from their JSON; a mistake refuses with the rule's path and what it must be. */
  public static DestinationRules parse(String json) {
    return RulesParser.parse(json);
  }

  private static String readFile(String path) {
    try {
      long size = Files.size(Path.of(path));
      if (size > MAX_BYTES) {
        throw tooLarge(size);
      }
      return Files.readString(Path.of(path));
    } catch (IOException | InvalidPathException e) {
      throw new InvalidSettingException("setting " + SETTING + " must be the rules' JSON or the path of a file holding it; "
          + "cannot read the file " + path + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static InvalidSettingException tooLarge(long bytes) {
    return new InvalidSettingException("setting " + SETTING + ": the rules are " + String.format(Locale.ROOT, "%,d", bytes)
        + " bytes; the limit is " + String.format(Locale.ROOT, "%,d", MAX_BYTES) + " (1 MB)");
  }

  /** Why this message, valid and for a person in Vero, is not to be sent; a deletion request always is. */
  public Optional<String> skipReason(ObjectNode message, MessageType type) {
    if (type == MessageType.DELETE) {
      return Optional.empty();
    }
    if (type == MessageType.TRACK && !events.isEmpty()) {
      Optional<String> filtered = events.skipReason(message.get("event").textValue());
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
    return events.isEmpty() && drop.isEmpty() && consent.isEmpty();
  }

  /** One line for the runner's start and a function's first log line: what is in force, no more. */
  public String summary() {
    if (isEmpty()) {
      return "none";
    }
    return "events.allow " + events.allow().size() + ", events.deny " + events.deny().size() + ", events.rename "
        + events.rename().size() + ", drop " + dropSummary() + ", consent "
        + consent.map(c -> c.categories() + " (whenMissing " + c.whenMissing().name().toLowerCase(Locale.ROOT) + ")")
            .orElse("none");
  }

  /** The dropped paths, each shortened, and past a few only counted: the summary is one readable line. */
  private String dropSummary() {
    List<String> named = drop.stream().limit(SUMMARY_PATHS).map(path -> MessageRules.shorten(path.toString())).toList();
    return drop.size() <= SUMMARY_PATHS ? named.toString()
        : named.toString().replace("]", ", … " + (drop.size() - SUMMARY_PATHS) + " more]");
  }
}
