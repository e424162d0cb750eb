package dev.verodestination.deliver;

import dev.verodestination.deliver.outage.Outage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A batch's counts, which its groups' threads add to side by side. */
final class BatchTally {

  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicInteger deadLettered = new AtomicInteger();
  private final AtomicInteger retried = new AtomicInteger();
  private final AtomicInteger heldBack = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();

  void delivered() {
    delivered.incrementAndGet();
  }

  void deadLettered() {
    deadLettered.incrementAndGet();
  }

  void skipped() {
    skipped.incrementAndGet();
  }

  /** A retry puts back the failed message and the rest of its group. */
  void retried(int messages) {
    retried.addAndGet(messages);
  }

  void heldBack(int messages) {
    heldBack.addAndGet(messages);
  }

  BatchReport report(int received, Optional<Outage> outage, List<String> retry) {
    return new BatchReport(received, delivered.get(), deadLettered.get(), retried.get(), heldBack.get(), skipped.get(),
        outage, retry);
  }
}
