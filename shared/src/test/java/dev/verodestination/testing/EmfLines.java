package dev.verodestination.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Embedded Metric Format lines of a captured log, each checked against the rules CloudWatch
 * applies before it will extract a metric: a millisecond timestamp, a namespace, dimension sets
 * whose names are string members of the line, metrics whose names are numeric members (or arrays of
 * up to 100 numbers) and whose
 * units CloudWatch knows.
 */
public final class EmfLines {

  private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
      "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
      "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
      "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

  private EmfLines() {}

  /** Every EMF line of {@code logs}, each one valid EMF, or the test fails naming the rule broken. */
  public static List<JsonNode> of(String logs) {
    List<JsonNode> lines = new ArrayList<>();
    for (String text : logs.split("\n")) {
      if (text.isBlank()) {
        continue;
      }
      JsonNode line = readLine(text);
      if (line.has("_aws")) {
        check(line, text);
        lines.add(line);
      }
    }
    return lines;
  }

  /** The sum of {@code metric} over the EMF lines whose dimensions include all of {@code dimensions}. */
  public static double sum(String logs, String metric, Map<String, String> dimensions) {
    return of(logs).stream()
        .filter(line -> line.has(metric))
        .filter(line -> dimensions.entrySet().stream().allMatch(d -> d.getValue().equals(line.path(d.getKey()).asText(null))))
        .mapToDouble(line -> line.path(metric).isArray()
            ? java.util.stream.StreamSupport.stream(line.path(metric).spliterator(), false).mapToDouble(JsonNode::asDouble).sum()
            : line.path(metric).asDouble())
        .sum();
  }

  private static JsonNode readLine(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("a log line is not JSON: " + text, e);
    }
  }

  private static void check(JsonNode line, String text) {
    JsonNode aws = line.path("_aws");
    assertTrue(aws.path("Timestamp").isIntegralNumber() && aws.path("Timestamp").asLong() > 1_000_000_000_000L,
        "_aws.Timestamp must be epoch milliseconds: " + text);
    JsonNode directives = aws.path("CloudWatchMetrics");
    assertTrue(directives.isArray() && directives.size() > 0, "_aws.CloudWatchMetrics must be a non-empty array: " + text);
    for (JsonNode directive : directives) {
      String namespace = directive.path("Namespace").asText("");
      assertTrue(!namespace.isEmpty() && namespace.length() <= 255, "Namespace must be 1-255 characters: " + text);
      JsonNode sets = directive.path("Dimensions");
      assertTrue(sets.isArray(), "Dimensions must be an array of dimension sets: " + text);
      for (JsonNode set : sets) {
        assertTrue(set.isArray() && set.size() <= 30, "a dimension set holds at most 30 names: " + text);
        for (JsonNode name : set) {
          assertTrue(line.path(name.asText()).isTextual(), "dimension " + name + " must be a string member: " + text);
          assertFalse(line.path(name.asText()).asText().isEmpty(), "dimension " + name + " must not be empty: " + text);
        }
      }
      JsonNode metrics = directive.path("Metrics");
      assertTrue(metrics.isArray() && metrics.size() > 0 && metrics.size() <= 100, "Metrics must hold 1-100 definitions: " + text);
      for (JsonNode metric : metrics) {
        String name = metric.path("Name").asText("");
        assertFalse(name.isEmpty(), "a metric needs a Name: " + text);
        JsonNode value = line.path(name);
        boolean values = value.isArray() && value.size() > 0 && value.size() <= 100
            && java.util.stream.StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isNumber);
        assertTrue(value.isNumber() || values, "metric " + name + " must be a number or an array of 1-100 numbers: " + text);
        assertTrue(!metric.has("Unit") || UNITS.contains(metric.path("Unit").asText()), "unknown unit for " + name + ": " + text);
      }
    }
  }
}
