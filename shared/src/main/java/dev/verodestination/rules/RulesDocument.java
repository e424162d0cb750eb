package dev.verodestination.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.json.Json;
import dev.verodestination.json.JsonErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's one rules document ({@code DESTINATION_RULES}), which ingest and deliver both read:
 * each function reads the sections of the step it owns, and both refuse a section that no function
 * knows, since a misspelt one would silently change nothing.
 */
public final class RulesDocument {

  public static final String SETTING = "DESTINATION_RULES";
  /** Ingest's: {@code events} (but {@code keepRepeats}), {@code drop}, {@code consent}; deliver's: the rest; both: {@code identity}. */
  public static final List<String> SECTIONS = List.of("events", "drop", "consent", "identity", "audiences", "products");
  /** The {@code events} section's keys: ingest reads all but {@code keepRepeats}, deliver that one. */
  public static final List<String> EVENTS_KEYS = List.of("allow", "deny", "rename", "keepRepeats");
  /** What the {@code events} section must be, as a refusal says it. */
  public static final String EVENTS_SHAPE = "allow, deny, rename or keepRepeats";
  /** The largest rules document read: far above any real one, far below what would exhaust a function's memory. */
  public static final int MAX_BYTES = 1024 * 1024;

  private RulesDocument() {}

  /** The setting's JSON, given as the text itself or, when it does not start with {@code {}, as a file's path; empty when unset. */
  public static Optional<ObjectNode> from(Settings settings) {
    Optional<String> value = settings.optional(SETTING);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    if (!text.startsWith("{")) {
      text = readFile(text);
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw tooLarge(bytes);
    }
    return Optional.of(parse(text));
  }

  /** The document's root, its sections named: a mistake refuses with what it must be. */
  public static ObjectNode parse(String text) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw RuleChecks.refuse("the rules are not valid JSON: " + JsonErrors.describe(e));
    }
    if (!(root instanceof ObjectNode object)) {
      throw RuleChecks.refuse("the rules must be a JSON object (got " + (root == null ? "nothing" : JsonErrors.kind(root)) + ")");
    }
    RuleChecks.onlyKeys(object, "", SECTIONS);
    return object;
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
}
