package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue #24, finding 1, through the runner and a fake Vero, in scaled-down time: an outage longer
 * than a message's attempts would last (5 attempts, backoff 1 s doubling to 3 s, probes at most 3 s
 * apart), a revoked credential and a storm of 429s dead-letter nothing and keep each user's order.
 */
class VeroOutageIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Map<String, String> SCALED = Map.of("MAX_RECEIVE_COUNT", "5", "RETRY_BASE_SECONDS", "1",
      "RETRY_MAX_SECONDS", "3", "OUTAGE_PROBE_MAX_SECONDS", "3", "VERO_TIMEOUT_SECONDS", "1");

  /** What Vero answers while the fault lasts; OK after. */
  private static FakeHttpServer vero(Instant faultUntil, Supplier<Reply> fault) throws Exception {
    return new FakeHttpServer(r -> Instant.now().isBefore(faultUntil) ? fault.get() : Reply.ok());
  }

  private static String batch(int users, int events) {
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int e = 0; e < events; e++) {
      for (int u = 0; u < users; u++) {
        batch.append(batch.length() > 10 ? "," : "").append("{\"type\":\"track\",\"userId\":\"u").append(u)
            .append("\",\"event\":\"e").append(e).append("\"}");
      }
    }
    return batch.append("]}").toString();
  }

  private static void assertEveryUserInOrder(Map<String, List<String>> users, int userCount, int events) {
    assertEquals(userCount, users.size());
    List<String> expected = new ArrayList<>();
    for (int e = 0; e < events; e++) {
      expected.add("e" + e);
    }
    users.forEach((user, names) -> assertEquals(expected, names, user + "'s events, in order, each once"));
  }

  private static long delivered(FakeHttpServer vero) {
    return vero.processed().stream().filter(r -> !VeroFakes.isProbe(r)).count();
  }

  @Test
  void anOutageLongerThanEveryAttemptDeadLettersNothingAndResumesInOrderWithinAProbeInterval() throws Exception {
    Instant start = Instant.now();
    Instant back = start.plusSeconds(20);
    try (FakeHttpServer vero = vero(back, () -> Reply.status(503));
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), SCALED)) {
      assertEquals(200, pipeline.post("/v1/batch", batch(20, 10)).statusCode());
      waitFor("every event at Vero", PATIENCE, () -> delivered(vero) == 200);

      assertEquals(0, pipeline.runner.counters().deadLettered(), "no dead letter: " + pipeline.log().lines()
          .filter(l -> l.contains("dead-lettered")).findFirst().orElse(""));
      assertEveryUserInOrder(VeroFakes.eventsByUser(vero.processed()), 20, 10);
      List<Recorded> during = vero.received().stream().filter(r -> r.at().isBefore(back)).toList();
      long probes = during.stream().filter(VeroFakes::isProbe).count();
      Instant firstAfter = vero.processed().stream().filter(r -> !VeroFakes.isProbe(r)).map(Recorded::at).min(Instant::compareTo).orElseThrow();
      double resumeSeconds = Duration.between(back, firstAfter).toMillis() / 1000.0;
      System.out.printf("outage 20 s (probes at most 3 s apart): calls during it %d (probes %d), dead letters 0, users out of order 0, "
          + "resumed %.1f s after Vero answered%n", during.size(), probes, resumeSeconds);
      assertTrue(resumeSeconds <= 3 + 2, "resumed within a probe interval (3 s) and a poll: " + resumeSeconds + " s");
      assertTrue(during.size() < 200, "during the outage deliver probes; it does not call for every message: " + during.size());
      assertTrue(pipeline.log().contains("\"message\":\"vero unreachable\""), "the outage is logged");
      assertTrue(pipeline.log().contains("\"message\":\"vero answering again\""), "and its end");
      assertTrue(pipeline.log().lines().anyMatch(l -> l.contains("\"message\":\"progress\"") && l.contains("\"vero\":\"unreachable\"")),
          "the progress line shows the state");
    }
  }

  @Test
  void aHundredPoisonMessagesCostTheirAttemptsAndABoundedNumberOfProbes() throws Exception {
    // issue #29, finding 3: 1,183-1,274 calls and 294 probes, "others failed lately" excusing each failure
    Map<String, String> threeAttempts = Map.of("MAX_RECEIVE_COUNT", "3", "RETRY_BASE_SECONDS", "1", "RETRY_MAX_SECONDS", "1",
        "VERO_TIMEOUT_SECONDS", "1");
    StringBuilder poison = new StringBuilder("{\"batch\":[");
    for (int u = 0; u < 100; u++) {
      poison.append(u == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"p").append(u).append("\",\"event\":\"poison\"}");
    }
    try (FakeHttpServer vero = new FakeHttpServer(r -> VeroFakes.isProbe(r) ? VeroFakes.probeAnswer()
            : r.body().contains("\"poison\"") ? Reply.status(500) : Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), threeAttempts)) {
      Instant start = Instant.now();
      assertEquals(200, pipeline.post("/v1/batch", poison.append("]}").toString()).statusCode());
      waitFor("every poison message dead-lettered", PATIENCE, () -> pipeline.runner.counters().deadLettered() == 100);
      double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
      long calls = vero.received().stream().filter(r -> !VeroFakes.isProbe(r)).count();
      long probes = vero.received().stream().filter(VeroFakes::isProbe).count();
      int containers = 5;
      System.out.printf("100 poison messages, MAX_RECEIVE_COUNT=3: %d calls, %d probes in %.1f s (bound: %d containers x "
          + "one a 1 s interval)%n", calls, probes, seconds, containers);
      assertEquals(300, calls, "three attempts each, as the setting says");
      assertTrue(probes <= containers * (Math.ceil(seconds) + 1), "at most one probe per container per interval: " + probes);
      List<String> reasons = dev.verodestination.testing.QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.dlqUrl()).stream()
          .map(m -> m.messageAttributes().get("reason").stringValue()).distinct().toList();
      assertEquals(1, reasons.size(), reasons.toString());
      assertTrue(reasons.get(0).startsWith("gave up after 3 attempts: Vero answered 500") && reasons.get(0).endsWith("(POST /events/track)"),
          reasons.get(0));
    }
  }

  @Test
  void aRevokedCredentialHoldsEveryMessageUntilVeroTakesItAgain() throws Exception {
    Instant fixedAt = Instant.now().plusSeconds(10);
    try (FakeHttpServer vero = vero(fixedAt, () -> new Reply(401, Map.of(), "{\"message\":\"invalid tracking_api_key\"}", 0, false));
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), SCALED)) {
      assertEquals(200, pipeline.post("/v1/batch", batch(5, 6)).statusCode());
      waitFor("every event at Vero", PATIENCE, () -> delivered(vero) == 30);
      assertEquals(0, pipeline.runner.counters().deadLettered());
      assertEveryUserInOrder(VeroFakes.eventsByUser(vero.processed()), 5, 6);
      assertTrue(pipeline.log().contains("\"message\":\"vero credential rejected\""), pipeline.log());
      assertTrue(pipeline.log().contains("\"VeroCredentialRejected\":"), "the metric rides on the batch lines");
    }
  }

  @Test
  void aStormOf429sWithRetryAfterSpendsNoAttempt() throws Exception {
    Instant calm = Instant.now().plusSeconds(10);
    try (FakeHttpServer vero = vero(calm, () -> Reply.status(429).withHeader("Retry-After", "1"));
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), SCALED)) {
      assertEquals(200, pipeline.post("/v1/batch", batch(50, 1)).statusCode());
      waitFor("every event at Vero", PATIENCE, () -> delivered(vero) == 50);
      assertEquals(0, pipeline.runner.counters().deadLettered());
      assertTrue(pipeline.log().contains("\"message\":\"vero rate limited\""), "the 429s are named as Vero's rate limit");
    }
  }
}
