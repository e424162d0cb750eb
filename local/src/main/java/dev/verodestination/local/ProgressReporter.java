package dev.verodestination.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
    long total = counters.received() + counters.delivered() + counters.dryRun() + counters.retried() + counters.deadLettered()
        + counters.heldBack() + counters.skipped();
    if (total == lastTotal) {
      return;
    }
    lastTotal = total;
    ObjectNode line = log.line("INFO", "progress")
        .put("received", counters.received())
        .put("delivered", counters.delivered())
        .put("dryRun", counters.dryRun())
        .put("retried", counters.retried())
        .put("deadLettered", counters.deadLettered())
        .put("heldBack", counters.heldBack())
        .put("skipped", counters.skipped());
    counters.vero().ifPresentOrElse(outage -> line.put("vero", outage.cause().metricName).put("veroSince", outage.since().toString())
        .put("veroReason", outage.reason()), () -> line.put("vero", "ok"));
    log.write(line);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
