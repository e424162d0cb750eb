package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.http.BasicAuth;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's jar as a user starts it: killed with accepted, undelivered messages, then started again. */
class RunnerRestartIT {

  static final String WRITE_KEY = "wk_restart_test_1";

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts the runner's jar and waits for its ready line; every line it writes goes to {@code log}. */
  static Process runner(int port, Path data, String veroUrl, Map<String, String> more, StringBuffer log) throws Exception {
    return runner(List.of(), port, data, veroUrl, more, log);
  }

  /** As {@link #runner(int, Path, String, Map, StringBuffer)}, the java command run through {@code wrapper} (a shell setting limits, say). */
  static Process runner(List<String> wrapper, int port, Path data, String veroUrl, Map<String, String> more, StringBuffer log)
      throws Exception {
    Path jar = Conformance.projectRoot().resolve("local/target/vero-destination-local.jar");
    assertTrue(Files.exists(jar), jar + " is built by the package phase, before these integration tests");
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = new HashMap<>(Map.of("PORT", Integer.toString(port), "WRITE_KEYS", WRITE_KEY, "DATA_DIR", data.toString(),
        "VERO_AUTH_TOKEN", "vero_tok_restart", "VERO_API_URL", veroUrl));
    env.putAll(more);
    builder.environment().putAll(env);
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      log.append(line).append('\n');
      if (line.contains("local runner ready")) {
        assertTrue(line.contains("\"dataDir\":\"" + data + "\""), "the ready line names the data folder: " + line);
        Thread drain = new Thread(() -> {
          try {
            for (String next = out.readLine(); next != null; next = out.readLine()) {
              log.append(next).append('\n');
            }
          } catch (IOException closed) {
            // the process ended
          }
        });
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    throw new AssertionError("the runner exited before it was ready");
  }

  @Test
  void messagesAcceptedWhileVeroWasDownSurviveAKillAndArriveAfterARestart(@TempDir Path data) throws Exception {
    int port = freePort();
    // Vero down, and a backoff long enough that no message is in a receive when the runner is killed
    StringBuffer firstLog = new StringBuffer();
    Process first = runner(port, data, "http://127.0.0.1:" + freePort() + "/api/v2",
        Map.of("RETRY_BASE_SECONDS", "20", "RETRY_MAX_SECONDS", "20"), firstLog);
    HttpClient http = HttpClient.newHttpClient();
    try {
      for (int i = 0; i < 12; i++) {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/track"))
            .header("authorization", BasicAuth.header(WRITE_KEY)).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"user-" + (i % 4) + "\",\"event\":\"Step " + i + "\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
      }
      // killed once each user's first message has been received and handed back: messages then on
      // disk with a receipt and a visibility in the future, which a restart must not wait out
      waitFor("every user's first message handed back", Duration.ofSeconds(60),
          () -> firstLog.toString().split("\"held back for an outage\"|\"retrying later\"", -1).length - 1 >= 4);
    } finally {
      first.destroyForcibly();
      assertTrue(first.waitFor(20, TimeUnit.SECONDS));
    }

    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok())) {
      Process second = runner(port, data, vero.baseUri() + "/api/v2", Map.of("RETRY_BASE_SECONDS", "1", "RETRY_MAX_SECONDS", "2"),
          new StringBuffer());
      try {
        waitFor("every accepted message at Vero", Duration.ofSeconds(90), () -> VeroFakes.messageCalls(vero.processed()).size() == 12,
            () -> vero.processed().size() + " so far");
        // each exactly once (no call got through before the kill), each user's in the order sent
        Map<String, List<String>> byUser = VeroFakes.eventsByUser(vero.processed());
        for (int user = 0; user < 4; user++) {
          int u = user;
          assertEquals(java.util.stream.IntStream.range(0, 12).filter(i -> i % 4 == u).mapToObj(i -> "Step " + i).toList(),
              byUser.get("user-" + user), "user-" + user);
        }
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
