package dev.verodestination.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.config.Settings;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.json.Json;
import dev.verodestination.ops.Operator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The local runner started for a test, with short backoffs set through the documented settings. */
final class Pipeline implements AutoCloseable {

  static final String WRITE_KEY = "wk_pipeline_test_5e0b";
  static final String VERO_TOKEN = "vero_tok_pipeline_test_91aa";

  final LocalRunner runner;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();

  Pipeline(URI veroApiUrl, Map<String, String> overrides) throws IOException {
    Map<String, String> env = new HashMap<>(Map.of(
        "PORT", "0",
        "WRITE_KEYS", WRITE_KEY,
        "VERO_AUTH_TOKEN", VERO_TOKEN,
        "VERO_API_URL", veroApiUrl.toString(),
        "RETRY_BASE_SECONDS", "1",
        "RETRY_MAX_SECONDS", "2",
        "VERO_TIMEOUT_SECONDS", "1",
        "MAX_RECEIVE_COUNT", "20"));
    // in memory: each test its own queues, and a quick stop (RunnerRestartIT covers the queues on disk)
    env.put("DATA_DIR", "memory");
    env.putAll(overrides);
    runner = LocalRunner.start(new Settings(env), new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.port() + path))
        .header("authorization", BasicAuth.header(WRITE_KEY))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What the runner tells its operator commands: its queues, and the credential its SQS endpoint takes. */
  JsonNode operatorPlaces() throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.port() + Operator.RUNNER_PATH))
        .header(Operator.OPERATOR_HEADER, "1").GET().build(), HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(answer.body());
  }

  /** Everything the runner logged so far. */
  String log() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    runner.close();
  }
}
