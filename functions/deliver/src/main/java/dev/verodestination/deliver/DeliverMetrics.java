package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.deliver.outage.Outage;
import dev.verodestination.log.JsonLog;
import dev.verodestination.log.Metrics;
import dev.verodestination.log.Metrics.Metric;
import java.util.Map;

/**
 * Deliver's metrics besides its Vero calls ({@link VeroCallMetrics}): messages put back for a
 * retry, dead letters by the status class that ended them, and messages held back for an outage.
 */
final class DeliverMetrics {

  private DeliverMetrics() {}

  static void retry(JsonLog log, int messages) {
    Metrics.emit(log, Map.of("Function", "deliver"), Metric.count("Retries", messages));
  }

  /**
   * On every batch's line, messages held back for each kind of outage, 0 when there is none: the
   * alarms "Vero unreachable" and "credential rejected" go back to OK on the first healthy batch, and
   * keep their state through the quiet between probes.
   */
  static void outages(ObjectNode batchLine, BatchReport report) {
    Outage.Cause cause = report.outage().map(Outage::cause).orElse(null);
    Metrics.onto(batchLine, Map.of("Function", "deliver"),
        Metric.count("VeroUnreachable", cause == Outage.Cause.UNREACHABLE ? report.heldBack() : 0),
        Metric.count("VeroCredentialRejected", cause == Outage.Cause.CREDENTIAL_REJECTED ? report.heldBack() : 0),
        Metric.count("VeroRateLimited", cause == Outage.Cause.RATE_LIMITED ? report.heldBack() : 0));
  }

  static void deadLetter(JsonLog log, int status) {
    Metrics.emit(log, Map.of("Function", "deliver", "StatusClass", Metrics.statusClass(status)), Metric.count("DeadLetters", 1));
  }
}
