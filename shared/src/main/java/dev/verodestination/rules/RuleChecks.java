package dev.verodestination.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.json.JsonErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The strict readings every section of the rules shares: a misspelt key or a wrong type would
 * otherwise let through what the operator meant to change, so each refuses to start, naming the
 * rule's path and what it must be.
 */
public final class RuleChecks {

  private RuleChecks() {}

  public static InvalidSettingException refuse(String problem) {
    return new InvalidSettingException("setting " + RulesDocument.SETTING + ": " + problem);
  }

  public static void onlyKeys(JsonNode object, String path, List<String> known) {
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      String key = member.getKey();
      if (!known.contains(key)) {
        throw refuse((path.isEmpty() ? "" : path + ": ") + "unknown key \"" + key + "\"; expected " + String.join(", ", known));
      }
    }
  }

  /** An object section, or null when absent. */
  public static JsonNode object(JsonNode section, String path, String what) {
    if (section != null && !section.isObject()) {
      throw refuse(path + ": must be an object with " + what + " (got " + JsonErrors.kind(section) + ")");
    }
    return section;
  }

  /** A list of non-empty strings, or empty when absent. */
  public static List<String> names(JsonNode list, String path, String what) {
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

  /** A list of dotted field paths, none with an empty name between its dots; empty when absent. */
  public static List<FieldPath> paths(JsonNode list, String path) {
    List<String> names = names(list, path, "a list of dotted field paths");
    List<FieldPath> paths = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      FieldPath field = FieldPath.of(names.get(i));
      if (field.names().stream().anyMatch(String::isEmpty)) {
        throw refuse(path + "[" + i + "]: \"" + field + "\" has an empty name between dots");
      }
      paths.add(field);
    }
    return List.copyOf(paths);
  }

  /** A boolean, or the default when absent. */
  public static boolean bool(JsonNode value, String path, boolean absent) {
    if (value == null) {
      return absent;
    }
    if (!value.isBoolean()) {
      throw refuse(path + ": must be true or false (got " + describe(value) + ")");
    }
    return value.booleanValue();
  }

  /** One of a few words, or the default when absent. */
  public static String word(JsonNode value, String path, List<String> words, String absent) {
    if (value == null) {
      return absent;
    }
    if (!value.isTextual() || !words.contains(value.textValue())) {
      throw refuse(path + ": must be " + String.join(" or ", words) + " (got " + describe(value) + ")");
    }
    return value.textValue();
  }

  public static String describe(JsonNode value) {
    return value.isTextual() ? "\"" + value.textValue() + "\"" : JsonErrors.kind(value);
  }
}
