package dev.verodestination.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.log.JsonLog;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.segment.AnonymousUsers;
import dev.verodestination.testing.ApiGatewayEvents;
import dev.verodestination.testing.EmfLines;
import dev.verodestination.testing.StubSqsClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ingest handler with a stub SQS: the answers a browser reads, CORS headers included. */
class IngestHandlerTest {

  private static final String WRITE_KEY = "wk_cors_test_5e1a";
  private static final String PAGE = "http://localhost:8000";

  private final StubSqsClient sqs = new StubSqsClient();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  private IngestHandler handler(List<String> origins) {
    return handler(origins, DestinationRules.NONE);
  }

  private IngestHandler handler(List<String> origins, DestinationRules rules) {
    IngestConfig config = new IngestConfig(List.of(WRITE_KEY), Optional.empty(), "events.fifo", origins, Optional.empty(), AnonymousUsers.SKIP,
        rules);
    return new IngestHandler(IngestWiring.wire(config, sqs, Clock.systemUTC(),
        new JsonLog("ingest", new PrintStream(logs, true, StandardCharsets.UTF_8))));
  }

  @Test
  void pathsAreLoggedAsTheirRouteSoNoKeyOrTokenInAPathReachesTheLog() {
    // issue #11, defect 14: a webhook token posted to a near-miss path was logged with the path
    IngestHandler handler = handler(List.of("*"));
    handler.handleRequest(fromPage("POST", "/x/webhooks/vero/hook-secret-token-1", "{}", Map.of()), null);
    handler.handleRequest(fromPage("POST", "/WEBHOOKS/vero/hook-secret-token-2", "{}", Map.of()), null);
    handler.handleRequest(fromPage("GET", "/v1/projects/" + WRITE_KEY + "/settings", null, Map.of("host", "h")), null);
    handler.handleRequest(fromPage("POST", "/v1/not-a-route-hook-secret-token-3", "{}", Map.of()), null);
    handler.handleRequest(fromPage("POST", "/prod/v1/t/", "{}", Map.of()), null);
    String log = logs.toString(StandardCharsets.UTF_8);
    for (String secret : new String[] {"hook-secret-token", WRITE_KEY}) {
      assertFalse(log.contains(secret), secret + " in " + log);
    }
    assertTrue(log.contains("\"path\":\"(a path outside /v1)\""), log);
    assertTrue(log.contains("\"path\":\"/v1/projects/{writeKey}/settings\""), log);
    assertTrue(log.contains("\"path\":\"(an unknown /v1 path)\""), log);
    assertTrue(log.contains("\"path\":\"/v1/t\""), log);
  }

  private static APIGatewayV2HTTPEvent fromPage(String method, String path, String body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    all.put("origin", PAGE);
    return ApiGatewayEvents.request(method, path, body, false, all);
  }

  @Test
  void aPreflightGets204WithTheRulesAndNothingIsQueued() {
    APIGatewayV2HTTPResponse response = handler(List.of("*")).handleRequest(fromPage("OPTIONS", "/v1/t", null,
        Map.of("access-control-request-method", "POST", "access-control-request-headers", "authorization,content-type")), null);
    assertEquals(204, response.getStatusCode());
    assertNull(response.getBody());
    assertEquals(Map.of("access-control-allow-origin", "*", "access-control-allow-methods", "POST, GET, OPTIONS",
        "access-control-allow-headers", "authorization, content-type, content-encoding, x-retry-count, x-signature",
        "access-control-max-age", "7200"), response.getHeaders());
    assertEquals(List.of(), sqs.batches());
  }

  @Test
  void everyAnswerCarriesTheAllowedOriginErrorsIncluded() {
    IngestHandler handler = handler(List.of("*"));
    Map<String, String> json = Map.of("content-type", "text/plain", "authorization", BasicAuth.header(WRITE_KEY));
    Map<Integer, APIGatewayV2HTTPResponse> answers = Map.of(
        200, handler.handleRequest(fromPage("POST", "/v1/t", "{\"userId\":\"u\",\"event\":\"E\"}", json), null),
        400, handler.handleRequest(fromPage("POST", "/v1/t", "{\"userId\":\"u\"}", json), null),
        401, handler.handleRequest(fromPage("POST", "/v1/t", "{\"userId\":\"u\",\"event\":\"E\"}", Map.of()), null),
        413, handler.handleRequest(fromPage("POST", "/v1/t", "{\"x\":\"" + "y".repeat(600 * 1024) + "\"}", json), null),
        404, handler.handleRequest(fromPage("GET", "/v1/projects/nope/settings", null, Map.of("host", "h")), null));
    answers.forEach((status, response) -> {
      assertEquals(status, response.getStatusCode(), response.getBody());
      assertEquals("*", response.getHeaders().get("access-control-allow-origin"), status + " carries the CORS header");
      assertEquals("application/json", response.getHeaders().get("content-type"));
    });
    assertEquals(1, sqs.batches().size(), "only the valid track was queued");
  }

