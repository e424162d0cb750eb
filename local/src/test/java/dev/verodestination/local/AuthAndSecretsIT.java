package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.testing.Eventually;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import dev.verodestination.testing.QueueReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Who gets in (only holders of a write key, a valid signature or the webhook token) and what never
 * gets out (no secret in a log line, an answer, a dead letter or an error message).
 */
class AuthAndSecretsIT {

  private static final String SHARED_SECRET = "whsec_SECRET_MARKER_ab12";
  private static final String HOOK_TOKEN = "hook_SECRET_MARKER_cd34";
  private static final String SEGMENT_KEY = "segkey_SECRET_MARKER_ef56";
  private static final String TRACKING_KEY = "tak_SECRET_MARKER_gh78";
  private static final List<String> SECRETS = List.of(Pipeline.WRITE_KEY, Pipeline.VERO_TOKEN, SHARED_SECRET, HOOK_TOKEN, SEGMENT_KEY);

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(Pipeline pipeline, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.runner.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void everyWrongCredentialIs401AndNothingIsEnqueuedOrForwarded() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of(
             "SEGMENT_WEBHOOK_SECRET", SHARED_SECRET, "VERO_WEBHOOK_TOKEN", HOOK_TOKEN,
             "SEGMENT_WRITE_KEY", SEGMENT_KEY, "SEGMENT_API_URL", segment.baseUri() + "/v1"))) {
      String body = "{\"userId\":\"intruder\",\"event\":\"Sneaky\"}";
      String json = "application/json";
      Map<String, Map<String, String>> attempts = Map.of(
          "no credentials", Map.of("content-type", json),
          "wrong key", Map.of("content-type", json, "authorization", basic("wk_wrong", "")),
          "key in the password field", Map.of("content-type", json, "authorization", basic("", Pipeline.WRITE_KEY)),
          "a prefix of the key", Map.of("content-type", json, "authorization", basic(Pipeline.WRITE_KEY.substring(0, 10), "")),
          "HMAC of another body", Map.of("content-type", json, "x-signature", hmac(SHARED_SECRET, body + " ")),
          "HMAC with the wrong secret", Map.of("content-type", json, "x-signature", hmac("not-the-secret", body)),
          "an empty signature", Map.of("content-type", json, "x-signature", ""));
      for (Map.Entry<String, Map<String, String>> attempt : attempts.entrySet()) {
        HttpResponse<String> response = post(pipeline, "/v1/track", body, attempt.getValue());
        assertEquals(401, response.statusCode(), attempt.getKey());
      }
      assertEquals(401, post(pipeline, "/v1/track", "{\"userId\":\"x\",\"event\":\"E\",\"writeKey\":\"wk_wrong\"}",
          Map.of("content-type", json)).statusCode(), "a wrong writeKey in the body");

      String opened = "{\"type\":\"opened\",\"user\":{\"id\":1}}";
      for (String token : new String[] {"", "x", HOOK_TOKEN.substring(0, HOOK_TOKEN.length() - 1),
          HOOK_TOKEN.substring(0, HOOK_TOKEN.length() - 1) + "X", HOOK_TOKEN + "-and-more"}) {
        assertEquals(401, post(pipeline, "/webhooks/vero/" + token, opened, Map.of("content-type", json)).statusCode(), token);
      }

      // the valid ones do get in, so the 401s above are about the credentials alone
      assertEquals(200, post(pipeline, "/v1/track", body, Map.of("content-type", json, "x-signature", hmac(SHARED_SECRET, body)))
          .statusCode());
      Eventually.waitFor("the signed event delivered", Duration.ofSeconds(30), () -> vero.processed().size() == 1);
      // the runner counts a batch when its invocation ends, a moment after Vero has the call
      Eventually.waitFor("the signed event's batch counted", Duration.ofSeconds(30), () -> pipeline.runner.counters().received() > 0);
      assertEquals(1, pipeline.runner.counters().received(), "only the signed event was ever queued");
      assertEquals(200, post(pipeline, "/webhooks/vero/" + HOOK_TOKEN, opened, Map.of("content-type", json)).statusCode());
      assertEquals(1, segment.received().size(), "only the webhook with the right token was forwarded");
    }
  }

  @Test
  void noSecretReachesALogLineAnAnswerOrADeadLetterEvenWhenServersEchoThem() throws Exception {
    // Vero and Segment that quote the credentials back in their errors, the worst case for leaks
    // (deliver's probe is answered as Vero answers it: the 401 is this message's own, so it is dead-lettered with Vero's echo)
    try (FakeHttpServer vero = new FakeHttpServer(r -> VeroFakes.isProbe(r) ? VeroFakes.probeAnswer()
            : new Reply(401, Map.of(), "{\"error\":\"bad token in " + r.body() + "\"}", 0, false));
         FakeHttpServer segment = new FakeHttpServer(r -> new Reply(400, Map.of(), "{\"error\":\"bad request: " + r.header("authorization")
             + " " + new String(Base64.getDecoder().decode(r.header("authorization").substring(6)), StandardCharsets.UTF_8) + "\"}", 0, false));
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of(
             "WEBHOOK_SHARED_SECRET", SHARED_SECRET, "VERO_WEBHOOK_TOKEN", HOOK_TOKEN,
             "SEGMENT_WRITE_KEY", SEGMENT_KEY, "SEGMENT_API_URL", segment.baseUri() + "/v1"))) {
      List<String> answers = new ArrayList<>();
      answers.add(pipeline.post("/v1/track", "{\"userId\":\"u\",\"event\":\"E\",\"writeKey\":\"" + Pipeline.WRITE_KEY + "\"}").body());
      answers.add(pipeline.post("/v1/track", "{\"userId\":\"u\"}").body());
      answers.add(pipeline.post("/v1/track", "{broken").body());
      answers.add(post(pipeline, "/v1/track", "{}", Map.of("authorization", basic("wk_wrong", ""))).body());
      answers.add(pipeline.post("/webhooks/vero/" + HOOK_TOKEN, "{\"type\":\"clicked\",\"user\":{\"id\":5}}").body());
      answers.add(pipeline.post("/webhooks/vero/" + HOOK_TOKEN, "{broken").body());
      answers.add(pipeline.post("/webhooks/vero/not-it", "{}").body());
      Eventually.waitFor("the event dead-lettered", Duration.ofSeconds(30), () -> pipeline.runner.counters().deadLettered() == 1);

      List<Message> dead = new ArrayList<>(QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.dlqUrl()));
      dead.addAll(QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.webhookDlqUrl()));
      assertEquals(2, dead.size(), "Vero's 401 and Segment's 400 each parked one");
      assertTrue(pipeline.log().lines().anyMatch(l -> l.contains("\"level\":\"WARN\"")
          && l.contains("setting WEBHOOK_SHARED_SECRET is now named SEGMENT_WEBHOOK_SECRET")), "the former name still works, with a warning");
      List<String> places = new ArrayList<>(answers);
      places.addAll(pipeline.log().lines().toList());
      for (Message m : dead) {
        places.add(m.body());
        m.messageAttributes().values().forEach(v -> places.add(String.valueOf(v.stringValue())));
      }
      assertTrue(places.stream().anyMatch(p -> p.contains("***")), "the echoed token was masked, not dropped");
      List<String> forms = new ArrayList<>(SECRETS);
      forms.add(Base64.getEncoder().encodeToString((SEGMENT_KEY + ":").getBytes(StandardCharsets.UTF_8)));
      forms.add(Base64.getEncoder().encodeToString((Pipeline.WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8)));
      for (String secret : forms) {
        for (String place : places) {
          assertFalse(place.contains(secret), "a secret leaked into: " + place);
        }
      }
    }
  }

  @Test
  void settingErrorsNameTheSettingAndNeverItsValue() {
    Settings settings = new Settings(Map.of("RETRY_BASE_SECONDS", Pipeline.VERO_TOKEN, "QUEUE_URL", "q", "DLQ_URL", "d"));
    InvalidSettingException bad = assertThrows(InvalidSettingException.class, () -> DeliverConfig.from(settings));
    assertEquals("setting RETRY_BASE_SECONDS must be a whole number from 0 to 43200", bad.getMessage());
    InvalidSettingException missing = assertThrows(InvalidSettingException.class,
        () -> DeliverConfig.forLambda(new Settings(Map.of("QUEUE_URL", "q", "DLQ_URL", "d", "PROGRESS_TABLE", "p"))));
    assertEquals("missing required setting VERO_TRACKING_API_KEY (or VERO_AUTH_TOKEN, an older Vero account's credential): "
        + "the deliver function sends every call with it", missing.getMessage());
    assertFalse(DeliverConfig.from(new Settings(Map.of("QUEUE_URL", "q", "DLQ_URL", "d", "VERO_AUTH_TOKEN", Pipeline.VERO_TOKEN)))
        .toString().contains(Pipeline.VERO_TOKEN));
    assertFalse(DeliverConfig.from(new Settings(Map.of("QUEUE_URL", "q", "DLQ_URL", "d", "VERO_TRACKING_API_KEY", TRACKING_KEY)))
        .toString().contains(TRACKING_KEY));
  }

  @Test
  void bothVeroCredentialsStopTheFunctionAndTheRunnerAtStartNamingBothAndNeitherValue() {
    Map<String, String> both = Map.of("QUEUE_URL", "q", "DLQ_URL", "d", "PROGRESS_TABLE", "p",
        "VERO_TRACKING_API_KEY", TRACKING_KEY, "VERO_AUTH_TOKEN", Pipeline.VERO_TOKEN);
    String expected = "set VERO_TRACKING_API_KEY or VERO_AUTH_TOKEN, not both: every Vero call carries one credential "
        + "(to move from the token to the key, see docs/operations.md)";
    assertEquals(expected, assertThrows(InvalidSettingException.class, () -> DeliverConfig.forLambda(new Settings(both))).getMessage());
    Map<String, String> runner = new java.util.HashMap<>(both);
    runner.put("PORT", "0");
    runner.put("DATA_DIR", "memory");
    assertEquals(expected, assertThrows(InvalidSettingException.class,
        () -> LocalRunner.start(new Settings(runner), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))).getMessage());
  }
}
