package dev.verodestination.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The day's arithmetic docs/capacity.md rests on, on figures whose answers are worked out by hand. */
class CapacityTest {

  @Test
  void aPeakAboveWhatDeliverTakesQueuesUpAndDrainsAfterwardsAtTheDifference() {
    // 100/s on average, 1,000/s for the peak hour; five batches of ten users, each 95 + 5 ms: 500/s
    Capacity.Day day = Capacity.simulate(8_640_000, 10, 95, 5, 0, Long.MAX_VALUE);
    assertEquals(100, day.meanPerSecond(), 1e-9);
    assertEquals(1000, day.peakPerSecond(), 1e-9);
    assertEquals(500, day.deliverPerSecond(), 1e-9);
    assertEquals(500.0 * 3600, day.maxBacklog(), 1);
    // the message delivered as the peak ends came halfway through it; the last of the peak waits an hour
    assertEquals(3600, day.maxAgeSeconds(), 2);
    double offPeak = (8_640_000 - 1000.0 * 3600) / (86_400 - 3600);
    assertEquals(12 * 3600 + 3600 + 500.0 * 3600 / (500 - offPeak), day.drainedAtSecond(), 2);
    assertEquals(5, day.deliverConcurrency(), 1e-9);
    assertEquals(1000 * 0.014, day.ingestConcurrencyBrowsers(), 1e-9);
  }

  @Test
  void withRoomToSpareNothingWaitsAndVerosLimitOrFewUsersCapDelivery() {
    Capacity.Day roomy = Capacity.simulate(8_640_000, 10, 95, 15, 0, Long.MAX_VALUE);
    assertEquals(0, roomy.maxBacklog(), 1e-6);
    assertEquals(0, roomy.maxAgeSeconds());
    assertEquals(300, Capacity.simulate(8_640_000, 10, 95, 15, 300, Long.MAX_VALUE).deliverPerSecond(), 1e-9);
    // 20 users with messages waiting: two batches of ten at once, whatever the concurrency
    assertEquals(200, Capacity.simulate(8_640_000, 10, 95, 15, 0, 20).deliverPerSecond(), 1e-9);
  }

  @Test
  void aPeakLargerThanTheDayIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Capacity.simulate(86_400, 30, 100, 5, 0, Long.MAX_VALUE));
  }
}
