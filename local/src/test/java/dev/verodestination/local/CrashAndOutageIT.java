package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.deliver.vero.VeroCredential;
import dev.verodestination.deliver.vero.MappingRules;
import dev.verodestination.ingest.IngestConfig;
import dev.verodestination.ingest.IngestWiring;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.deliver.DeliverHandler;
import dev.verodestination.deliver.DeliverWiring;
import dev.verodestination.deliver.VeroCallLines;
import dev.verodestination.ingest.IngestHandler;
import dev.verodestination.log.JsonLog;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import dev.verodestination.testing.QueueReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A deliver invocation that dies, and the pipeline's neighbours going down. */
class CrashAndOutageIT {

  @RegisterExtension
  static final ElasticMq SQS = new ElasticMq();

  private static final JsonLog QUIET = new JsonLog("test", new PrintStream(new ByteArrayOutputStream()));

  @Test
  void aBatchDroppedWithoutAnAnswerComesBackAfterItsVisibilityTimeoutAndIsDeliveredOnce() throws Exception {
    int messages = Soak.size(30, 300);
    QueueSetup.Queues queues = QueueSetup.create(SQS.sqs(), "crash", 10, 2);
    IngestHandler ingest = new IngestHandler(IngestWiring.wire(new IngestConfig(List.of("k"), Optional.empty(), queues.queueUrl()),
        SQS.sqs(), Clock.systemUTC(), QUIET));
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < messages; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u").append(i % 7)
          .append("\",\"event\":\"E").append(i).append("\",\"messageId\":\"crash-").append(i).append("\"}");
    }
    APIGatewayV2HTTPEvent post = APIGatewayV2HTTPEvent.builder().withRawPath("/v1/batch")
        .withHeaders(Map.of("authorization", BasicAuth.header("k")))
        .withBody(batch.append("]}").toString()).build();
    assertEquals(200, ingest.handleRequest(post, null).getStatusCode());

    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok())) {
      DeliverConfig config = new DeliverConfig(queues.queueUrl(), queues.dlqUrl(), URI.create(vero.baseUri() + "/api/v2"),
          Optional.of(VeroCredential.authToken("tok")), 1, 2, Duration.ofSeconds(2), Optional.empty(), MappingRules.SEGMENT, 10, 3, VeroCallLines.ALL);
      DeliverHandler deliver = new DeliverHandler(DeliverWiring.wire(config, SQS.sqs(), new InMemoryCallProgress(),
          RunnerSuppressedUsers.inMemory(Clock.systemUTC()), Clock.systemUTC(), QUIET));
      AtomicInteger crashes = new AtomicInteger();
      RequestHandler<SQSEvent, SQSBatchResponse> crashesTwice = (event, context) -> {
        if (crashes.getAndIncrement() < 2) {
          throw new IllegalStateException("the function died mid-batch");
        }
        return deliver.handleRequest(event, context);
      };
      EventSourcePoller poller = new EventSourcePoller(SQS.sqs(), queues.queueUrl(), "arn:crash", crashesTwice, QUIET);
      try (poller) {
        poller.start();
        waitFor("every message delivered", Duration.ofSeconds(60), () -> vero.processed().size() >= messages);
        Thread.sleep(2500); // a second visibility timeout: room for a wrong redelivery to show up
      }
      Map<String, Long> perEvent = vero.processed().stream()
          .collect(Collectors.groupingBy(r -> r.body().replaceAll(".*\"event_name\":\"([^\"]+)\".*", "$1"), Collectors.counting()));
      assertEquals(messages, perEvent.size());
      assertTrue(perEvent.values().stream().allMatch(n -> n == 1), "each delivered once: " + perEvent);
      assertTrue(crashes.get() >= 3, "two invocations died, later ones delivered");
      assertEquals(List.of(), QueueReader.drain(SQS.sqs(), queues.dlqUrl()));
    }
  }

  @Test
  void whileSegmentIsDownEveryWebhookIsParkedAndNoneIsLost() throws Exception {
    int webhooks = Soak.size(10, 100);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Pipeline pipeline = new Pipeline(URI.create("http://127.0.0.1:9/api/v2"), Map.of(
        "VERO_WEBHOOK_TOKEN", "hook_outage_test_token", "SEGMENT_WRITE_KEY", "seg_outage",
        "SEGMENT_API_URL", "http://127.0.0.1:" + closedPort + "/v1", "SEGMENT_RETRY_BUDGET_SECONDS", "1"))) {
      for (int i = 0; i < webhooks; i++) {
        var response = pipeline.post("/webhooks/vero/hook_outage_test_token",
            "{\"type\":\"delivered\",\"delivered_at\":" + (1795867000 + i) + ",\"user\":{\"id\":" + i + "}}");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"parked\":true"), response.body());
      }
      var parked = QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.webhookDlqUrl());
      assertEquals(webhooks, parked.size());
      Map<String, Integer> reasons = new HashMap<>();
      parked.forEach(m -> reasons.merge(m.messageAttributes().get("reason").stringValue(), 1, Integer::sum));
      assertEquals(Map.of("retries exhausted: network error: ConnectException", webhooks), reasons);
    }
  }
}
