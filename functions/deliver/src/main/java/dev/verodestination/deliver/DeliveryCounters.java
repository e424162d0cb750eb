package dev.verodestination.deliver;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of one container's deliveries, for progress lines and batch logs. */
public final class DeliveryCounters {

  final AtomicLong received = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();

  public long received() {
    return received.get();
  }

  public long delivered() {
    return delivered.get();
  }

  /** Times a message was handed back to be tried again (a count of events, not of messages waiting). */
  public long retried() {
    return retried.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }
}
