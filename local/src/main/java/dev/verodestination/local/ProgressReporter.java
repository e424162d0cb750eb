package dev.verodestination.local;

import dev.verodestination.log.JsonLog;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints a progress line every two seconds while the counts move, and none while idle. */
final class ProgressReporter implements AutoCloseable {

  private final DeliveryCounters counters;
  private final JsonLog log;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "progress");
    thread.setDaemon(true);
    return thread;
  });
  private long lastTotal = 0;

  ProgressReporter(DeliveryCounters counters, JsonLog log) {
    this.counters = counters;
    this.log = log;
  }

  void start() {
    timer.scheduleAtFixedRate(this::report, 2, 2, TimeUnit.SECONDS);
  }

  private void report() {
    long total = counters.received() + counters.delivered() + counters.retried() + counters.deadLettered();
    if (total == lastTotal) {
      return;
    }
    lastTotal = total;
    log.write(log.line("INFO", "progress")
        .put("received", counters.received())
        .put("delivered", counters.delivered())
        .put("retried", counters.retried())
        .put("deadLettered", counters.deadLettered()));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
