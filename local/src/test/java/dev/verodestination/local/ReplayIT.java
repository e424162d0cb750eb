package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} from the runner's jar, as an operator runs it: a gzip archive of 10,000 lines posted
 * to a running runner, the replay killed half-way, started again, and every message at Vero once.
 */
class ReplayIT {

  static final int LINES = 10_000;
  static final int NOT_JSON_LINE = 5_000;
  static final int VERO_OFF_LINE = 7_000;

  @Test
  void anInterruptedReplayResumesAndEveryMessageArrivesOnce(@TempDir Path folder) throws Exception {
    Path archive = folder.resolve("segment-archive-2025-01-01.json.gz");
    writeArchive(archive);
    Path state = folder.resolve("replay-state.json");
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("DELIVER_CONCURRENCY", "10"))) {
      String runner = "http://127.0.0.1:" + pipeline.runner.port();

      Process first = replay(folder, archive, state, runner, "--rate", "2000", "--progress");
      waitFor("a third of the archive taken", Duration.ofSeconds(60), () -> linesDone(state) >= 3_000);
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      long interruptedAt = linesDone(state);
      assertTrue(interruptedAt < LINES, "the replay was interrupted before its end: " + interruptedAt);
      String firstErr = Files.readString(folder.resolve("replay.err"));
      assertTrue(firstErr.matches("(?s).*\\[#+\\.*\\] +\\d+%  [\\d,]+ msgs  [\\d,]+/s  ETA \\d+:\\d\\d.*"), firstErr);

      Process second = replay(folder, archive, state, runner, "--json");
      assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the resumed replay ends");
      assertEquals(0, second.exitValue(), Files.readString(folder.resolve("replay.err")));
      JsonNode summary = Json.MAPPER.readTree(folder.resolve("replay.out").toFile());
      assertEquals(LINES - 2, summary.at("/allRuns/accepted").asLong(), summary.toString());
      assertEquals(1, summary.at("/allRuns/skipped").asLong());
      assertEquals(1, summary.at("/allRuns/rejected").asLong());
      assertEquals(1, summary.at("/reasons/rejected: line is not a JSON object").asLong(), summary.toString());
      assertEquals(1, summary.at("/reasons/skipped: integrations turn Vero off").asLong(), summary.toString());
      assertTrue(summary.at("/thisRun/accepted").asLong() < LINES - 2, "the second run went on, not from the start");

      waitFor("every message at Vero", Duration.ofSeconds(150), () -> distinctLines(vero.processed()) >= LINES - 2);
      Thread.sleep(2000);
      Map<Integer, Integer> times = new HashMap<>();
      for (Recorded call : vero.processed()) {
        times.merge(call.json().at("/data/n").asInt(), 1, Integer::sum);
      }
      assertEquals(LINES - 2, times.size(), "every message at Vero");
      assertTrue(!times.containsKey(NOT_JSON_LINE) && !times.containsKey(VERO_OFF_LINE));
      // at least once: Vero sees a message again only when a call of it went unanswered (timed out after
      // Vero had done it) and was retried; the replay's own resume never repeats one past the queue's dedup
      Map<Integer, Integer> unanswered = unansweredCalls(pipeline.log());
      times.forEach((n, count) -> assertTrue(count - 1 <= unanswered.getOrDefault(n, 0),
          "line " + n + " reached Vero " + count + " times with " + unanswered.getOrDefault(n, 0) + " unanswered calls"));
    }
  }

  private static long distinctLines(List<Recorded> calls) {
    return calls.stream().map(c -> c.json().at("/data/n").asInt()).distinct().count();
  }

  /** Per archive line, its Vero calls the runner logged as timed out or cut off: those Vero may have done. */
  private static Map<Integer, Integer> unansweredCalls(String log) {
    Map<Integer, Integer> unanswered = new HashMap<>();
    log.lines().filter(l -> l.contains("\"message\":\"vero call\"") && l.contains("\"outcome\":\"retryable\"")).forEach(l -> {
      JsonNode line = Json.treeOrMissing(l);
      String reason = line.path("reason").asText();
      String id = line.path("segmentMessageId").asText();
      if ((reason.startsWith("timed out") || reason.startsWith("network error")) && id.startsWith("bf-")) {
        unanswered.merge(Integer.parseInt(id.substring(3)), 1, Integer::sum);
      }
    });
    return unanswered;
  }

  /** One track per line for 500 users, a line that is not JSON and one that turns Vero off. */
  private static void writeArchive(Path archive) throws IOException {
    try (OutputStream file = Files.newOutputStream(archive);
         Writer out = new OutputStreamWriter(new GZIPOutputStream(file), StandardCharsets.UTF_8)) {
      for (int n = 1; n <= LINES; n++) {
        if (n == NOT_JSON_LINE) {
          out.write("{\"type\":\"track\", truncated\n");
          continue;
        }
        String integrations = n == VERO_OFF_LINE ? ",\"integrations\":{\"Vero\":false}" : "";
        out.write("{\"type\":\"track\",\"userId\":\"user-" + (n % 500) + "\",\"event\":\"Backfilled\",\"messageId\":\"bf-" + n
            + "\",\"properties\":{\"n\":" + n + "},\"timestamp\":\"2025-01-01T00:00:00.000Z\",\"receivedAt\":\"2025-01-01T00:00:01.000Z\""
            + integrations + "}\n");
      }
    }
  }

  private static long linesDone(Path state) {
    try {
      JsonNode files = Json.MAPPER.readTree(state.toFile()).path("files");
      return files.elements().hasNext() ? files.elements().next().path("linesDone").asLong() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static Process replay(Path folder, Path archive, Path state, String runner, String... more) throws IOException {
    Path jar = Conformance.projectRoot().resolve("local/target/vero-destination-local.jar");
    assertTrue(Files.exists(jar), jar + " is built by the package phase, before these integration tests");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "replay", archive.toString(), "--runner", runner, "--state", state.toString()));
    command.addAll(List.of(more));
    return new ProcessBuilder(command)
        .redirectOutput(folder.resolve("replay.out").toFile())
        .redirectError(folder.resolve("replay.err").toFile())
        .start();
  }
}
