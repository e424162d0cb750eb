package dev.verodestination.deliver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.deliver.vero.VeroRequest;
import dev.verodestination.log.JsonLog;
import dev.verodestination.log.Metrics;
import dev.verodestination.log.Metrics.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation's Vero calls, counted by call and status class and written once when the batch is
 * done: the metrics' declaration then costs one line a batch instead of one a call. Latencies go as
 * an EMF value array, which CloudWatch takes as that many samples (percentiles stay exact); the
 * batch's groups' threads add to it side by side.
 */
final class VeroCallMetrics {

  private record Key(String call, String statusClass) {}

  private final Map<Key, List<Long>> latencies = new LinkedHashMap<>();

  synchronized void add(VeroRequest request, int status, long millis) {
    latencies.computeIfAbsent(new Key(request.method() + " " + request.path(), Metrics.statusClass(status)), k -> new ArrayList<>())
        .add(millis);
  }

  /**
   * The first call and status class onto {@code batchLine} (usually the only one), each other on a
   * {@code metrics} line of its own, and more than {@value Metrics#MAX_SAMPLES} calls of one kind
   * spread over several lines.
   */
  synchronized void writeOnto(ObjectNode batchLine, JsonLog log) {
    boolean onBatchLine = true;
    for (Map.Entry<Key, List<Long>> kind : latencies.entrySet()) {
      List<Long> millis = kind.getValue();
      for (int from = 0; from < millis.size(); from += Metrics.MAX_SAMPLES) {
        List<Long> chunk = millis.subList(from, Math.min(millis.size(), from + Metrics.MAX_SAMPLES));
        ObjectNode line = onBatchLine ? batchLine : log.line("INFO", "metrics");
        Metrics.onto(line, Map.of("Function", "deliver", "Call", kind.getKey().call(), "StatusClass", kind.getKey().statusClass()),
            Metric.count("VeroCalls", chunk.size()), Metric.millis("VeroLatency", chunk));
        if (!onBatchLine) {
          log.write(line);
        }
        onBatchLine = false;
      }
    }
  }
}
