package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.local.OperatorCommandsIT.Ran;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code forget} against the runner, a deletion request as an operator makes one: the user's dead
 * letter, parked webhook, call-progress record and debugger rows present, then gone, and the Vero
 * delete made after the user's message that was still on its way; another user's left alone.
 */
class ForgetThroughRunnerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String TOKEN = "hook_forget_test_5d8e";

  @Test
  void forgetRemovesWhatTheRunnerKeepsOfAUserAndVeroDeletesThemLast() throws Exception {
    AtomicBoolean tagsBack = new AtomicBoolean(false);
    try (FakeHttpServer vero = new FakeHttpServer(r -> {
          if (r.body().contains("\"Refused\"")) {
            return Reply.status(400);
          }
          // erin's tag edit fails until after forget: her identify is done, so progress is recorded and kept
          return r.path().endsWith("/users/tags/edit") && !tagsBack.get() ? Reply.status(503) : Reply.ok();
        });
         FakeHttpServer segment = new FakeHttpServer(r -> Reply.status(400));
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("VERO_WEBHOOK_TOKEN", TOKEN,
             "SEGMENT_WRITE_KEY", "seg_wk_forget_test", "SEGMENT_API_URL", segment.baseUri() + "/v1"))) {
      assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":["
          + "{\"type\":\"track\",\"userId\":\"erin\",\"messageId\":\"e-1\",\"event\":\"Refused\"},"
          + "{\"type\":\"track\",\"userId\":\"frank\",\"messageId\":\"f-1\",\"event\":\"Refused\"},"
          + "{\"type\":\"identify\",\"userId\":\"erin\",\"messageId\":\"e-2\",\"traits\":{\"email\":\"erin@example.com\"},"
          + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"vip\"]}}}}]}").statusCode());
      HttpResponse<String> parked = pipeline.post("/webhooks/vero/" + TOKEN,
          "{\"type\":\"opened\",\"user\":{\"id\":\"erin\",\"email\":\"erin@example.com\"},\"campaign\":{\"id\":5}}");
      assertTrue(parked.body().contains("\"parked\":true"), parked.body());
      waitFor("two dead letters and erin's tag edit retrying", PATIENCE, () -> pipeline.runner.counters().deadLettered() == 2
          && vero.received().stream().filter(r -> r.path().endsWith("/users/tags/edit")).count() >= 2);

      Ran forget = OperatorCommandsIT.operator(pipeline, "forget", "erin", "--json");
      assertEquals(0, forget.exit(), forget.err());
      JsonNode erin = forget.json().path("users").get(0);
      assertEquals(1, erin.at("/removed/deadLetters").asInt(), forget.out());
      assertEquals(1, erin.at("/removed/parkedWebhooks").asInt(), forget.out());
      assertEquals(1, erin.at("/removed/callProgress").asInt(), forget.out());
      assertTrue(erin.at("/removed/debuggerRows").asInt() >= 2, forget.out());

      Ran again = OperatorCommandsIT.operator(pipeline, "forget", "erin", "--json");
      JsonNode second = again.json().path("users").get(0);
      assertEquals(0, second.at("/removed/deadLetters").asInt(), again.out());
      assertEquals(0, second.at("/removed/parkedWebhooks").asInt(), again.out());

      tagsBack.set(true);
      waitFor("erin deleted in Vero", PATIENCE, () -> VeroFakes.messageCalls(vero.processed()).stream()
          .filter(r -> r.path().endsWith("/users/delete")).count() == 2);
      List<Recorded> erinsCalls = vero.processed().stream().filter(r -> r.body().contains("\"erin\"")).toList();
      Recorded last = erinsCalls.get(erinsCalls.size() - 1);
      assertEquals("POST /api/v2/users/delete", last.method() + " " + last.path());
      assertEquals("{\"auth_token\":\"" + Pipeline.VERO_TOKEN + "\",\"id\":\"erin\"}", last.body());
      assertTrue(erinsCalls.stream().anyMatch(r -> r.path().endsWith("/users/tags/edit")),
          "the message still on its way was delivered before the delete");

      JsonNode dead = OperatorCommandsIT.operator(pipeline, "dlq", "list", "--json").json().get("deadLetters");
      assertEquals(1, dead.size());
      assertEquals("frank", dead.get(0).get("userId").asText(), "frank's dead letter stays");
      assertEquals(0, OperatorCommandsIT.operator(pipeline, "webhooks", "list", "--json").json().get("parkedWebhooks").size());
      HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + pipeline.runner.port() + DebuggerRoutes.ACTIVITY))
          .header(dev.verodestination.ops.Operator.OPERATOR_HEADER, "1").GET().build(), HttpResponse.BodyHandlers.ofString());
      List<String> rows = new java.util.ArrayList<>();
      Json.treeOrMissing(page.body()).path("messages").forEach(m -> rows.add(m.path("userId").asText() + " " + m.path("type").asText()));
      assertTrue(rows.contains("frank track"), rows.toString());
      assertEquals(List.of(), rows.stream().filter(r -> r.startsWith("erin ")).toList(), "erin's rows are gone");
    }
  }

  @Test
  void aDeletionRequestThroughTheBareSignedRouteReachesVeroAfterTheUsersEarlierTrack() throws Exception {
    String secret = "whsec_forget_test_0123456789";
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("SEGMENT_WEBHOOK_SECRET", secret))) {
      assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"gone-1\",\"event\":\"Last Visit\"}").statusCode());
      String delete = "{\"type\":\"delete\",\"userId\":\"gone-1\",\"messageId\":\"del-gone-1\",\"context\":{}}";
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
      String signature = java.util.HexFormat.of().formatHex(mac.doFinal(delete.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + pipeline.runner.port() + "/"))
          .header("content-type", "application/json").header("x-signature", signature)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(delete)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"gone-2\",\"event\":\"Bye\"},"
          + "{\"type\":\"delete\",\"userId\":\"gone-2\"}]}").statusCode());
      waitFor("both deletes", PATIENCE, () -> vero.processed().stream().filter(r -> r.path().endsWith("/users/delete")).count() == 2);
      for (String user : List.of("gone-1", "gone-2")) {
        List<String> calls = vero.processed().stream().filter(r -> r.body().contains("\"" + user + "\""))
            .map(r -> r.method() + " " + r.path()).toList();
        assertEquals(List.of("POST /api/v2/events/track", "POST /api/v2/users/delete"), calls, user);
      }
      assertTrue(pipeline.log().contains("\"Call\":\"POST /users/delete\""), "the delete has a Call dimension of its own");
    }
  }
}
