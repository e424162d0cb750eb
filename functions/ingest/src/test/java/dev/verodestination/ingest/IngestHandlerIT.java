package dev.verodestination.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.SqsClients;
import dev.verodestination.testing.ApiGatewayEvents;
import dev.verodestination.testing.ElasticMq;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The ingest handler against ElasticMQ, over the real SQS protocol. */
class IngestHandlerIT {

  private static final String WRITE_KEY = "wk_live_ingest_test_3c1e";

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  private static final AtomicInteger QUEUES = new AtomicInteger();
  @RegisterExtension
  static final ElasticMq elasticMq = new ElasticMq();

  private String queueUrl;
  private IngestHandler handler;

  @BeforeEach
  void freshQueues() {
    queueUrl = elasticMq.fifoQueue("ingest-" + QUEUES.incrementAndGet());
    handler = new IngestHandler(IngestWiring.wire(new IngestConfig(List.of(WRITE_KEY), Optional.empty(), queueUrl), elasticMq.sqs(), CLOCK, new JsonLog("ingest", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))));
  }

  @Test
  void messagesLandWithTheirUserAsGroupTheirMessageIdAsDedupIdAndTheEnrichedBody() {
    APIGatewayV2HTTPResponse response = handler.handleRequest(post("/v1/batch", "{\"batch\":["
        + "{\"type\":\"identify\",\"userId\":\"ada\",\"messageId\":\"m-1\",\"traits\":{\"email\":\"ada@example.com\"}},"
        + "{\"type\":\"track\",\"userId\":\"bob smith\",\"messageId\":\"m-2\",\"event\":\"Signed Up\"},"
        + "{\"type\":\"track\",\"userId\":\"ada\",\"messageId\":\"m-3\",\"event\":\"Upgraded\"}]}"), null);

    assertEquals(200, response.getStatusCode());
    assertEquals("{\"success\":true,\"accepted\":3,\"skipped\":[],\"rejected\":[]}", response.getBody());
    assertEquals("application/json", response.getHeaders().get("content-type"));
    List<Message> messages = elasticMq.drain(queueUrl);
    Map<String, String> groups = new HashMap<>();
    Map<String, String> bodies = new HashMap<>();
    for (Message m : messages) {
      String dedup = m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
      groups.put(dedup, m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
      bodies.put(dedup, m.body());
    }
    assertEquals(Map.of("ada/m-1", "ada",
        "sha256-" + dev.verodestination.crypto.Sha256.hex("bob smith/m-2"), "sha256-" + dev.verodestination.crypto.Sha256.hex("bob smith"),
        "ada/m-3", "ada"), groups, "a userId with a space is hashed into valid group and dedup ids");
    assertEquals("{\"type\":\"identify\",\"userId\":\"ada\",\"messageId\":\"m-1\",\"traits\":{\"email\":\"ada@example.com\"},"
        + "\"receivedAt\":\"2026-11-28T12:00:00Z\",\"timestamp\":\"2026-11-28T12:00:00Z\"}", bodies.get("ada/m-1"));
  }

  @Test
  void aResendOfTheSameMessageIdDoesNotCreateASecondMessage() {
    String body = "{\"userId\":\"ada\",\"messageId\":\"resend-1\",\"event\":\"Clicked\"}";
    assertEquals(200, handler.handleRequest(post("/v1/track", body), null).getStatusCode());
    assertEquals(200, handler.handleRequest(post("/v1/track", body), null).getStatusCode());
    assertEquals(1, elasticMq.drain(queueUrl).size());
  }

  @Test
  void aBatchOf2500SmallEventsIsEnqueuedCompletelyAndInOrderPerUser() {
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 2500; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u").append(i % 50)
          .append("\",\"event\":\"E\",\"messageId\":\"bulk-").append(i).append("\"}");
    }
    APIGatewayV2HTTPResponse response = handler.handleRequest(post("/v1/batch", batch.append("]}").toString()), null);
    assertEquals(200, response.getStatusCode(), response.getBody());
    assertTrue(response.getBody().startsWith("{\"success\":true,\"accepted\":2500,"));

    List<Message> messages = elasticMq.drain(queueUrl);
    assertEquals(2500, messages.size());
    Map<String, List<Integer>> perUser = new HashMap<>();
    for (Message m : messages) {
      String dedup = m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
      int n = Integer.parseInt(dedup.substring(dedup.indexOf('/') + 6));
      perUser.computeIfAbsent(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID), k -> new ArrayList<>()).add(n);
    }
    assertEquals(50, perUser.size());
    perUser.values().forEach(ns -> assertEquals(ns.stream().sorted().toList(), ns, "FIFO order within a user"));
  }

  @Test
  void oneInvalidMessageAmongValidOnesIsReportedAndTheOthersAreQueued() {
    APIGatewayV2HTTPResponse response = handler.handleRequest(post("/v1/batch", "{\"batch\":["
        + "{\"type\":\"track\",\"userId\":\"a\",\"event\":\"One\"},{\"type\":\"alias\",\"userId\":\"a\"},"
        + "{\"type\":\"track\",\"userId\":\"a\",\"event\":\"Two\"}]}"), null);
    assertEquals(200, response.getStatusCode());
    assertEquals("{\"success\":true,\"accepted\":2,\"skipped\":[],\"rejected\":[{\"index\":1,\"error\":\"alias requires \\\"previousId\\\"\"}]}",
        response.getBody());
    assertEquals(2, elasticMq.drain(queueUrl).size());
  }

  @Test
  void requestErrorsEnqueueNothingAndNeverAnswer500() {
    Map<String, String> json = Map.of("content-type", "application/json", "authorization", BasicAuth.header(WRITE_KEY));
    record Case(String path, String body, Map<String, String> headers, int status, String error) {}
    List<Case> cases = List.of(
        new Case("/v1/track", "{\"userId\":", json, 400, "malformed JSON: Unexpected end-of-input"),
        new Case("/v1/track", "\"just a string\"", json, 400, "body must be a JSON object (got a string)"),
        new Case("/v1/track", "12345", json, 400, "body must be a JSON object (got a number)"),
        new Case("/v1/track", "{\"userId\":\"a\",\"event\":\"" + "x".repeat(600 * 1024) + "\"}", json, 413, "body is "),
        new Case("/v1/track", "<p>userId=a</p>",
            Map.of("content-type", "text/html", "authorization", BasicAuth.header(WRITE_KEY)), 400,
            "malformed JSON (the body is read as JSON whatever its Content-Type; this one says text/html)"),
        new Case("/v1/batch", "[".repeat(10_000) + "]".repeat(10_000), json, 400, "malformed JSON: JSON nests deeper than 64 levels"),
        new Case("/v1/track", "{\"userId\":\"a\",\"event\":\"E\"}", Map.of("content-type", "application/json"), 401,
            "no valid credentials"));
    for (Case c : cases) {
      APIGatewayV2HTTPResponse response = handler.handleRequest(post(c.path(), c.body(), c.headers()), null);
      assertEquals(c.status(), response.getStatusCode(), c.error());
      assertTrue(response.getBody().startsWith("{\"success\":false,\"error\":\"" + c.error()), response.getBody());
    }
    var base64 = post("/v1/track", "%%% not base64 %%%");
    base64.setIsBase64Encoded(true);
    assertEquals("{\"success\":false,\"error\":\"body is marked base64 but is not valid base64\"}",
        handler.handleRequest(base64, null).getBody());
    assertEquals(List.of(), elasticMq.drain(queueUrl));
  }

  @Test
  void whenTheQueueIsDownTheAnswerIs503AndARetryAfterRecoveryEnqueuesEachMessageOnce() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (SqsClient down = SqsClients.create(Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
        Optional.of(URI.create("http://127.0.0.1:" + closedPort)))) {
      IngestHandler offline = new IngestHandler(IngestWiring.wire(new IngestConfig(List.of(WRITE_KEY), Optional.empty(), queueUrl), down, CLOCK, new JsonLog("ingest", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))));
      String body = "{\"batch\":[{\"type\":\"track\",\"userId\":\"a\",\"event\":\"E\",\"messageId\":\"outage-1\"},"
          + "{\"type\":\"track\",\"userId\":\"b\",\"event\":\"E\",\"messageId\":\"outage-2\"}]}";
      APIGatewayV2HTTPResponse response = offline.handleRequest(post("/v1/batch", body), null);
      assertEquals(503, response.getStatusCode());
      assertEquals("{\"success\":false,\"error\":\"the queue is unavailable, nothing was accepted: retry the request\"}",
          response.getBody());

      assertEquals(200, handler.handleRequest(post("/v1/batch", body), null).getStatusCode());
      assertEquals(200, handler.handleRequest(post("/v1/batch", body), null).getStatusCode());
      assertEquals(2, elasticMq.drain(queueUrl).size());
    }
  }

  private static APIGatewayV2HTTPEvent post(String path, String body) {
    return ApiGatewayEvents.post(path, body, WRITE_KEY);
  }

  private static APIGatewayV2HTTPEvent post(String path, String body, Map<String, String> headers) {
    return ApiGatewayEvents.post(path, body, headers);
  }

  @Test
  void twoUsersMessagesWithTheSameMessageIdAreBothQueued() {
    // issue #11, defect 7: the runner's queue dedups across users, and the second user's message was dropped
    String body = "{\"batch\":[{\"type\":\"track\",\"userId\":\"alice\",\"messageId\":\"same\",\"event\":\"E\"},"
        + "{\"type\":\"track\",\"userId\":\"bob\",\"messageId\":\"same\",\"event\":\"E\"}]}";
    assertEquals(200, handler.handleRequest(post("/v1/batch", body), null).getStatusCode());
    assertEquals(2, elasticMq.drain(queueUrl).size());
  }
}
