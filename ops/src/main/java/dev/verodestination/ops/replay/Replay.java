package dev.verodestination.ops.replay;

import dev.verodestination.json.Json;
import dev.verodestination.ops.replay.ReplaySink.ReplayStoppedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A backfill from Segment archive files: one message per line, sent in batches through a sink, the
 * state saved after each batch the sink took. Lines that are not JSON objects are rejected here with
 * their line number, without a round trip.
 */
final class Replay {

  /** Under ingest's 500 KB request limit, with room for the envelope. */
  static final int MAX_BATCH_BYTES = 450 * 1024;
  /** Examples of skipped and rejected lines kept for the summary. */
  static final int EXAMPLES = 20;

  record Options(List<Path> files, int batchSize, int ratePerSecond) {}

  /** A line's file and number, for a person to find it. */
  record Example(String file, long line, String outcome, String reason) {}

  /** This run's counts; the state holds the totals over all runs. */
  record RunCounts(long accepted, long skipped, long rejected, List<Example> examples, long filesSkippedAsDone) {}

  private final Options options;
  private final ReplaySink sink;
  private final ReplayState state;
  private final boolean saveState;
  private final ProgressBar bar;
  private final long totalBytes;
  private long bytesBefore;
  private long accepted;
  private long skipped;
  private long rejected;
  private long sentThisRun;
  private long startedNanos;
  private final List<Example> examples = new ArrayList<>();

  Replay(Options options, ReplaySink sink, ReplayState state, boolean saveState, ProgressBar bar, long totalBytes) {
    this.options = options;
    this.sink = sink;
    this.state = state;
    this.saveState = saveState;
    this.bar = bar;
    this.totalBytes = totalBytes;
  }

  static long totalBytes(List<Path> files) throws IOException {
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    return total;
  }

  RunCounts run() throws IOException, ReplayStoppedException, InterruptedException {
    startedNanos = System.nanoTime();
    long filesDone = 0;
    for (Path file : options.files()) {
      long size = Files.size(file);
      if (state.complete(file, size)) {
        filesDone++;
      } else {
        replayFile(file, size);
      }
      bytesBefore += size;
      bar.update(bytesBefore, sentThisRun);
    }
    bar.finish(bytesBefore, sentThisRun);
    return new RunCounts(accepted, skipped, rejected, List.copyOf(examples), filesDone);
  }

  private void replayFile(Path file, long size) throws IOException, ReplayStoppedException, InterruptedException {
    long alreadyDone = state.linesDone(file, size);
    Batch batch = new Batch(file);
    try (ArchiveLines lines = new ArchiveLines(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        long number = lines.lineNumber();
        if (number <= alreadyDone) {
          continue;
        }
        String trimmed = line.strip();
        boolean message = !trimmed.isEmpty() && isJsonObject(trimmed);
        int bytes = message ? trimmed.getBytes(StandardCharsets.UTF_8).length : 0;
        if (message && batch.isFull(options.batchSize(), bytes)) {
          flush(batch, size, lines.bytesRead());
          batch = new Batch(file);
        }
        batch.lastLine = number;
        if (message) {
          batch.add(trimmed, number, bytes);
        } else if (!trimmed.isEmpty()) {
          batch.localRejections.add(new Example(file.toString(), number, "rejected", "line is not a JSON object"));
        }
      }
      flush(batch, size, lines.bytesRead());
    }
    state.progress(file, size, Math.max(alreadyDone, batch.lastLine), true);
    save();
  }

  private void flush(Batch batch, long size, long bytesRead) throws ReplayStoppedException, InterruptedException {
    if (!batch.messages.isEmpty()) {
      pace();
      ReplaySink.Verdict verdict = sink.send(batch.messages);
      accepted += verdict.accepted();
      state.count("accepted", verdict.accepted());
      for (ReplaySink.Noted s : verdict.skipped()) {
        note(new Example(batch.file.toString(), batch.lineOf(s.index()), "skipped", s.reason()));
      }
      for (ReplaySink.Noted r : verdict.rejected()) {
        note(new Example(batch.file.toString(), batch.lineOf(r.index()), "rejected", r.reason()));
      }
      sentThisRun += batch.messages.size();
    }
    batch.localRejections.forEach(this::note);
    if (batch.lastLine > 0) {
      state.progress(batch.file, size, batch.lastLine, false);
      save();
    }
    bar.update(bytesBefore + bytesRead, sentThisRun);
  }

  private void note(Example example) {
    if (example.outcome().equals("skipped")) {
      skipped++;
    } else {
      rejected++;
    }
    state.count(example.outcome(), 1);
    state.reason(example.outcome(), example.reason());
    if (examples.size() < EXAMPLES) {
      examples.add(example);
    }
  }

  /** Holds the rate: no batch leaves before the messages already sent are due at --rate per second. */
  private void pace() throws InterruptedException {
    if (options.ratePerSecond() <= 0) {
      return;
    }
    long dueNanos = startedNanos + sentThisRun * 1_000_000_000L / options.ratePerSecond();
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private void save() {
    if (saveState) {
      state.save();
    }
  }

  private static boolean isJsonObject(String line) {
    return Json.treeOrMissing(line).isObject();
  }

  long totalBytes() {
    return totalBytes;
  }

  private static final class Batch {
    final Path file;
    final List<String> messages = new ArrayList<>();
    final List<Long> lines = new ArrayList<>();
    final List<Example> localRejections = new ArrayList<>();
    long bytes;
    long lastLine;

    Batch(Path file) {
      this.file = file;
    }

    boolean isFull(int batchSize, int nextBytes) {
      return !messages.isEmpty() && (messages.size() == batchSize || bytes + nextBytes > MAX_BATCH_BYTES);
    }

    void add(String message, long line, int size) {
      messages.add(message);
      lines.add(line);
      bytes += size;
    }

    long lineOf(int index) {
      return index >= 0 && index < lines.size() ? lines.get(index) : -1;
    }
  }
}
