package dev.verodestination.local;

import dev.verodestination.deliver.BatchReport;
import dev.verodestination.deliver.outage.Outage;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Running totals of every deliver handler the runner runs, for its progress line and tests. */
public final class DeliveryCounters implements Consumer<BatchReport> {

  private final AtomicLong received = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong heldBack = new AtomicLong();
  private final AtomicLong dryRun = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile Optional<Outage> vero = Optional.empty();
  /** No Vero credential: every call was printed, so what deliver took for delivered was a dry run's. */
  private final boolean printedOnly;

  public DeliveryCounters(boolean printedOnly) {
    this.printedOnly = printedOnly;
  }

  @Override
  public void accept(BatchReport report) {
    received.addAndGet(report.received());
    (printedOnly ? dryRun : delivered).addAndGet(report.delivered());
    retried.addAndGet(report.retried());
    deadLettered.addAndGet(report.deadLettered());
    heldBack.addAndGet(report.heldBack());
    skipped.addAndGet(report.skipped());
    vero = report.outage();
  }

  /** Messages whose calls a dry run printed, none sent. */
  public long dryRun() {
    return dryRun.get();
  }

  /** Messages of suppressed users, deleted without a call. */
  public long skipped() {
    return skipped.get();
  }

  /** Times a message was handed back because Vero failed every call (no attempt spent). */
  public long heldBack() {
    return heldBack.get();
  }

  /** Vero's state as the latest batch ended: an outage, or empty when Vero answers. */
  public Optional<Outage> vero() {
    return vero;
  }

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
