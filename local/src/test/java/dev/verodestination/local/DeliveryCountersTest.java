package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verodestination.deliver.BatchReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryCountersTest {

  @Test
  void keepTheTotalsOfEveryBatchTheHandlersReport() {
    DeliveryCounters counters = new DeliveryCounters();
    counters.accept(new BatchReport(2, 1, 0, 1, 0, 0, 0, java.util.Optional.empty(), List.of()));
    counters.accept(new BatchReport(4, 1, 0, 0, 3, 0, 0, java.util.Optional.empty(), List.of("2", "3", "4")));
    counters.accept(new BatchReport(10, 7, 0, 0, 0, 0, 0, java.util.Optional.empty(), List.of("8", "9", "10")));
    assertEquals(16, counters.received());
    assertEquals(9, counters.delivered());
    assertEquals(1, counters.deadLettered());
    assertEquals(3, counters.retried(), "messages handed back for want of time are not retries");
  }
}
