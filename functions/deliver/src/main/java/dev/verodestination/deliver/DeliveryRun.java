package dev.verodestination.deliver;

import dev.verodestination.log.JsonLog;
import java.util.function.LongSupplier;

/**
 * One invocation as every message of its batch sees it: its log (lines carry its request id), its time
 * left, and the tally of its Vero calls that the batch's line reports.
 */
record DeliveryRun(JsonLog log, LongSupplier remainingMillis, VeroCallMetrics calls) {

  DeliveryRun(JsonLog log, LongSupplier remainingMillis) {
    this(log, remainingMillis, new VeroCallMetrics());
  }
}
