package dev.verodestination.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics as CloudWatch Embedded Metric Format: a log line that CloudWatch turns into metrics, so
 * a function needs no metrics client and makes no call of its own; where the function writes a line
 * anyway, that line carries them. One namespace a stack; dimensions are few and bounded (a
 * function, an outcome, a Vero call, a status class), never an id.
 */
public final class Metrics {

  public static final String DEFAULT_NAMESPACE = "VeroDestination";

  /**
   * {@code METRICS_NAMESPACE}, which template.yaml sets to {@code VeroDestination/<stack name>} so that
   * two stacks in one account (staging and production) keep their metrics and dashboards apart; the
   * local runner leaves it unset.
   */
  public static final String NAMESPACE = namespace(System.getenv("METRICS_NAMESPACE"));

  public enum Unit { Count, Milliseconds }

  /**
   * One metric of a line: one value, or several ({@code samples}, at most {@value #MAX_SAMPLES}), which
   * CloudWatch takes as that many values of the metric.
   */
  public record Metric(String name, Unit unit, List<Long> samples) {

    public static Metric count(String name, long value) {
      return new Metric(name, Unit.Count, List.of(value));
    }

    public static Metric millis(String name, long value) {
      return new Metric(name, Unit.Milliseconds, List.of(value));
    }

    public static Metric millis(String name, List<Long> samples) {
      if (samples.isEmpty() || samples.size() > MAX_SAMPLES) {
        throw new IllegalArgumentException("a metric's values on one line are 1 to " + MAX_SAMPLES + ", not " + samples.size());
      }
      return new Metric(name, Unit.Milliseconds, List.copyOf(samples));
    }
  }

  /** EMF's most values of one metric on one line. */
  public static final int MAX_SAMPLES = 100;

  private Metrics() {}

  /** Writes one EMF line to {@code log}: these metrics, under one dimension set made of these dimensions. */
  public static void emit(JsonLog log, Map<String, String> dimensions, Metric... metrics) {
    log.write(onto(log.line("INFO", "metrics"), dimensions, metrics));
  }

  /**
   * Makes {@code line}, a line the function writes anyway, carry these metrics too: one line instead
   * of two, since log ingestion is the largest share of what an event costs (docs/cost.md). A line
   * can carry several sets, each with its own dimensions, as long as no two give one dimension two
   * values. Returns {@code line}.
   */
  public static ObjectNode onto(ObjectNode line, Map<String, String> dimensions, Metric... metrics) {
    ObjectNode aws = line.has("_aws") ? (ObjectNode) line.get("_aws") : line.putObject("_aws");
    aws.put("Timestamp", System.currentTimeMillis());
    ArrayNode directives = aws.has("CloudWatchMetrics") ? (ArrayNode) aws.get("CloudWatchMetrics") : aws.putArray("CloudWatchMetrics");
    ObjectNode directive = directives.addObject();
    directive.put("Namespace", NAMESPACE);
    ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
    ArrayNode definitions = directive.putArray("Metrics");
    new TreeMap<>(dimensions).forEach((name, value) -> {
      if (line.has(name) && !line.get(name).asText().equals(value)) {
        throw new IllegalArgumentException("dimension " + name + " already has another value on this line");
      }
      dimensionSet.add(name);
      line.put(name, value);
    });
    for (Metric metric : metrics) {
      definitions.addObject().put("Name", metric.name()).put("Unit", metric.unit().name());
      if (metric.samples().size() == 1) {
        line.put(metric.name(), (double) metric.samples().get(0));
      } else {
        metric.samples().forEach(line.putArray(metric.name())::add);
      }
    }
    return line;
  }

  static String namespace(String setting) {
    return setting == null || setting.isBlank() ? DEFAULT_NAMESPACE : setting.trim();
  }

  /** {@code 2xx}, {@code 4xx}, {@code 5xx}, or {@code none} when no answer came. */
  public static String statusClass(int status) {
    return status <= 0 ? "none" : (status / 100) + "xx";
  }
}
