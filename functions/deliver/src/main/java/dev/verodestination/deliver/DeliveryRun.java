package dev.verodestination.deliver;

import dev.verodestination.log.JsonLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One invocation as every message of its batch sees it: its log (lines carry its request id), its time
 * left, the tally of its Vero calls, and the Segment messageIds it delivered, which the batch's line
 * reports (the batch's groups add to both side by side).
 */
record DeliveryRun(JsonLog log, LongSupplier remainingMillis, VeroCallMetrics calls, List<String> deliveredIds) {

  DeliveryRun(JsonLog log, LongSupplier remainingMillis) {
    this(log, remainingMillis, new VeroCallMetrics(), Collections.synchronizedList(new ArrayList<>()));
  }
}
