package dev.verodestination.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics as CloudWatch Embedded Metric Format: a log line that CloudWatch turns into metrics, so
 * a function needs no metrics client and makes no call of its own. One namespace; dimensions are
 * few and bounded (a function, an outcome, a Vero call, a status class), never an id.
 */
public final class Metrics {

  public static final String NAMESPACE = "VeroDestination";

  public enum Unit { Count, Milliseconds }

  /** One metric of a line. */
  public record Metric(String name, Unit unit, double value) {

    public static Metric count(String name, long value) {
      return new Metric(name, Unit.Count, value);
    }

    public static Metric millis(String name, long value) {
      return new Metric(name, Unit.Milliseconds, value);
    }
  }

  private Metrics() {}

  /** Writes one EMF line to {@code log}: these metrics, under one dimension set made of these dimensions. */
  public static void emit(JsonLog log, Map<String, String> dimensions, Metric... metrics) {
    ObjectNode line = log.line("INFO", "metrics");
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", System.currentTimeMillis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
    ArrayNode definitions = directive.putArray("Metrics");
    new TreeMap<>(dimensions).forEach((name, value) -> {
      dimensionSet.add(name);
      line.put(name, value);
    });
    for (Metric metric : metrics) {
      definitions.addObject().put("Name", metric.name()).put("Unit", metric.unit().name());
      line.put(metric.name(), metric.value());
    }
    log.write(line);
  }

  /** {@code 2xx}, {@code 4xx}, {@code 5xx}, or {@code none} when no answer came. */
  public static String statusClass(int status) {
    return status <= 0 ? "none" : (status / 100) + "xx";
  }
}
