package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.http.BasicAuth;
import dev.verodestination.ops.Operator;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #24, finding 4: the debugger's Redrive of a letter that failed again ran until its request
 * timed out, and the runner then ignored SIGTERM for over 40 s. The redrive now answers after one pass,
 * and the runner, its queues on disk, stops promptly on SIGTERM.
 */
class RunnerStopIT {

  @Test
  void aRedriveOfALetterThatFailsAgainAnswersAndTheRunnerStopsPromptlyOnSigterm(@TempDir Path data) throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.status(400))) {
      int port = RunnerRestartIT.freePort();
      StringBuffer log = new StringBuffer();
      Process runner = RunnerRestartIT.runner(port, data, vero.baseUri() + "/api/v2", Map.of(), log);
      try {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/v1/track"))
            .header("authorization", BasicAuth.header("wk_restart_test_1")).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"stu\",\"messageId\":\"s-1\",\"event\":\"Refused\"}")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode());
        waitFor("the track dead-lettered", Duration.ofSeconds(30), () -> log.toString().contains("\"dead-lettered\""));

        HttpResponse<String> redrive = http.send(HttpRequest.newBuilder(URI.create(base + "/_runner/redrive?messageId=s-1&userId=stu"))
            .header(Operator.OPERATOR_HEADER, "1").timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, redrive.statusCode());
        assertTrue(redrive.body().contains("\"redriven\":1"), redrive.body());
        waitFor("dead-lettered again", Duration.ofSeconds(30), () -> log.toString().split("\"dead-lettered\"", -1).length - 1 >= 2);

        long stopping = System.nanoTime();
        runner.destroy();
        assertTrue(runner.waitFor(10, TimeUnit.SECONDS), "the runner stopped within 10 s of SIGTERM");
        System.out.printf("runner stopped %d ms after SIGTERM%n", (System.nanoTime() - stopping) / 1_000_000);
      } finally {
        runner.destroyForcibly();
      }
    }
  }
}