  @Test
  void withAListOfOriginsOnlyThoseAreEchoedAndCachesVaryByOrigin() {
    IngestHandler handler = handler(List.of("https://www.example.com", PAGE));
    APIGatewayV2HTTPResponse allowed = handler.handleRequest(fromPage("OPTIONS", "/v1/t", null, Map.of()), null);
    assertEquals(PAGE, allowed.getHeaders().get("access-control-allow-origin"));
    assertEquals("Origin", allowed.getHeaders().get("vary"));
    APIGatewayV2HTTPResponse other = handler.handleRequest(ApiGatewayEvents.request("OPTIONS", "/v1/t", null, false,
        Map.of("origin", "https://evil.example")), null);
    assertNull(other.getHeaders().get("access-control-allow-origin"));
    assertEquals("Origin", other.getHeaders().get("vary"));
  }

  @Test
  void theSettingsOfAValidKeyAreServedToAnyPage() throws Exception {
    APIGatewayV2HTTPResponse response = handler(List.of("*")).handleRequest(fromPage("GET", "/v1/projects/" + WRITE_KEY + "/settings",
        null, Map.of("host", "127.0.0.1:3000", "x-forwarded-proto", "http")), null);
    assertEquals(200, response.getStatusCode());
    assertEquals("127.0.0.1:3000/v1",
        dev.verodestination.json.Json.MAPPER.readTree(response.getBody()).at("/integrations/Segment.io/apiHost").asText());
    assertEquals("*", response.getHeaders().get("access-control-allow-origin"));
  }

