package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.queue.SqsText;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the queue and deliver must be able to take back, checked on each message before it is
 * queued: every string and key is text SQS carries, and every number is no longer, once written out,
 * than the parser reads. Either would otherwise fail later, for the whole batch or at delivery.
 */
final class QueueableValues {

  private QueueableValues() {}

  /** The first problem, naming where it is; empty when the message can be queued and read back. */
  static Optional<String> check(JsonNode message) {
    return check(message, "");
  }

  private static Optional<String> check(JsonNode node, String path) {
    if (node.isTextual()) {
      return unsafe(node.textValue()).map(c -> "\"" + path + "\" holds a character SQS cannot carry (" + c + ")");
    }
    if (node.isNumber()) {
      // Jackson writes a decimal as BigDecimal.toString(), which may spell out what the sender wrote as an exponent
      long written = node.isBigDecimal() ? node.decimalValue().toString().length() : node.asText().length();
      return written > Json.MAX_NUMBER_LENGTH
          ? Optional.of("\"" + path + "\" is a number longer than " + Json.MAX_NUMBER_LENGTH + " characters once written out")
          : Optional.empty();
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        Optional<String> key = unsafe(field.getKey());
        if (key.isPresent()) {
          return Optional.of("a key in \"" + (path.isEmpty() ? "the message" : path) + "\" holds a character SQS cannot carry ("
              + key.get() + ")");
        }
        Optional<String> problem = check(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> problem = check(node.get(i), path + "[" + i + "]");
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  /** The code point SQS would refuse, as U+XXXX; JSON escapes the controls below U+0020 itself. */
  private static Optional<String> unsafe(String text) {
    int at = SqsText.firstUnsafe(text);
    while (at >= 0 && text.charAt(at) < 0x20) {
      at = SqsText.firstUnsafe(text, at + 1);
    }
    return at < 0 ? Optional.empty() : Optional.of(String.format(Locale.ROOT, "U+%04X", (int) text.charAt(at)));
  }
}
