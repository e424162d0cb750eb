package dev.verodestination.ops.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.config.Settings;
import dev.verodestination.ingest.IngestConfig;
import dev.verodestination.ingest.IngestWiring;
import dev.verodestination.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay's reading, batching, counting and state, through ingest's own planner in a dry run. */
class ReplayTest {

  private static final String KEY = "wk_replay_test";

  private static PlannerSink dryRun() {
    IngestConfig config = IngestConfig.from(new Settings(Map.of()), List.of(KEY), "unused");
    return new PlannerSink(IngestWiring.wire(config, null, Clock.systemUTC(), new JsonLog("replay", new PrintStream(OutputStream.nullOutputStream()))),
        KEY, Optional.empty());
  }

  private static String track(int n) {
    return "{\"type\":\"track\",\"userId\":\"u" + n + "\",\"event\":\"E\",\"messageId\":\"m" + n + "\"}";
  }

  private static Replay replay(List<Path> files, ReplayState state) throws IOException {
    return new Replay(new Replay.Options(files, 2, 0), dryRun(), state, false,
        new ProgressBar(new PrintStream(new ByteArrayOutputStream()), false, Replay.totalBytes(files), 0), Replay.totalBytes(files));
  }

  @Test
  void readsGzipAndPlainFilesAndCountsEachLinesOutcomeWithItsLineNumber(@TempDir Path folder) throws Exception {
    Path plain = folder.resolve("a.json");
    Files.writeString(plain, track(1) + "\n\n" + "not json\n" + "{\"type\":\"track\",\"userId\":\"u2\",\"event\":\"E\","
        + "\"integrations\":{\"Vero\":false}}\n" + "{\"type\":\"track\",\"event\":\"no user\"}\n" + track(3) + "\n");
    Path gzip = folder.resolve("b.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write((track(4) + "\n" + track(5) + "\n" + track(6)).getBytes(StandardCharsets.UTF_8));
    }
    ReplayState state = ReplayState.inMemory();
    Replay.RunCounts counts = replay(List.of(plain, gzip), state).run();

    assertEquals(5, counts.accepted());
    assertEquals(1, counts.skipped(), counts.examples().toString());
    assertEquals(2, counts.rejected());
    assertEquals(List.of(plain + ":3 rejected: line is not a JSON object",
            plain + ":5 rejected: message requires \"userId\" or \"anonymousId\""),
        counts.examples().stream().filter(e -> e.outcome().equals("rejected")).map(e -> e.file() + ":" + e.line() + " " + e.outcome() + ": " + e.reason()).toList());
    assertEquals(List.of(4L), counts.examples().stream().filter(e -> e.outcome().equals("skipped")).map(Replay.Example::line).toList());
    assertEquals(6, state.linesDone(plain, Files.size(plain)));
    assertTrue(state.complete(gzip, Files.size(gzip)));
    assertEquals(1L, state.reasons().get("skipped: integrations turn Vero off"));
  }

  @Test
  void aSavedStateGoesOnAfterTheLastLineTakenAndAChangedFileStartsOver(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("archive.json");
    Files.writeString(file, track(1) + "\n" + track(2) + "\n" + track(3) + "\n" + track(4) + "\n" + track(5) + "\n");
    Path statePath = folder.resolve("state.json");
    ReplayState before = ReplayState.load(statePath);
    before.progress(file, Files.size(file), 3, false);
    before.count("accepted", 3);
    before.save();

    ReplayState state = ReplayState.load(statePath);
    Replay.RunCounts counts = replay(List.of(file), state).run();
    assertEquals(2, counts.accepted(), "lines 4 and 5 only");
    assertEquals(5, state.total("accepted"), "the totals add up over runs");

    Files.writeString(file, track(1) + "\n" + track(2) + "\n", java.nio.file.StandardOpenOption.APPEND);
    assertEquals(0, ReplayState.load(statePath).linesDone(file, Files.size(file)), "a file of another size is another file");
  }

  @Test
  void theRateHoldsEachBatchUntilTheMessagesBeforeItAreDue(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("archive.json");
    StringBuilder lines = new StringBuilder();
    for (int n = 0; n < 100; n++) {
      lines.append(track(n)).append('\n');
    }
    Files.writeString(file, lines);
    Replay paced = new Replay(new Replay.Options(List.of(file), 10, 200), dryRun(), ReplayState.inMemory(), false,
        new ProgressBar(new PrintStream(new ByteArrayOutputStream()), false, Files.size(file), 0), Files.size(file));
    long started = System.nanoTime();
    assertEquals(100, paced.run().accepted());
    // the tenth batch may leave only once 90 messages are due at 200 a second: 0.45 s in
    assertTrue(System.nanoTime() - started >= 450_000_000L, "paced to --rate");
  }
}
