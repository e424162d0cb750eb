package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verodestination.deliver.BatchReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryCountersTest {

  @Test
  void keepTheTotalsOfEveryBatchTheHandlersReport() {
    DeliveryCounters counters = new DeliveryCounters(false);
    counters.accept(new BatchReport(2, 1, 1, 0, 0, 0, java.util.Optional.empty(), List.of()));
    counters.accept(new BatchReport(4, 1, 0, 3, 0, 0, java.util.Optional.empty(), List.of("2", "3", "4")));
    counters.accept(new BatchReport(10, 7, 0, 0, 0, 0, java.util.Optional.empty(), List.of("8", "9", "10")));
    assertEquals(16, counters.received());
    assertEquals(9, counters.delivered());
    assertEquals(1, counters.deadLettered());
    assertEquals(3, counters.retried(), "messages handed back for want of time are not retries");
    assertEquals(0, counters.dryRun());
  }

  @Test
  void withoutAVeroCredentialWhatDeliverTookForDeliveredWasPrintedNotSent() {
    DeliveryCounters counters = new DeliveryCounters(true);
    counters.accept(new BatchReport(3, 2, 1, 0, 0, 0, java.util.Optional.empty(), List.of()));
    assertEquals(0, counters.delivered());
    assertEquals(2, counters.dryRun());
    assertEquals(1, counters.deadLettered());
  }
}
