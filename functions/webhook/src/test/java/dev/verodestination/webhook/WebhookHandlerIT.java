package dev.verodestination.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.http.HttpEvents;
import dev.verodestination.json.Json;
import dev.verodestination.log.JsonLog;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.EmfLines;
import dev.verodestination.config.Settings;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Recorded;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/** The webhook handler against a fake Segment on 127.0.0.1 and ElasticMQ for the webhook DLQ. */
class WebhookHandlerIT {

  private static final String TOKEN = "sample-webhook-token";
  private static final String WRITE_KEY = "seg_wk_webhook_test_0c4d";
  private static final AtomicInteger QUEUES = new AtomicInteger();
  @RegisterExtension
  static final ElasticMq elasticMq = new ElasticMq();

  record Setup(WebhookHandler handler, String dlqUrl, ByteArrayOutputStream logs) {}

  private static Setup handlerFor(FakeHttpServer segment, Duration budget) {
    return handlerFor(elasticMq, segment, budget, ProfileWebhooks.IGNORE);
  }

  /** The handler as Lambda wires it, its DLQ a new queue of {@code elasticMq}, its log kept. */
  static Setup handlerFor(ElasticMq elasticMq, FakeHttpServer segment, Duration budget, ProfileWebhooks profiles) {
    String dlqUrl = elasticMq.standardQueue("webhook-dlq-" + QUEUES.incrementAndGet());
    WebhookConfig config = new WebhookConfig(TOKEN, URI.create(segment.baseUri() + "/v1"), Optional.of(WRITE_KEY),
        dlqUrl, budget, profiles);
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    JsonLog log = new JsonLog("webhook", new PrintStream(logs, true, StandardCharsets.UTF_8));
    return new Setup(new WebhookHandler(WebhookWiring.wire(config, elasticMq.sqs(), Clock.systemUTC(), log)), dlqUrl, logs);
  }

