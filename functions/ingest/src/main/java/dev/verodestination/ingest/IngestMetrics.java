package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.ingest.IngestResult.Plan;
import dev.verodestination.log.JsonLog;
import dev.verodestination.log.Metrics;
import dev.verodestination.log.Metrics.Metric;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ingest's metrics: requests by status class, and messages by outcome and reason class. A reason
 * class is one of a few fixed words, so that a dimension never carries a field name or a value.
 */
final class IngestMetrics {

  private IngestMetrics() {}

  /** The request's own log line counts it. */
  static void request(ObjectNode requestLine, int status) {
    Metrics.onto(requestLine, Map.of("Function", "ingest", "StatusClass", Metrics.statusClass(status)), Metric.count("Requests", 1));
  }

  /**
   * The accepted count on the request's line (the usual request writes one line), then one line per
   * class of skipped or rejected messages that occurred: a batch of 2,500 makes a handful of lines.
   */
  static void messages(ObjectNode requestLine, JsonLog log, Plan plan) {
    if (!plan.accepted().isEmpty()) {
      Metrics.onto(requestLine, Map.of("Function", "ingest", "Outcome", "accepted", "Reason", "none"),
          Metric.count("Messages", plan.accepted().size()));
    }
    Map<String, Integer> skipped = new TreeMap<>();
    plan.skipped().forEach(s -> skipped.merge(s.reason().kind().word, 1, Integer::sum));
    skipped.forEach((reason, count) -> messages(log, "skipped", reason, count));
    Map<String, Integer> rejected = new TreeMap<>();
    plan.rejected().forEach(r -> rejected.merge(r.kind().word, 1, Integer::sum));
    rejected.forEach((reason, count) -> messages(log, "rejected", reason, count));
  }

  private static void messages(JsonLog log, String outcome, String reason, int count) {
    Metrics.emit(log, Map.of("Function", "ingest", "Outcome", outcome, "Reason", reason), Metric.count("Messages", count));
  }
}
