package dev.verodestination.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.testing.Conformance;
import dev.verodestination.testing.ElasticMq;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vero's profile webhooks (../shared/conformance/vero-webhooks, every set) through the handler to a
 * fake Segment: with VERO_PROFILE_WEBHOOKS forward, the exact identify Segment's batch gets; with
 * ignore, nothing.
 */
class ProfileWebhooksIT {

  @RegisterExtension
  static final ElasticMq elasticMq = new ElasticMq();

  private static final List<String> SETS = List.of("docs-2015", "vero-site-2021", "activepieces-sampledata", "snowplow-enrich-tests");
  private static final String CREATED_TRAITS = "{\"firstname\":\"Steve\",\"company\":\"Vero\",\"role\":\"Bot\",\"email\":\"steve@getvero.com\"}";
  private static final String UPDATED_TRAITS = "{\"email\":\"steve@getvero.com\",\"vero_tag_active-customer\":true,"
      + "\"vero_tag_unactive-180-days\":false}";
  /** Each payload's messageId, a hash of what it says about the person: the same content, the same id. */
  private static final Map<String, String> MESSAGE_IDS = Map.of(
      "user_created", "vero-1762f08f9cd160222fd87b7c213183a9fab07b84",
      "snowplow user_created", "vero-e4871eea01daa63d01611b83e2456bcf98b5a701",
      "user_updated", "vero-5fec530e3b6696836d25abed3d181bddf3d32870");

  private static APIGatewayV2HTTPEvent post(String body) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath("/webhooks/vero/sample-webhook-token")
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(body)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
        .build();
  }

  private static Stream<Path> profilePayloads() {
    return SETS.stream().flatMap(set -> Conformance.files("vero-webhooks/" + set, ".json").stream())
        .filter(file -> file.getFileName().toString().startsWith("user_"));
  }

  @TestFactory
  Stream<DynamicTest> eachProfileWebhookReachesSegmentAsExactlyThisIdentify() {
    return profilePayloads().map(file -> DynamicTest.dynamicTest(file.getParent().getFileName() + "/" + file.getFileName(), () -> {
      String payload = new String(Conformance.read(file), StandardCharsets.UTF_8);
      String type = Json.MAPPER.readTree(payload).get("type").asText();
      String key = file.getParent().getFileName().toString().startsWith("snowplow") && type.equals("user_created") ? "snowplow " + type : type;
      try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok())) {
        WebhookHandlerIT.Setup setup = WebhookHandlerIT.handlerFor(elasticMq, segment, Duration.ofSeconds(5), ProfileWebhooks.FORWARD);
        APIGatewayV2HTTPResponse response = setup.handler().handleRequest(post(payload), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(Json.MAPPER.readTree("{\"success\":true,\"forwarded\":true,\"messageId\":\"" + MESSAGE_IDS.get(key) + "\",\"event\":\"Identify (" + type
            + ")\"}"), Json.MAPPER.readTree(response.getBody()));
        assertEquals(1, segment.received().size());
        JsonNode batch = Json.MAPPER.readTree(segment.received().get(0).body()).get("batch");
        assertEquals(Json.MAPPER.readTree("[{\"type\":\"identify\",\"userId\":\"123\",\"messageId\":\"" + MESSAGE_IDS.get(key) + "\","
            + "\"traits\":" + (type.equals("user_created") ? CREATED_TRAITS : UPDATED_TRAITS) + ","
            + "\"context\":{\"integration\":{\"name\":\"vero\"}},\"integrations\":{\"Vero\":false}}]"), batch);
        assertTrue(setup.logs().toString(StandardCharsets.UTF_8).contains("\"event\":\"Identify (" + type + ")\""));
      }
    }));
  }

  @Test
  void ignoredTheyAreAcknowledgedAndNothingReachesSegment() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok())) {
      WebhookHandlerIT.Setup setup = WebhookHandlerIT.handlerFor(elasticMq, segment, Duration.ofSeconds(5), ProfileWebhooks.IGNORE);
      APIGatewayV2HTTPResponse response = setup.handler().handleRequest(post(
          "{\"type\":\"user_updated\",\"user\":{\"id\":1},\"changes\":{\"_tags\":{\"add\":[\"a\"]}}}"), null);
      assertEquals("{\"success\":true,\"forwarded\":false,\"reason\":\"user_updated is acknowledged and not forwarded (VERO_PROFILE_WEBHOOKS is ignore)\"}",
          response.getBody());
      assertEquals(List.of(), segment.received());
    }
  }

  @Test
  void aChangedAttributeIsATraitAnUpdateNamingNoChangeIsAcknowledgedAndOneSegmentRefusesIsParked() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> r.body().contains("\"userId\":\"refused\"") ? Reply.status(400) : Reply.ok())) {
      WebhookHandlerIT.Setup setup = WebhookHandlerIT.handlerFor(elasticMq, segment, Duration.ofSeconds(5), ProfileWebhooks.FORWARD);
      setup.handler().handleRequest(post("{\"type\":\"user_updated\",\"user\":{\"id\":\"u-7\"},\"changes\":{\"plan\":\"pro\"}}"), null);
      JsonNode identify = Json.MAPPER.readTree(segment.received().get(0).body()).get("batch").get(0);
      assertEquals(Json.MAPPER.readTree("{\"plan\":\"pro\"}"), identify.get("traits"));
      assertEquals("u-7", identify.get("userId").asText());

      APIGatewayV2HTTPResponse nothing = setup.handler().handleRequest(post("{\"type\":\"user_updated\",\"user\":{\"id\":1},\"changes\":{}}"), null);
      assertEquals("{\"success\":true,\"forwarded\":false,\"reason\":\"user_updated names no change: nothing to forward\"}", nothing.getBody());
      assertEquals(1, segment.received().size());

      String refused = "{\"type\":\"user_created\",\"user\":{\"id\":\"refused\",\"email\":\"r@example.com\"}}";
      APIGatewayV2HTTPResponse parked = setup.handler().handleRequest(post(refused), null);
      assertTrue(parked.getBody().contains("\"parked\":true"), parked.getBody());
      assertEquals(refused, elasticMq.drain(setup.dlqUrl()).get(0).body(), "parked as it arrived, for webhooks resend");
    }
  }
}