  private static APIGatewayV2HTTPEvent post(String token, String body) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath("/webhooks/vero/" + token)
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(body)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
        .build();
  }

  private static APIGatewayV2HTTPEvent sample(String name) {
    return EventLoader.loadApiGatewayHttpEvent(Conformance.projectRoot().resolve("events/webhook/" + name + ".json").toString());
  }

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void anOpenedEventReachesSegmentsBatchEndpointWithBasicAuthAndVeroTurnedOff() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok())) {
      Setup setup = handlerFor(segment, Duration.ofSeconds(5));
      APIGatewayV2HTTPResponse response = setup.handler().handleRequest(sample("opened"), null);
      assertEquals(200, response.getStatusCode(), response.getBody());
      JsonNode answer = json(response.getBody());
      assertTrue(answer.get("forwarded").asBoolean());
      assertEquals("Email Opened", answer.get("event").asText());

      assertEquals(1, segment.received().size());
      Recorded request = segment.received().get(0);
      assertEquals("POST /v1/batch", request.method() + " " + request.path());
      assertEquals(BasicAuth.header(WRITE_KEY),
          request.header("authorization"));
      JsonNode body = json(request.body());
      assertTrue(body.get("sentAt").isTextual());
      assertEquals(1, body.get("batch").size());
      JsonNode message = body.get("batch").get(0);
      assertEquals(json("{\"type\":\"track\",\"event\":\"Email Opened\",\"userId\":\"5150\",\"messageId\":\""
          + answer.get("messageId").asText() + "\",\"timestamp\":\"2026-11-28T11:57:40Z\",\"properties\":{"
          + "\"email_id\":\"<20261128115640.4412.5150@mail.example.org>\",\"email_subject\":\"Welcome aboard, Grace\","
          + "\"campaign_id\":\"4412\",\"campaign_name\":\"Welcome series\",\"campaign_type\":\"behavioral\",\"campaign_group\":\"Onboarding\","
          + "\"campaign_channel\":\"email\",\"campaign_variation\":\"B\",\"campaign_permalink\":\"https://app.example.org/view/4412\","
          + "\"campaign_trigger_event\":\"signed up\",\"campaign_locale\":\"en-GB\",\"campaign_tags\":[\"onboarding\",\"welcome\"],"
          + "\"sent_to\":\"grace@example.org\"},\"context\":{\"traits\":{\"email\":\"grace@example.org\"},"
          + "\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0\"},\"integrations\":{\"Vero\":false}}"), message);
      assertEquals(List.of(), elasticMq.drain(setup.dlqUrl()));
      assertFalse(setup.logs().toString(StandardCharsets.UTF_8).contains(WRITE_KEY));
    }
  }

  @TestFactory
  Stream<DynamicTest> everySampleEventGetsItsDocumentedAnswer() throws Exception {
    Map<String, String> expected = Map.ofEntries(
        Map.entry("sent", "Email Sent"), Map.entry("delivered", "Email Delivered"), Map.entry("opened", "Email Opened"),
        Map.entry("clicked", "Email Link Clicked"), Map.entry("bounced", "Email Bounced"),
        Map.entry("complained", "Email Marked as Spam"), Map.entry("unsubscribed", "Email Unsubscribed"),
        Map.entry("resubscribed", "Email Resubscribed"), Map.entry("converted", "Email Converted"),
        Map.entry("failed", "Email Failed"), Map.entry("user_created", ""), Map.entry("user_updated", ""),
        Map.entry("function-url-opened", "Email Opened"), Map.entry("bad-wrong-token", "401"), Map.entry("bad-malformed-json", "400"));
    Path samples = Conformance.projectRoot().resolve("events/webhook");
    assertEquals(expected.keySet(), Stream.of(samples.toFile().list()).map(n -> n.replace(".json", "")).collect(java.util.stream.Collectors.toSet()));
    return expected.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok())) {
        APIGatewayV2HTTPResponse response = handlerFor(segment, Duration.ofSeconds(5)).handler().handleRequest(sample(e.getKey()), null);
        JsonNode answer = json(response.getBody());
        switch (e.getValue()) {
          case "401" -> {
            assertEquals(401, response.getStatusCode());
            assertEquals("{\"success\":false,\"error\":\"unknown webhook token\"}", response.getBody());
            assertEquals(List.of(), segment.received());
          }
          case "400" -> {
            assertEquals(400, response.getStatusCode());
            assertTrue(answer.get("error").asText().startsWith("malformed JSON: Unexpected character ('}'"), response.getBody());
          }
          case "" -> {
            assertEquals(200, response.getStatusCode());
            assertFalse(answer.get("forwarded").asBoolean());
            assertEquals(List.of(), segment.received());
          }
          default -> {
            assertEquals(200, response.getStatusCode());
            assertEquals(e.getValue(), json(segment.received().get(0).body()).at("/batch/0/event").asText());
          }
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> verosVerbatimSamplesParseAndMapOrGetA400NamingTheProblem() {
    return Conformance.files("vero-webhooks/vero-site-2021", ".raw.txt").stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> {
          try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok())) {
            String body = new String(Conformance.read(file), StandardCharsets.UTF_8);
            APIGatewayV2HTTPResponse response = handlerFor(segment, Duration.ofSeconds(5)).handler().handleRequest(post(TOKEN, body), null);
            boolean validJson;
            try {
              Json.MAPPER.readTree(body);
              validJson = true;
            } catch (Exception notJson) {
              validJson = false;
            }
            if (validJson) {
              assertEquals(200, response.getStatusCode(), response.getBody());
              assertTrue(json(response.getBody()).get("forwarded").asBoolean());
            } else {
              assertEquals(400, response.getStatusCode());
              String error = json(response.getBody()).get("error").asText();
              assertTrue(error.startsWith("malformed JSON: ") && error.contains("(line "), error);
              assertEquals(List.of(), segment.received());
            }
          }
        }));
  }

  @Test
  void retryableFaultsAreRetriedThenSucceed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Reply> faults = List.of(Reply.status(500), Reply.status(429).withHeader("Retry-After", "1"), Reply.status(503));
    try (FakeHttpServer segment = new FakeHttpServer(r -> {
      int n = calls.getAndIncrement();
      return n < faults.size() ? faults.get(n) : Reply.ok();
    })) {
      Setup setup = handlerFor(segment, Duration.ofSeconds(10));
      APIGatewayV2HTTPResponse response = setup.handler().handleRequest(sample("clicked"), null);
      assertEquals(200, response.getStatusCode());
      assertTrue(json(response.getBody()).get("forwarded").asBoolean());
      List<Recorded> requests = segment.received();
      assertEquals(4, requests.size());
      assertTrue(Duration.between(requests.get(1).at(), requests.get(2).at()).toMillis() >= 900, "Retry-After: 1 is honoured");
      assertEquals(1, requests.stream().map(r -> {
        try {
          return json(r.body()).at("/batch/0/messageId").asText();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }).distinct().count(), "every retry carries the same messageId, so Segment dedups");
      assertEquals(List.of(), elasticMq.drain(setup.dlqUrl()));
    }
  }

  @Test
  void aFinalAnswerParksThePayloadWithItsReasonAndAnswers200() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.status(400))) {
      Setup setup = handlerFor(segment, Duration.ofSeconds(5));
      APIGatewayV2HTTPResponse response = setup.handler().handleRequest(sample("bounced"), null);
      assertEquals(200, response.getStatusCode());
      JsonNode answer = json(response.getBody());
      assertTrue(answer.get("parked").asBoolean());
      assertEquals(1, segment.received().size(), "400 is final: no retry");
      List<Message> parked = elasticMq.drain(setup.dlqUrl());
      assertEquals(1, parked.size());
      assertEquals(new String(HttpEvents.body(sample("bounced")).orElseThrow(), StandardCharsets.UTF_8), parked.get(0).body(),
          "the payload is parked byte for byte as Vero sent it");
      assertEquals("Segment answered 400: {\"status\":400,\"message\":\"injected fault\"}",
          parked.get(0).messageAttributes().get("reason").stringValue());
      assertEquals("400", parked.get(0).messageAttributes().get("status").stringValue());
      assertEquals("webhook", parked.get(0).messageAttributes().get("source").stringValue());
    }
  }

  @Test
  void aSegmentThatNeverAnswersInTimeIsRetriedWithinTheBudgetThenTheEventIsParked() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok().delayedBy(4000).processed(false))) {
      Setup setup = handlerFor(segment, Duration.ofSeconds(3));
      APIGatewayV2HTTPResponse response = setup.handler().handleRequest(sample("delivered"), null);
      assertEquals(200, response.getStatusCode());
      assertTrue(json(response.getBody()).get("parked").asBoolean());
      assertEquals("retries exhausted: Segment timed out",
          elasticMq.drain(setup.dlqUrl()).get(0).messageAttributes().get("reason").stringValue());
    }
  }

  @Test
  void aSegmentThatSendsHeadersThenStallsIsCutOffWithinTheBudgetAndTheEventIsParked() throws Exception {
    // issue #11, defect 3: a stalled body held the webhook 133 s past a 15 s budget
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok().stallingBodyFor(8000).processed(false))) {
      Setup setup = handlerFor(segment, Duration.ofSeconds(2));
      APIGatewayV2HTTPResponse response = setup.handler().handleRequest(sample("delivered"), null);
      assertEquals(200, response.getStatusCode());
      assertTrue(json(response.getBody()).get("parked").asBoolean(), response.getBody());
      assertEquals("retries exhausted: Segment timed out",
          elasticMq.drain(setup.dlqUrl()).get(0).messageAttributes().get("reason").stringValue());
    }
  }

  @Test
  void aStackWithoutASegmentWriteKeyParksEachWebhookSayingSoAndCallsNoOne() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok())) {
      String dlqUrl = elasticMq.standardQueue("webhook-dlq-" + QUEUES.incrementAndGet());
      WebhookConfig config = WebhookConfig.forLambda(new Settings(Map.of("VERO_WEBHOOK_TOKEN", TOKEN, "WEBHOOK_DLQ_URL", dlqUrl,
          "SEGMENT_API_URL", segment.baseUri() + "/v1", "SEGMENT_WRITE_KEY", "")));
      JsonLog log = new JsonLog("webhook", new PrintStream(new ByteArrayOutputStream()));
      WebhookHandler handler = new WebhookHandler(WebhookWiring.wire(config, elasticMq.sqs(), Clock.systemUTC(), log));
      APIGatewayV2HTTPResponse response = handler.handleRequest(sample("opened"), null);
      assertEquals(200, response.getStatusCode(), "Vero's webhook is taken: kept, not refused");
      assertTrue(json(response.getBody()).get("parked").asBoolean(), response.getBody());
      assertEquals(List.of(), segment.received());
      assertEquals("no Segment source: SEGMENT_WRITE_KEY (template parameter SegmentWriteKey) is not set; set it, then resend with "
          + "`webhooks resend`", elasticMq.drain(dlqUrl).get(0).messageAttributes().get("reason").stringValue());
    }
  }

  @Test
  void whenNothingCanBeParkedVeroIsToldToRetry() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.status(400))) {
      WebhookConfig config = new WebhookConfig(TOKEN, URI.create(segment.baseUri() + "/v1"), Optional.of(WRITE_KEY),
          elasticMq.endpoint() + "/000000000000/no-such-queue", Duration.ofSeconds(2), ProfileWebhooks.IGNORE);
      JsonLog log = new JsonLog("webhook", new PrintStream(new ByteArrayOutputStream()));
      WebhookHandler handler = new WebhookHandler(WebhookWiring.wire(config, elasticMq.sqs(), Clock.systemUTC(), log));
      APIGatewayV2HTTPResponse response = handler.handleRequest(sample("sent"), null);
      assertEquals(503, response.getStatusCode());
    }
  }

  @Test
  void wrongMissingOrOddTokensAndOversizeBodiesAreRefused() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok())) {
      WebhookHandler handler = handlerFor(segment, Duration.ofSeconds(5)).handler();
      String body = "{\"type\":\"opened\",\"user\":{\"id\":1}}";
      for (String token : new String[] {"", "sample-webhook-toke", "sample-webhook-token-and-more", "SAMPLE-WEBHOOK-TOKEN"}) {
        assertEquals(401, handler.handleRequest(post(token, body), null).getStatusCode(), token);
      }
      assertEquals(List.of(), segment.received());
      APIGatewayV2HTTPResponse big = handler.handleRequest(post(TOKEN, "{\"type\":\"opened\",\"x\":\"" + "y".repeat(300 * 1024) + "\"}"), null);
      assertEquals(413, big.getStatusCode());
      assertEquals(400, handler.handleRequest(post(TOKEN, "[1,2]"), null).getStatusCode());
      assertEquals(200, handler.handleRequest(post(TOKEN, body), null).getStatusCode());
    }
  }

  @Test
  void metricsCountWebhookEventsByEventAndOutcomeAsValidEmf() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    try (FakeHttpServer segment = new FakeHttpServer(r -> calls.incrementAndGet() == 1 ? Reply.ok() : Reply.status(400))) {
      Setup setup = handlerFor(segment, Duration.ofSeconds(5));
      setup.handler().handleRequest(sample("opened"), null);
      setup.handler().handleRequest(sample("opened"), null);
      setup.handler().handleRequest(sample("user_created"), null);
      setup.handler().handleRequest(sample("bad-wrong-token"), null);
      String logs = setup.logs().toString(StandardCharsets.UTF_8);
      assertEquals(1, EmfLines.sum(logs, "WebhookEvents", Map.of("Function", "webhook", "Event", "Email Opened", "Outcome", "forwarded")));
      assertEquals(1, EmfLines.sum(logs, "WebhookEvents", Map.of("Function", "webhook", "Event", "Email Opened", "Outcome", "parked")));
      assertEquals(1, EmfLines.sum(logs, "WebhookEvents", Map.of("Function", "webhook", "Event", "none", "Outcome", "acknowledged")));
      assertEquals(1, EmfLines.sum(logs, "WebhookEvents", Map.of("Function", "webhook", "Event", "none", "Outcome", "refused")));
      assertEquals(4, EmfLines.of(logs).size(), logs);
      assertFalse(logs.contains("grace@example.org"), "no address of a person in the log");
    }
  }
}
