package dev.verodestination.bench;

import java.util.Locale;

/**
 * One stack through one day of traffic in simulated time, second by second: a day of {@code events}
 * with one peak hour at {@code peak} times the mean (the other 23 hours share the rest), as browsers
 * send it (one event a request) or as server libraries do (batches of 100). Deliver takes batches of
 * up to ten users' messages, each batch taking the Vero latency plus deliver's own time, with at
 * most {@code concurrency} batches at once (DeliverMaxConcurrency; FIFO runs no more batches than
 * there are users with messages waiting), and Vero taking at most {@code veroLimit} calls a second
 * (0: no limit). Prints what docs/capacity.md reports: the rates each service meets at the peak,
 * the functions' concurrency, the backlog and the age of the oldest message, and when it drains.
 *
 * <p>Usage: {@code Capacity EVENTS_PER_DAY PEAK_FACTOR VERO_MS CONCURRENCY [VERO_LIMIT_PER_S] [USERS_ACTIVE_AT_PEAK]}
 */
public final class Capacity {

  /** Deliver's own time around a batch's Vero calls, from docs/cost.md's profile (wall 105 ms at Vero 100 ms). */
  static final double DELIVER_OVERHEAD_MS = 5;
  /** An ingest invocation's time for one event, SQS call included (docs/cost.md, billed at 512 MB). */
  static final double INGEST_ONE_EVENT_MS = 14;
  /** An ingest invocation's time for a batch of 100 (docs/cost.md, billed at 512 MB). */
  static final double INGEST_BATCH_MS = 181;
  /** The runbook's stall alarm: the oldest message older than this. */
  static final int STALL_ALARM_SECONDS = 65 * 60;
  private static final int DAY = 86_400;
  private static final int PEAK_START = 12 * 3600;

  private Capacity() {}

  /** What one simulated day came to. */
  record Day(double meanPerSecond, double peakPerSecond, double deliverPerSecond, double peakDelivered, double maxBacklog,
      int maxAgeSeconds, int drainedAtSecond, double deliverConcurrency, double ingestConcurrencyBrowsers,
      double ingestConcurrencyBatches) {}

  public static void main(String[] args) {
    long events = Long.parseLong(args[0]);
    double peak = Double.parseDouble(args[1]);
    double veroMs = Double.parseDouble(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    double veroLimit = args.length > 4 ? Double.parseDouble(args[4]) : 0;
    long activeUsers = args.length > 5 ? Long.parseLong(args[5]) : Long.MAX_VALUE;
    Day day = simulate(events, peak, veroMs, concurrency, veroLimit, activeUsers);
    System.out.printf(Locale.ROOT, "capacity: events_per_day=%d peak_factor=%.0f vero_ms=%.0f concurrency=%d vero_limit_per_s=%s%n",
        events, peak, veroMs, concurrency, veroLimit > 0 ? String.format(Locale.ROOT, "%.0f", veroLimit) : "none");
    System.out.printf(Locale.ROOT, "  arrivals: mean %.0f/s, peak %.0f/s; deliver takes at most %.0f/s%n",
        day.meanPerSecond(), day.peakPerSecond(), day.deliverPerSecond());
    System.out.printf(Locale.ROOT, "  at the peak: browsers make %.0f HTTP requests/s and %.0f SQS SendMessage/s; server batches %.1f requests/s"
        + " and %.0f SendMessageBatch/s; deliver %.0f messages/s in %.0f batches/s of ten%n", day.peakPerSecond(), day.peakPerSecond(),
        day.peakPerSecond() / 100, day.peakPerSecond() / 10, day.peakDelivered(), day.peakDelivered() / 10);
    System.out.printf(Locale.ROOT, "  concurrency at the peak: ingest %.0f (browsers) or %.1f (batches), deliver %.0f%n",
        day.ingestConcurrencyBrowsers(), day.ingestConcurrencyBatches(), day.deliverConcurrency());
    System.out.printf(Locale.ROOT, "  backlog: most %.0f messages, oldest message %s (stall alarm at %d min)%s%n", day.maxBacklog(),
        duration(day.maxAgeSeconds()), STALL_ALARM_SECONDS / 60,
        day.drainedAtSecond() < 0 ? "; never drains within the day" : day.maxBacklog() < 1 ? ""
            : "; drained " + duration(day.drainedAtSecond() - PEAK_START) + " after the peak began");
  }

  static Day simulate(long events, double peak, double veroMs, int concurrency, double veroLimit, long activeUsers) {
    double mean = (double) events / DAY;
    double peakRate = mean * peak;
    double offPeakRate = (events - peakRate * 3600) / (DAY - 3600.0);
    if (offPeakRate < 0) {
      throw new IllegalArgumentException("a peak of " + peak + "x for an hour is more than the day's events");
    }
    double batchSeconds = (veroMs + DELIVER_OVERHEAD_MS) / 1000;
    // FIFO: a batch runs no user twice at once, and the mapping runs no more batches than users waiting
    double batches = Math.min(concurrency, Math.max(1, activeUsers / 10.0));
    double capacity = batches * Math.min(10, activeUsers) / batchSeconds;
    if (veroLimit > 0) {
      capacity = Math.min(capacity, veroLimit);
    }
    double[] arrived = new double[DAY + 1];
    double[] delivered = new double[DAY + 1];
    double backlog = 0;
    double maxBacklog = 0;
    int drainedAt = -1;
    double deliverBusyAtPeak = 0;
    double peakDelivered = 0;
    for (int t = 0; t < DAY; t++) {
      double rate = t >= PEAK_START && t < PEAK_START + 3600 ? peakRate : offPeakRate;
      double served = Math.min(backlog + rate, capacity);
      backlog += rate - served;
      arrived[t + 1] = arrived[t] + rate;
      delivered[t + 1] = delivered[t] + served;
      maxBacklog = Math.max(maxBacklog, backlog);
      if (t >= PEAK_START && t < PEAK_START + 3600) {
        deliverBusyAtPeak = Math.max(deliverBusyAtPeak, served / capacity * batches);
        peakDelivered = Math.max(peakDelivered, served);
      }
      if (t >= PEAK_START + 3600 && drainedAt < 0 && backlog < 1) {
        drainedAt = t;
      }
    }
    // the oldest message's age: how long ago what is delivered now arrived (both counts only grow)
    int maxAge = 0;
    int arrivedAt = 0;
    for (int t = 1; t <= DAY; t++) {
      while (arrivedAt < DAY && arrived[arrivedAt + 1] <= delivered[t]) {
        arrivedAt++;
      }
      if (arrived[t] - delivered[t] >= 1) {
        maxAge = Math.max(maxAge, t - arrivedAt);
      }
    }
    return new Day(mean, peakRate, capacity, peakDelivered, maxBacklog, maxAge, drainedAt, deliverBusyAtPeak,
        peakRate * INGEST_ONE_EVENT_MS / 1000, peakRate / 100 * INGEST_BATCH_MS / 1000);
  }

  private static String duration(int seconds) {
    return seconds >= 3600 ? String.format(Locale.ROOT, "%dh %02dmin", seconds / 3600, seconds % 3600 / 60)
        : seconds >= 60 ? String.format(Locale.ROOT, "%dmin %02ds", seconds / 60, seconds % 60) : seconds + " s";
  }
}