  @Test
  void a503SaysExactlyWhatTheQueueTookBeforeItFailed() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    sqs.onBatch(r -> {
      if (calls.incrementAndGet() == 1) {
        return StubSqsClient.acceptAll(r);
      }
      throw software.amazon.awssdk.core.exception.SdkClientException.create("down");
    });
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 15; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}");
    }
    APIGatewayV2HTTPResponse response = handler(List.of("*")).handleRequest(fromPage("POST", "/v1/batch", batch.append("]}").toString(),
        Map.of("content-type", "application/json", "authorization", BasicAuth.header(WRITE_KEY))), null);
    assertEquals(503, response.getStatusCode());
    assertEquals("{\"success\":false,\"error\":\"the queue failed after taking 10 of 15 messages: retry the request; the queue "
        + "drops the ones it already has (same messageId)\",\"queued\":10}", response.getBody());
  }

  @Test
  void eachSkippedOrRejectedMessageIsALogLineWithItsIndexAndReasonAndNoPersonalData() throws Exception {
    handler(List.of("*")).handleRequest(fromPage("POST", "/v1/batch", "{\"batch\":["
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"email\":\"private@example.com\"}},"
        + "{\"type\":\"track\",\"anonymousId\":\"anon-private\",\"event\":\"E\"},"
        + "{\"type\":\"track\",\"userId\":\"u\",\"properties\":{\"email\":\"private@example.com\"}}]}",
        Map.of("content-type", "application/json", "authorization", BasicAuth.header(WRITE_KEY))), null);
    List<String> lines = logs.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"message\":\"message skipped\"") && l.contains("\"index\":1")
        && l.contains("\"reason\":\"no userId: Vero identifies people by userId\"")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"message\":\"message rejected\"") && l.contains("\"index\":2")
        && l.contains("\"reason\":\"track requires \\\"event\\\"\"")), lines.toString());
    assertFalse(lines.stream().anyMatch(l -> l.contains("private")), "no traits, properties or ids of people in the log");
  }

  @Test
  void metricsCountRequestsByStatusClassAndMessagesByOutcomeAndReasonClassAsValidEmf() {
    IngestHandler handler = handler(List.of("*"));
    handler.handleRequest(fromPage("POST", "/v1/batch", "{\"batch\":["
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"},"
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"},"
        + "{\"type\":\"track\",\"anonymousId\":\"anon-private\",\"event\":\"E\"},"
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"integrations\":{\"Vero\":false}},"
        + "{\"type\":\"track\",\"userId\":\"u\"},7]}",
        Map.of("content-type", "application/json", "authorization", BasicAuth.header(WRITE_KEY))), null);
    handler.handleRequest(fromPage("POST", "/v1/t", "{}", Map.of("content-type", "application/json")), null);
    String log = logs.toString(StandardCharsets.UTF_8);
    assertEquals(1, EmfLines.sum(log, "Requests", Map.of("Function", "ingest", "StatusClass", "2xx")));
    assertEquals(1, EmfLines.sum(log, "Requests", Map.of("Function", "ingest", "StatusClass", "4xx")));
    assertEquals(2, EmfLines.sum(log, "Messages", Map.of("Outcome", "accepted", "Reason", "none")));
    assertEquals(1, EmfLines.sum(log, "Messages", Map.of("Outcome", "skipped", "Reason", "anonymous")));
    assertEquals(1, EmfLines.sum(log, "Messages", Map.of("Outcome", "skipped", "Reason", "integrations-off")));
    assertEquals(1, EmfLines.sum(log, "Messages", Map.of("Outcome", "rejected", "Reason", "invalid")));
    assertEquals(1, EmfLines.sum(log, "Messages", Map.of("Outcome", "rejected", "Reason", "not-an-object")));
    assertEquals(6, EmfLines.of(log).size(), "the request's own line counts it and its accepted messages; one more line "
        + "per other outcome and reason class: " + log);
    assertFalse(log.contains("anon-private"), "no id of a person is a dimension or a value");
  }

  @Test
  void anAcceptedBatchWritesOneLineThatCarriesItsMetrics() {
    handler(List.of("*")).handleRequest(fromPage("POST", "/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"},"
        + "{\"type\":\"track\",\"userId\":\"v\",\"event\":\"E\"}]}",
        Map.of("content-type", "application/json", "authorization", BasicAuth.header(WRITE_KEY))), null);
    String log = logs.toString(StandardCharsets.UTF_8);
    assertEquals(1, log.split("\n").length, log);
    assertEquals(1, EmfLines.sum(log, "Requests", Map.of("Function", "ingest", "StatusClass", "2xx")));
    assertEquals(2, EmfLines.sum(log, "Messages", Map.of("Function", "ingest", "Outcome", "accepted", "Reason", "none")));
    assertTrue(log.contains("\"message\":\"ingest request\""), log);
  }

  @Test
  void messagesTheRulesHoldBackAreCountedAsFilteredOrNoConsentAndLoggedByRuleWithoutTheirValues() {
    DestinationRules rules = DestinationRules.parse("{\"events\":{\"deny\":[\"Debug *\"]},\"drop\":[\"properties.ssn\"],"
        + "\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"send\"}}");
    APIGatewayV2HTTPResponse response = handler(List.of("*"), rules).handleRequest(fromPage("POST", "/v1/batch", "{\"batch\":["
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Debug private-click\",\"properties\":{\"ssn\":\"078-05-1120\"}},"
        + "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"email\":\"private@example.com\"},"
        + "\"context\":{\"consent\":{\"categoryPreferences\":{\"Marketing\":false}}}},"
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Order Completed\",\"properties\":{\"ssn\":\"078-05-1120\",\"total\":3}}]}",
        Map.of("content-type", "application/json", "authorization", BasicAuth.header(WRITE_KEY))), null);

    assertEquals(200, response.getStatusCode());
    assertEquals("{\"success\":true,\"accepted\":1,\"skipped\":[{\"index\":0,\"reason\":\"filtered: the event matches events.deny \\\"Debug *\\\"\"},"
        + "{\"index\":1,\"reason\":\"no-consent: consent category \\\"Marketing\\\" is not true in context.consent.categoryPreferences\"}],"
        + "\"rejected\":[]}", response.getBody());
    String log = logs.toString(StandardCharsets.UTF_8);
    assertEquals(1, EmfLines.sum(log, "Messages", Map.of("Outcome", "skipped", "Reason", "filtered")));
    assertEquals(1, EmfLines.sum(log, "Messages", Map.of("Outcome", "skipped", "Reason", "no-consent")));
    assertEquals(1, EmfLines.sum(log, "Messages", Map.of("Outcome", "accepted", "Reason", "none")));
    assertTrue(log.contains("\"message\":\"message skipped\",\"index\":0,\"kind\":\"filtered\",\"reason\":\"filtered: the event matches events.deny \\\"Debug *\\\"\""), log);
    assertFalse(log.contains("private") || log.contains("078-05-1120"), "no event name, trait or dropped value in the log: " + log);
    String queued = sqs.batches().get(0).entries().get(0).messageBody();
    assertTrue(queued.startsWith("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Order Completed\",\"properties\":{\"total\":3},"), queued);
    assertFalse(queued.contains("078-05-1120"), "the dropped field never reaches the queue");
  }
}
