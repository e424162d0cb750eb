package dev.verodestination.local;

import static dev.verodestination.local.Pipeline.VERO_TOKEN;
import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import dev.verodestination.testing.JsonAssert;
import dev.verodestination.testing.QueueReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** ingest → ElasticMQ → poller → deliver → a fake Vero on 127.0.0.1, over real HTTP and the real SQS protocol. */
class DeliveryPipelineIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** The messages' own calls, without deliver's probes. */
  private static List<String> calls(List<Recorded> requests) {
    return VeroFakes.messageCalls(requests).stream().map(r -> r.method() + " " + r.path()).toList();
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyCallTypeReachesVeroAsExpected() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      String batch = "{\"batch\":["
          + "{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"email\":\"u1@example.com\",\"name\":\"Ada\"},"
          + "\"context\":{\"userAgent\":\"UA/1\"},\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"vip\"]}}}},"
          + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":42},"
          + "\"context\":{\"traits\":{\"email\":\"u1@example.com\"}},\"timestamp\":\"2014-01-01T00:00:00Z\"},"
          + "{\"type\":\"page\",\"userId\":\"u1\",\"properties\":{\"url\":\"https://example.com/p\"},\"timestamp\":\"2014-01-01T00:00:01Z\"},"
          + "{\"type\":\"screen\",\"userId\":\"u1\",\"name\":\"Checkout\",\"timestamp\":\"2014-01-01T00:00:02Z\"},"
          + "{\"type\":\"group\",\"userId\":\"u1\",\"groupId\":\"acme\",\"traits\":{\"name\":\"Acme\"}},"
          + "{\"type\":\"alias\",\"userId\":\"u1-new\",\"previousId\":\"u1\"},"
          + "{\"type\":\"track\",\"userId\":\"u1-new\",\"event\":\"Unsubscribe\",\"timestamp\":\"2014-01-01T00:00:03Z\"}]}";
      assertEquals(200, pipeline.post("/v1/batch", batch).statusCode());
      waitFor("8 Vero calls", PATIENCE, () -> vero.processed().size() >= 8);

      List<Recorded> requests = vero.processed();
      List<String> expected = List.of(
          "POST /api/v2/users/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"u1\",\"email\":\"u1@example.com\","
              + "\"data\":{\"email\":\"u1@example.com\",\"name\":\"Ada\",\"userAgent\":\"UA/1\",\"id\":\"u1\"}}",
          "PUT /api/v2/users/tags/edit {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"u1\",\"add\":[\"vip\"]}",
          "POST /api/v2/events/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"identity\":{\"id\":\"u1\",\"email\":\"u1@example.com\"},"
              + "\"event_name\":\"Order Completed\",\"data\":{\"revenue\":42},\"extras\":{\"source\":\"segment\",\"created_at\":1388534400}}",
          "POST /api/v2/events/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"identity\":{\"id\":\"u1\"},\"event_name\":\"viewed_page\","
              + "\"data\":{\"url\":\"https://example.com/p\"},\"extras\":{\"source\":\"segment\",\"created_at\":1388534401}}",
          "POST /api/v2/events/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"identity\":{\"id\":\"u1\"},\"event_name\":\"Viewed Checkout Screen\","
              + "\"data\":{},\"extras\":{\"source\":\"segment\",\"created_at\":1388534402}}",
          "PUT /api/v2/users/edit {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"u1\",\"changes\":{\"group\":{\"name\":\"Acme\",\"id\":\"acme\"}}}",
          "PUT /api/v2/users/reidentify {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"u1\",\"new_id\":\"u1-new\"}",
          "POST /api/v2/users/unsubscribe {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"u1-new\",\"extras\":{\"source\":\"segment\",\"created_at\":1388534403}}");
      // u1 and u1-new are different FIFO groups: each user's calls in order, the two users interleaved
      List<String> u1 = requests.stream().filter(r -> !r.body().contains("u1-new")).map(r -> r.method() + " " + r.path() + " " + r.body()).toList();
      List<String> u1New = requests.stream().filter(r -> r.body().contains("u1-new")).map(r -> r.method() + " " + r.path() + " " + r.body()).toList();
      assertEquals(expected.size(), requests.size());
      assertCallsEqual(expected.subList(0, 6), u1);
      assertCallsEqual(expected.subList(6, 8), u1New);
      requests.forEach(r -> {
        assertEquals("application/json", r.header("content-type"));
        assertTrue(r.header("user-agent").startsWith("vero-destination/"));
      });
      assertFalse(pipeline.log().contains(VERO_TOKEN), "the Vero token never reaches a log line");
    }
  }

  @Test
  void withATrackingApiKeyEveryCallCarriesItAndNoTokenAndAnEchoOfItIsMasked() throws Exception {
    String key = "tak_live_pipeline_3c9e";
    try (FakeHttpServer vero = new FakeHttpServer(r -> r.body().contains("\"id\":\"bad\"")
        ? new Reply(401, Map.of(), "{\"error\":\"unknown tracking_api_key " + r.json().path("tracking_api_key").asText() + "\"}", 0, false)
        : Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("VERO_AUTH_TOKEN", "", "VERO_TRACKING_API_KEY", key))) {
      assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":["
          + "{\"type\":\"identify\",\"userId\":\"ada\",\"traits\":{\"email\":\"ada@example.com\"}},"
          + "{\"type\":\"track\",\"userId\":\"ada\",\"event\":\"Signed Up\",\"timestamp\":\"2014-01-01T00:00:00Z\"},"
          + "{\"type\":\"identify\",\"userId\":\"bad\"}]}").statusCode());
      waitFor("ada's two calls and bad's dead letter", PATIENCE,
          () -> VeroFakes.messageCalls(vero.processed()).size() == 2 && pipeline.runner.counters().deadLettered() == 1);
      assertCallsEqual(List.of(
          "POST /api/v2/users/track {\"tracking_api_key\":\"" + key + "\",\"id\":\"ada\",\"email\":\"ada@example.com\","
              + "\"data\":{\"email\":\"ada@example.com\",\"id\":\"ada\"}}",
          "POST /api/v2/events/track {\"tracking_api_key\":\"" + key + "\",\"identity\":{\"id\":\"ada\"},\"event_name\":\"Signed Up\","
              + "\"data\":{},\"extras\":{\"source\":\"segment\",\"created_at\":1388534400}}"),
          VeroFakes.messageCalls(vero.processed()).stream().map(r -> r.method() + " " + r.path() + " " + r.body()).toList());
      assertTrue(vero.received().stream().noneMatch(r -> r.body().contains("auth_token")), "no auth_token beside the key");
      List<Message> dead = QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.dlqUrl());
      assertEquals("Vero answered 401: {\"error\":\"unknown tracking_api_key ***\"} (POST /users/track)",
          dead.get(0).messageAttributes().get("reason").stringValue());
      assertFalse(pipeline.log().contains(key), "the key never reaches a log line");
    }
  }

  private static void assertCallsEqual(List<String> expected, List<String> actual) {
    assertEquals(expected.size(), actual.size(), actual.toString());
    for (int i = 0; i < expected.size(); i++) {
      String[] e = expected.get(i).split(" ", 3);
      String[] a = actual.get(i).split(" ", 3);
      assertEquals(e[0] + " " + e[1], a[0] + " " + a[1]);
      JsonAssert.assertJsonEquals(json(e[2]), json(a[2]));
    }
  }

  @Test
  void retryableFaultsAreDeliveredOnceVeroRecoversInOrderPerUser() throws Exception {
    AtomicInteger faults = new AtomicInteger();
    List<Reply> script = List.of(Reply.status(500), Reply.status(503), Reply.status(429).withHeader("Retry-After", "1"),
        Reply.ok().delayedBy(2500).processed(false));
    try (FakeHttpServer vero = new FakeHttpServer(r -> {
          int n = faults.getAndIncrement();
          return n < script.size() ? script.get(n) : Reply.ok();
        });
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      String batch = "{\"batch\":[" + String.join(",", java.util.stream.IntStream.range(0, 3)
          .mapToObj(i -> "{\"type\":\"track\",\"userId\":\"ordered\",\"event\":\"Step " + i + "\"}").toList()) + "]}";
      assertEquals(200, pipeline.post("/v1/batch", batch).statusCode());
      waitFor("3 calls delivered", PATIENCE, () -> VeroFakes.messageCalls(vero.processed()).size() >= 3,
          () -> calls(vero.received()).toString());

      List<String> events = VeroFakes.messageCalls(vero.processed()).stream().map(r -> json(r.body()).get("event_name").asText()).toList();
      assertEquals(List.of("Step 0", "Step 1", "Step 2"), events, "each user's calls in the order sent, each once");
      // the first 500 is followed by a probe, which meets the next faults: Vero's, so no attempt is spent on them
      assertTrue(pipeline.runner.counters().heldBack() >= 1, "held back through Vero's faults");
      assertEquals(List.of(), QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.dlqUrl()));
      Recorded afterRetryAfter = vero.received().get(3);
      Recorded theTooMany = vero.received().get(2);
      assertTrue(Duration.between(theTooMany.at(), afterRetryAfter.at()).toMillis() >= 900, "Retry-After: 1 is honoured");
    }
  }

  @Test
  void connectionRefusedIsRetriedUntilVeroIsBack() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Pipeline pipeline = new Pipeline(URI.create("http://127.0.0.1:" + port + "/api/v2"), Map.of())) {
      assertEquals(200, pipeline.post("/v1/identify", "{\"userId\":\"refused\",\"traits\":{}}").statusCode());
      waitFor("held back: Vero cannot be reached at all", PATIENCE, () -> pipeline.runner.counters().heldBack() >= 1);
      try (FakeHttpServer vero = new FakeHttpServer(port, r -> Reply.ok())) {
        waitFor("the identify delivered", PATIENCE, () -> VeroFakes.messageCalls(vero.processed()).size() == 1);
        assertEquals("POST /api/v2/users/track", calls(vero.processed()).get(0));
      }
    }
  }

  @Test
  void permanentFaultsGoToTheDeadLetterQueueWithTheirReason() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> r.body().contains("\"bad-request\"")
            ? Reply.status(400) : r.body().contains("\"unauthorised\"") ? Reply.status(401) : Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":[{\"type\":\"identify\",\"userId\":\"bad-request\",\"messageId\":\"p-1\"},"
          + "{\"type\":\"identify\",\"userId\":\"unauthorised\",\"messageId\":\"p-2\"},"
          + "{\"type\":\"identify\",\"userId\":\"fine\",\"messageId\":\"p-3\"},"
          + "{\"type\":\"identify\",\"userId\":\"bad-tags\",\"messageId\":\"p-4\",\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\"}}}}]}")
          .statusCode());
      waitFor("three dead letters", PATIENCE, () -> pipeline.runner.counters().deadLettered() >= 3);
      assertEquals(List.of("POST /api/v2/users/track"), calls(vero.processed()));

      List<Message> dead = QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.dlqUrl());
      Map<String, Message> byMessageId = new java.util.HashMap<>();
      dead.forEach(m -> byMessageId.put(json(m.body()).get("messageId").asText(), m));
      assertEquals(java.util.Set.of("p-1", "p-2", "p-4"), byMessageId.keySet());
      assertEquals("400", byMessageId.get("p-1").messageAttributes().get("status").stringValue());
      assertEquals("Vero answered 400: {\"status\":400,\"message\":\"injected fault\"} (POST /users/track)",
          byMessageId.get("p-1").messageAttributes().get("reason").stringValue());
      assertEquals("401", byMessageId.get("p-2").messageAttributes().get("status").stringValue());
      assertEquals("Could not detect tag values. Tag values must be passed as array of strings.",
          byMessageId.get("p-4").messageAttributes().get("reason").stringValue());
      assertEquals("0", byMessageId.get("p-4").messageAttributes().get("status").stringValue());
      dead.forEach(m -> assertTrue(m.messageAttributes().get("failedAt").stringValue().startsWith("20")));
      dead.forEach(m -> assertFalse(m.body().contains(VERO_TOKEN)));
    }
  }

  @Test
  void aRetryAfterTheMainCallSucceededSendsOnlyTheTagsCallAndTheUsersNextEventWaitsForIt() throws Exception {
    AtomicInteger tagCalls = new AtomicInteger();
    try (FakeHttpServer vero = new FakeHttpServer(r -> r.path().endsWith("/users/tags/edit") && tagCalls.getAndIncrement() == 0
            ? Reply.status(503) : Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":[{\"type\":\"identify\",\"userId\":\"tagged\",\"messageId\":\"t-1\","
          + "\"traits\":{},\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"remove\",\"values\":[\"trial\"]}}}},"
          + "{\"type\":\"track\",\"userId\":\"tagged\",\"messageId\":\"t-2\",\"event\":\"Next\"}]}").statusCode());
      waitFor("three calls delivered", PATIENCE, () -> VeroFakes.messageCalls(vero.processed()).size() >= 3,
          () -> calls(vero.received()).toString());
      Thread.sleep(1500); // room for a wrong repeat of the main call to show up
      assertEquals(List.of("POST /api/v2/users/track", "PUT /api/v2/users/tags/edit", "PUT /api/v2/users/tags/edit",
          "POST /api/v2/events/track"), calls(vero.received()));
      assertEquals(List.of("POST /api/v2/users/track", "PUT /api/v2/users/tags/edit", "POST /api/v2/events/track"),
          calls(vero.processed()));
    }
  }

  @Test
  void aGzipBatchAsSomeSegmentLibrariesSendItIsDelivered() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(zipped)) {
        zip.write("{\"batch\":[{\"type\":\"track\",\"userId\":\"gz\",\"event\":\"Zipped\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + pipeline.runner.port() + "/v1/batch"))
          .header("authorization", dev.verodestination.http.BasicAuth.header(Pipeline.WRITE_KEY))
          .header("content-type", "application/json")
          .header("content-encoding", "gzip")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      waitFor("the zipped event delivered", PATIENCE, () -> vero.processed().size() == 1);
      assertTrue(vero.processed().get(0).body().contains("\"event_name\":\"Zipped\""));
    }
  }

  @Test
  void withoutATokenTheRunnerPrintsTheRequestsItWouldSendUnderTheInvocationsRequestId() throws Exception {
    try (Pipeline pipeline = new Pipeline(URI.create("http://127.0.0.1:9/unused"), Map.of("VERO_AUTH_TOKEN", "",
        "VERO_WEBHOOK_TOKEN", "hook_dry_run_test_51c0"))) {
      assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"dry\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\"}}").statusCode());
      waitFor("the dry-run line", PATIENCE, () -> pipeline.log().contains("dry run: would send to Vero"));
      String line = pipeline.log().lines().filter(l -> l.contains("would send to Vero")).findFirst().orElseThrow();
      JsonNode printed = json(line);
      assertEquals("POST", printed.get("method").asText());
      assertEquals("/events/track", printed.get("path").asText());
      assertTrue(printed.at("/body/auth_token").isMissingNode(), "the mapped body carries no token: the Vero client adds it");
      assertEquals("Signed Up", printed.at("/body/event_name").asText());
      String requestId = printed.get("requestId").asText();
      assertTrue(requestId.matches("[0-9a-f-]{36}"), line);
      // the batch line follows once the invocation ends, a moment after the dry-run line
      waitFor("the dry-run line and its invocation's batch line share the request id", PATIENCE,
          () -> pipeline.log().lines().anyMatch(l -> l.contains("\"batch done\"") && l.contains(requestId)));
      // issue #24, finding 6: what was never sent is never called delivered or forwarded
      JsonNode call = json(pipeline.log().lines().filter(l -> l.contains("\"vero call\"") && l.contains(requestId)).findFirst().orElseThrow());
      assertEquals("dry-run", call.get("outcome").asText(), call.toString());
      assertTrue(call.path("status").isMissingNode() && call.path("VeroCalls").isMissingNode(), "no status, no call counted: " + call);
      JsonNode batchLine = json(pipeline.log().lines().filter(l -> l.contains("\"batch done\"") && l.contains(requestId)).findFirst().orElseThrow());
      assertEquals(0, batchLine.get("delivered").asInt(), batchLine.toString());
      assertEquals(1, batchLine.get("dryRun").asInt(), batchLine.toString());
      assertEquals(0, pipeline.runner.counters().delivered());
      assertEquals(1, pipeline.runner.counters().dryRun());

      HttpResponse<String> hook = pipeline.post("/webhooks/vero/hook_dry_run_test_51c0", "{\"type\":\"opened\",\"opened_at\":1795867060,"
          + "\"user\":{\"id\":88,\"email\":\"dry@example.com\"},\"campaign\":{\"id\":5,\"name\":\"Dry\"},\"message_id\":\"<dry-1@mail>\"}");
      assertEquals(200, hook.statusCode());
      assertEquals(false, json(hook.body()).get("forwarded").asBoolean(), hook.body());
      assertEquals(true, json(hook.body()).get("dryRun").asBoolean(), hook.body());
      JsonNode segmentLine = json(pipeline.log().lines().filter(l -> l.contains("would send to Segment")).findFirst().orElseThrow());
      assertEquals("dry run: would send to Segment", segmentLine.get("message").asText(), "\"message\" is a string on every line");
      assertEquals("Email Opened", segmentLine.at("/body/event").asText(), segmentLine.toString());
      JsonNode webhookLine = json(pipeline.log().lines().filter(l -> l.contains("\"message\":\"vero webhook\"")).findFirst().orElseThrow());
      assertEquals(false, webhookLine.get("forwarded").asBoolean());
      assertEquals("dry-run", webhookLine.get("Outcome").asText(), webhookLine.toString());
    }
  }

  @Test
  void aDryRunPrintsEveryCallLineEvenWhereOnlyFailedCallsWouldBeLogged() throws Exception {
    try (Pipeline pipeline = new Pipeline(URI.create("http://127.0.0.1:9/unused"), Map.of("VERO_AUTH_TOKEN", "",
        "VERO_CALL_LINES", "failures"))) {
      assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"dry\",\"event\":\"Signed Up\"}").statusCode());
      waitFor("the batch line", PATIENCE, () -> pipeline.log().contains("\"batch done\""));
      JsonNode call = json(pipeline.log().lines().filter(l -> l.contains("\"vero call\"")).findFirst().orElseThrow(
          () -> new AssertionError("no vero call line: " + pipeline.log())));
      assertEquals("dry-run", call.get("outcome").asText(), call.toString());
      assertEquals("POST /events/track", call.get("call").asText(), call.toString());
    }
  }

  @Test
  void withAnonymousUsersTrackedAVisitorWhoSignsUpEndsAsOneProfile() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("ANONYMOUS_USERS", "track"))) {
      assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":["
          + "{\"type\":\"page\",\"anonymousId\":\"anon-42\",\"name\":\"Pricing\",\"properties\":{\"url\":\"https://example.com/pricing\"}},"
          + "{\"type\":\"identify\",\"anonymousId\":\"anon-42\",\"traits\":{\"email\":\"visitor@example.com\"}}]}").statusCode());
      waitFor("the visitor's page and identify", PATIENCE, () -> vero.processed().size() == 2);
      assertEquals(200, pipeline.post("/v1/batch", "{\"batch\":["
          + "{\"type\":\"alias\",\"previousId\":\"anon-42\",\"userId\":\"user-42\"},"
          + "{\"type\":\"identify\",\"userId\":\"user-42\",\"traits\":{\"email\":\"visitor@example.com\",\"plan\":\"pro\"}}]}")
          .statusCode());
      waitFor("the sign-up's alias and identify", PATIENCE, () -> vero.processed().size() == 4);
      assertEquals(List.of(
          "POST /api/v2/events/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"identity\":{\"id\":\"anon-42\"},\"event_name\":\"viewed_page\","
              + "\"data\":{\"url\":\"https://example.com/pricing\"}",
          "POST /api/v2/users/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"anon-42\",\"email\":\"visitor@example.com\","
              + "\"data\":{\"email\":\"visitor@example.com\",\"id\":\"anon-42\"}}",
          "PUT /api/v2/users/reidentify {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"anon-42\",\"new_id\":\"user-42\"}",
          "POST /api/v2/users/track {\"auth_token\":\"" + VERO_TOKEN + "\",\"id\":\"user-42\",\"email\":\"visitor@example.com\","
              + "\"data\":{\"email\":\"visitor@example.com\",\"plan\":\"pro\",\"id\":\"user-42\"}}"),
          vero.processed().stream().map(r -> r.method() + " " + r.path() + " " + r.body().replaceAll(",\"extras\":.*", "")).toList());
    }
  }
}
