package dev.verodestination.local;

import static dev.verodestination.local.RunnerRestartIT.freePort;
import static dev.verodestination.local.RunnerRestartIT.runner;
import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.http.BasicAuth;
import dev.verodestination.json.Json;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's queue store as a user meets it, through the runner's jar: a disk that stops taking
 * writes, and a kill in the middle of delivery, each followed by a restart in the same DATA_DIR.
 */
class QueueStoreIT {

  private static final int USERS = 10;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(int port, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/batch"))
        .header("authorization", BasicAuth.header(RunnerRestartIT.WRITE_KEY)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One event for each user, the {@code step}-th of each. */
  private static String batch(int step, int padding) {
    List<String> events = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      events.add("{\"type\":\"track\",\"userId\":\"user-" + user + "\",\"event\":\"Step " + step + "\",\"properties\":{\"pad\":\""
          + "x".repeat(padding) + "\"}}");
    }
    return "{\"batch\":[" + String.join(",", events) + "]}";
  }

  /** Each user's steps as Vero received them, repeats included. */
  private static Map<String, List<Integer>> stepsByUser(List<Recorded> calls) {
    Map<String, List<Integer>> steps = new LinkedHashMap<>();
    VeroFakes.eventsByUser(calls).forEach((user, events) ->
        steps.put(user, events.stream().map(event -> Integer.parseInt(event.substring("Step ".length()))).toList()));
    return steps;
  }

  /** A line of the runner's output that is not JSON: only the JVM's own warning about Pekko's use of Unsafe is allowed. */
  private static List<String> linesThatAreNotJson(String output) {
    return output.lines()
        .filter(line -> !(line.startsWith("WARNING: ") && (line.contains("sun.misc.Unsafe") || line.contains("pekko.util.Unsafe"))))
        .filter(line -> !Json.treeOrMissing(line).isObject())
        .toList();
  }

  @Test
  void aDiskThatTakesNoMoreIsAnswered503AndEverythingAnswered200ArrivesAfterARestart(@TempDir Path data) throws Exception {
    int port = freePort();
    StringBuffer output = new StringBuffer();
    Process first = runner(port, data, "http://127.0.0.1:" + freePort() + "/api/v2",
        Map.of("RETRY_BASE_SECONDS", "60", "RETRY_MAX_SECONDS", "60"), output);
    // a file-size limit set once the runner is ready (SQLite's driver unpacks its native library at start): the
    // kernel refuses the store's writes past 256 KB, as a full disk does
    Process limit = new ProcessBuilder("prlimit", "--pid", Long.toString(first.pid()), "--fsize=262144:262144").inheritIO().start();
    assertTrue(limit.waitFor(10, TimeUnit.SECONDS) && limit.exitValue() == 0, "prlimit (util-linux) sets the limit");
    int answered200 = 0;
    List<String> refusals = new ArrayList<>();
    try {
      for (int step = 0; step < 200 && refusals.size() < 3; step++) {
        HttpResponse<String> response = post(port, batch(step, 1000));
        if (response.statusCode() == 200) {
          assertTrue(refusals.isEmpty(), "once refused, refused until the disk takes writes again: " + response.body());
          assertEquals(USERS, Json.MAPPER.readTree(response.body()).get("accepted").asInt(), response.body());
          answered200++;
        } else {
          assertEquals(503, response.statusCode(), response.body());
          refusals.add(response.body());
        }
      }
      assertEquals(3, refusals.size(), "the disk filled up: " + answered200 + " batches taken");
      System.out.println("full disk: " + answered200 + " batches of ten answered 200, then 503");
      assertTrue(answered200 > 5, answered200 + " batches taken before the disk was full");
      for (String refusal : refusals) {
        // SQLite's own words for the write the kernel refused (an I/O error, or a full disk, by where the write fell)
        String error = Json.MAPPER.readTree(refusal).get("error").asText();
        assertTrue(error.startsWith("the queue store cannot write to " + data + " (IOException: [SQLITE_")
            && error.endsWith("): nothing was accepted, send it again later"), error);
      }
      // the runner writes each refusal's line as it answers; the reader of its output may not have it yet
      waitFor("the third refusal's line", Duration.ofSeconds(10),
          () -> output.toString().split("\"message\":\"request refused: the queue store cannot write\"", -1).length - 1 >= 3,
          output::toString);
      String log = output.toString();
      assertEquals(List.of(), linesThatAreNotJson(log));
      assertEquals(1, log.split("\"message\":\"queue store cannot write\"", -1).length - 1, log);
      assertEquals(3, log.split("\"message\":\"request refused: the queue store cannot write\"", -1).length - 1, log);
    } finally {
      first.destroyForcibly();
      assertTrue(first.waitFor(20, TimeUnit.SECONDS));
    }

    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok())) {
      StringBuffer secondOutput = new StringBuffer();
      Process second = runner(port, data, vero.baseUri() + "/api/v2", Map.of(), secondOutput);
      int expected = answered200;
      try {
        waitFor("every step answered 200 at Vero", Duration.ofSeconds(120), () -> stepsByUser(vero.processed()).values().stream()
            .allMatch(steps -> new HashSet<>(steps).containsAll(java.util.stream.IntStream.range(0, expected).boxed().toList()))
            && stepsByUser(vero.processed()).size() == USERS, () -> vero.processed().size() + " calls so far");
        stepsByUser(vero.processed()).forEach((user, steps) -> assertEquals(steps.stream().sorted().toList(), steps, user + "'s order"));
        assertEquals(List.of(), linesThatAreNotJson(secondOutput.toString()));
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aKillDuringDeliveryRepeatsOnlyTheCallsUnderWayAndEachUserKeepsTheOrder(@TempDir Path data) throws Exception {
    int port = freePort();
    int steps = 30;
    long veroMillis = 500;
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok().delayedBy(veroMillis))) {
      Process first = runner(port, data, vero.baseUri() + "/api/v2", Map.of(), new StringBuffer());
      Instant killedAt;
      try {
        for (int step = 0; step < steps; step++) {
          assertEquals(200, post(port, batch(step, 10)).statusCode());
        }
        waitFor("a third delivered", Duration.ofSeconds(60), () -> VeroFakes.messageCalls(vero.received()).size() >= USERS * steps / 3);
      } finally {
        killedAt = Instant.now();
        first.destroyForcibly();
        assertTrue(first.waitFor(20, TimeUnit.SECONDS));
      }
      // under way at the kill: calls Vero had not answered yet, or had answered moments before
      long underWay = VeroFakes.messageCalls(vero.received()).stream()
          .filter(call -> call.at().isAfter(killedAt.minusMillis(veroMillis + 300))).count();

      vero.script(r -> Reply.ok());
      Process second = runner(port, data, vero.baseUri() + "/api/v2", Map.of(), new StringBuffer());
      try {
        waitFor("every step of every user at Vero", Duration.ofSeconds(120), () -> {
          Map<String, List<Integer>> byUser = stepsByUser(vero.received());
          return byUser.size() == USERS && byUser.values().stream().allMatch(s -> new HashSet<>(s).size() == steps);
        }, () -> vero.received().size() + " calls so far");
        Map<String, List<Integer>> byUser = stepsByUser(vero.received());
        // a repeat comes straight after the call it repeats; nothing of a user's arrives after a later step
        byUser.forEach((user, received) -> assertEquals(received.stream().sorted().toList(), received, user + "'s order"));
        long repeats = VeroFakes.messageCalls(vero.received()).size() - (long) USERS * steps;
        System.out.println("kill during delivery: " + repeats + " calls repeated, " + underWay + " under way at the kill");
        assertTrue(repeats <= underWay, repeats + " calls repeated; " + underWay + " were under way at the kill");
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
