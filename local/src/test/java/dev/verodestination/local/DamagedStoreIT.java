package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.json.Json;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #29, finding 1, through the runner's jar: a queue store that is not what the runner wrote
 * stops it with exit 2 and one JSON line naming the file and the way out, never a stack trace and
 * never advice to abandon it; the documented command saves what can be read and sets the file aside,
 * and the runner starts again.
 */
class DamagedStoreIT {

  private static final Path JAR = Conformance.projectRoot().resolve("local/target/vero-destination-local.jar");

  private static String run(Path dataDir, List<String> args, int expectedExit) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("DATA_DIR", dataDir.toString(), "PORT", "0"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(expectedExit, process.exitValue(), output);
    return output;
  }

  @Test
  void aDamagedStoreStopsTheRunnerNamingItAndTheSalvageLetsItStartAgain(@TempDir Path dataDir) throws Exception {
    Path store = dataDir.resolve("queues.db");
    Files.writeString(store, "this is not what the runner wrote ".repeat(200));
    byte[] damaged = Files.readAllBytes(store);

    String refusal = run(dataDir, List.of(), 2);
    // the JVM's own notice of ElasticMQ's Unsafe use on JDK 24+ is printed before the runner's code runs (README says so)
    List<String> lines = refusal.lines().filter(l -> !l.startsWith("WARNING:") && !l.isBlank()).toList();
    assertEquals(1, lines.size(), refusal);
    var line = Json.MAPPER.readTree(lines.get(0));
    assertEquals("ERROR", line.get("level").asText());
    String message = line.get("message").asText();
    assertTrue(message.startsWith("the queue store " + store + " is damaged ("), message);
    assertTrue(message.contains("Run `java -jar vero-destination-local.jar salvage-store` (with the same DATA_DIR)"), message);
    assertFalse(message.contains("DATA_DIR=memory"), "never advice to abandon the messages: " + message);
    assertFalse(refusal.contains("\tat "), "no stack trace");
    assertTrue(java.util.Arrays.equals(damaged, Files.readAllBytes(store)), "the file is left as it is");

    String salvaged = run(dataDir, List.of("salvage-store"), 0);
    assertTrue(salvaged.contains("\"message\":\"queue store salvaged\",\"messages\":0,"), salvaged);
    Path aside = Files.list(dataDir).filter(p -> p.getFileName().toString().startsWith("queues.db.damaged-")).findFirst().orElseThrow();
    assertTrue(java.util.Arrays.equals(damaged, Files.readAllBytes(aside)), "set aside whole");

    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok())) {
      StringBuffer log = new StringBuffer();
      Process runner = RunnerRestartIT.runner(RunnerRestartIT.freePort(), dataDir, vero.baseUri() + "/api/v2", Map.of(), log);
      runner.destroy();
      assertTrue(runner.waitFor(30, TimeUnit.SECONDS));
      assertTrue(log.toString().contains("local runner ready"), log.toString());
    }
  }
}
