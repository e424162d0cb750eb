package dev.verodestination.ops.replay;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line redrawn in place on a terminal: how much of the files is read, messages sent, their rate
 * and the time left. Nothing is drawn when the output is not a terminal (unless asked), so that logs
 * and pipes stay clean.
 */
final class ProgressBar {

  static final int WIDTH = 30;
  static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream err;
  private final boolean enabled;
  private final long totalBytes;
  private final long startBytes;
  private final long startNanos = System.nanoTime();
  private long lastDraw;

  ProgressBar(PrintStream err, boolean enabled, long totalBytes, long startBytes) {
    this.err = err;
    this.enabled = enabled;
    this.totalBytes = Math.max(1, totalBytes);
    this.startBytes = startBytes;
  }

  void update(long bytesDone, long messagesThisRun) {
    long now = System.nanoTime();
    if (!enabled || now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    err.print("\r" + render(bytesDone, totalBytes, startBytes, messagesThisRun, (now - startNanos) / 1_000_000));
    err.flush();
  }

  void finish(long bytesDone, long messagesThisRun) {
    if (enabled) {
      err.println("\r" + render(bytesDone, totalBytes, startBytes, messagesThisRun, (System.nanoTime() - startNanos) / 1_000_000));
    }
  }

  /** {@code [#########.....]  45%  4,500 msgs  812/s  ETA 0:07}; the ETA from this run's pace. */
  static String render(long bytesDone, long totalBytes, long startBytes, long messages, long elapsedMillis) {
    double fraction = Math.min(1.0, (double) bytesDone / Math.max(1, totalBytes));
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = Math.max(0.001, elapsedMillis / 1000.0);
    long rate = Math.round(messages / seconds);
    long bytesThisRun = bytesDone - startBytes;
    String eta = bytesThisRun <= 0 ? "--:--" : clock(Math.round((totalBytes - bytesDone) * seconds / bytesThisRun));
    return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d msgs  %,d/s  ETA %s ", "#".repeat(filled), ".".repeat(WIDTH - filled),
        Math.round(fraction * 100), messages, rate, eta);
  }

  static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
