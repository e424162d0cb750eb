package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.queue.SqsText;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the queue and deliver must be able to take back, checked on each message before it is
 * queued: every string and key is text SQS carries, and every number is no longer, once written out,
 * than the parser reads. Either would otherwise fail later, for the whole batch or at delivery.
 */
final class QueueableValues {

  /**
   * A problem and where it is: the path is gathered on the way back out, so that a message without
   * a problem (nearly every one) costs no string building at all.
   */
  private static final class Problem {
    final Deque<String> path = new ArrayDeque<>();
    final String rule;
    final boolean inKey;

    Problem(String rule, boolean inKey) {
      this.rule = rule;
      this.inKey = inKey;
    }

    Problem within(String segment) {
      path.addFirst(segment);
      return this;
    }

    String describe() {
      StringBuilder where = new StringBuilder();
      for (String segment : path) {
        if (!segment.startsWith("[") && where.length() > 0) {
          where.append('.');
        }
        where.append(segment);
      }
      return inKey
          ? "a key in \"" + (where.length() == 0 ? "the message" : where) + "\" " + rule
          : "\"" + where + "\" " + rule;
    }
  }

  private QueueableValues() {}

  /**
   * The first problem, naming where it is; empty when the message can be queued and read back. Text
   * and numbers are searched only when the request's bytes did not already prove them fit.
   */
  static Optional<String> check(JsonNode message, BodyScan scan) {
    if (!scan.mayHoldUnsafeText() && !scan.mayHoldLongNumbers()) {
      return Optional.empty();
    }
    Problem problem = find(message, scan.mayHoldUnsafeText());
    return problem == null ? Optional.empty() : Optional.of(problem.describe());
  }

  private static Problem find(JsonNode node, boolean searchText) {
    if (node.isTextual()) {
      if (!searchText) {
        return null;
      }
      String unsafe = unsafe(node.textValue());
      return unsafe == null ? null : new Problem("holds a character SQS cannot carry (" + unsafe + ")", false);
    }
    if (node.isNumber()) {
      return writtenLength(node) > Json.MAX_NUMBER_LENGTH
          ? new Problem("is a number longer than " + Json.MAX_NUMBER_LENGTH + " characters once written out", false)
          : null;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String unsafeKey = searchText ? unsafe(field.getKey()) : null;
        if (unsafeKey != null) {
          return new Problem("holds a character SQS cannot carry (" + unsafeKey + ")", true);
        }
        Problem problem = find(field.getValue(), searchText);
        if (problem != null) {
          return problem.within(field.getKey());
        }
      }
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Problem problem = find(node.get(i), searchText);
        if (problem != null) {
          return problem.within("[" + i + "]");
        }
      }
    }
    return null;
  }

  /**
   * How long Jackson writes a number. Only a decimal (floats are read as BigDecimal) or an integer
   * past a long's range can be long, and a decimal is written out in full only when its precision
   * and scale could make it so: Jackson writes {@code BigDecimal.toString()}, which may spell out
   * what the sender wrote as an exponent.
   */
  private static long writtenLength(JsonNode number) {
    if (number.isBigDecimal()) {
      BigDecimal value = number.decimalValue();
      // digits, the point, a sign and an exponent of at most 11 characters bound toString()
      if ((long) value.precision() + Math.abs((long) value.scale()) + 14 <= Json.MAX_NUMBER_LENGTH) {
        return 0;
      }
      return value.toString().length();
    }
    return number.isBigInteger() ? number.bigIntegerValue().toString().length() : 0;
  }

  /** The code point SQS would refuse, as U+XXXX, or null; JSON escapes the controls below U+0020 itself. */
  private static String unsafe(String text) {
    int at = SqsText.firstUnsafe(text);
    while (at >= 0 && text.charAt(at) < 0x20) {
      at = SqsText.firstUnsafe(text, at + 1);
    }
    return at < 0 ? null : String.format(Locale.ROOT, "U+%04X", (int) text.charAt(at));
  }
}
