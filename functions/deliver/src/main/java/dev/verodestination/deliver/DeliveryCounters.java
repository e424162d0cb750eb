package dev.verodestination.deliver;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of one container's deliveries, for progress lines and batch logs. */
public final class DeliveryCounters {

  final AtomicLong received = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong retrying = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();

  public long received() {
    return received.get();
  }

  public long delivered() {
    return delivered.get();
  }

  public long retrying() {
    return retrying.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }
}
