package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import dev.verodestination.json.Json;
import com.sun.net.httpserver.HttpServer;
import dev.verodestination.ingest.IngestConfig;
import dev.verodestination.ingest.IngestWiring;
import dev.verodestination.ingest.IngestHandler;
import dev.verodestination.local.store.StoreHealth;
import dev.verodestination.log.JsonLog;
import dev.verodestination.testing.ElasticMq;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segment's own Java library, pointed at the runner's HTTP front (the API Gateway adapter and the
 * ingest handler), as a data team would point it. The runner's poller is left out so that the test
 * reads the queue as ingest left it.
 */
class SegmentLibraryIT {

  private static final String WRITE_KEY = "wk_local_lib_test_8d2f";
  private static ElasticMq elasticMq;
  private static QueueSetup.Queues queues;
  private static HttpServer front;

  @BeforeAll
  static void start() throws Exception {
    elasticMq = new ElasticMq().start();
    queues = QueueSetup.create(elasticMq.sqs(), "library", 10);
    IngestHandler ingest = new IngestHandler(IngestWiring.wire(new IngestConfig(List.of(WRITE_KEY), Optional.empty(),
        queues.queueUrl()), elasticMq.sqs(), Clock.systemUTC(), new JsonLog("ingest", new PrintStream(new ByteArrayOutputStream()))));
    front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    front.createContext("/", new ApiGatewayAdapter(ingest, "ingest", 15, new JsonLog("local"), new StoreHealth()));
    front.start();
  }

  @AfterAll
  static void stop() {
    front.stop(0);
    elasticMq.close();
  }

  private static final class Outcomes implements Callback {
    final CountDownLatch done;
    final Map<String, String> failures = new ConcurrentHashMap<>();

    Outcomes(int expected) {
      done = new CountDownLatch(expected);
    }

    @Override
    public void success(Message message) {
      done.countDown();
    }

    @Override
    public void failure(Message message, Throwable throwable) {
      failures.put(message.messageId(), String.valueOf(throwable.getMessage()));
      done.countDown();
    }
  }

  private static Analytics client(String writeKey, Outcomes outcomes) {
    return Analytics.builder(writeKey)
        .endpoint("http://127.0.0.1:" + front.getAddress().getPort())
        .callback(outcomes)
        .flushQueueSize(20)
        .retries(1)
        .build();
  }

  @Test
  void everyCallTypeLandsOnTheQueueIntact() throws Exception {
    Outcomes outcomes = new Outcomes(6);
    Analytics analytics = client(WRITE_KEY, outcomes);
    analytics.enqueue(IdentifyMessage.builder().userId("lib-user").traits(Map.of("email", "lib@example.com", "plan", "pro")));
    analytics.enqueue(TrackMessage.builder("Order Completed").userId("lib-user").properties(Map.of("revenue", 42)));
    analytics.enqueue(GroupMessage.builder("acme").userId("lib-user").traits(Map.of("name", "Acme")));
    analytics.enqueue(AliasMessage.builder("anon-1").userId("lib-user"));
    analytics.enqueue(PageMessage.builder("Pricing").userId("lib-user").properties(Map.of("url", "https://example.com/p")));
    analytics.enqueue(ScreenMessage.builder("Checkout").userId("lib-user"));
    analytics.flush();
    assertTrue(outcomes.done.await(30, TimeUnit.SECONDS));
    analytics.shutdown();
    assertEquals(Map.of(), outcomes.failures);

    List<JsonNode> bodies = elasticMq.drain(queues.queueUrl()).stream()
        .map(m -> readTree(m.body())).toList();
    assertEquals(List.of("identify", "track", "group", "alias", "page", "screen"),
        bodies.stream().map(b -> b.get("type").asText()).toList(), "one user's calls, in the order sent");
    JsonNode identify = bodies.get(0);
    assertEquals("lib@example.com", identify.at("/traits/email").asText());
    assertEquals("analytics-java", identify.at("/context/library/name").asText());
    assertEquals(42, bodies.get(1).at("/properties/revenue").asInt());
    assertEquals("Order Completed", bodies.get(1).get("event").asText());
    assertEquals("acme", bodies.get(2).get("groupId").asText());
    assertEquals("anon-1", bodies.get(3).get("previousId").asText());
    assertEquals("Pricing", bodies.get(4).get("name").asText());
    assertEquals("Checkout", bodies.get(5).get("name").asText());
    bodies.forEach(b -> assertTrue(b.get("messageId").isTextual() && b.get("receivedAt").isTextual()));
  }

  @Test
  void aWrongWriteKeyGets401AndNothingIsEnqueued() throws Exception {
    Outcomes outcomes = new Outcomes(1);
    Analytics analytics = client("not-the-key", outcomes);
    analytics.enqueue(TrackMessage.builder("Sneaky").userId("intruder"));
    analytics.flush();
    assertTrue(outcomes.done.await(30, TimeUnit.SECONDS));
    analytics.shutdown();
    assertEquals(1, outcomes.failures.size());
    // the library hands its callback the answer's body; that body is the 401's
    assertTrue(outcomes.failures.values().stream().collect(Collectors.joining()).contains("no valid credentials"),
        outcomes.failures.toString());
    var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + front.getAddress().getPort() + "/v1/import"))
        .header("authorization", dev.verodestination.http.BasicAuth.header("not-the-key"))
        .header("content-type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"batch\":[{\"type\":\"track\",\"userId\":\"x\",\"event\":\"E\"}]}"))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(401, response.statusCode());
    assertEquals(List.of(), elasticMq.drain(queues.queueUrl()));
  }

  private static JsonNode readTree(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
