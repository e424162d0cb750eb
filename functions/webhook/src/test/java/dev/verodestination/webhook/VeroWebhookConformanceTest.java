package dev.verodestination.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.segment.Integrations;
import dev.verodestination.segment.MessageRules;
import dev.verodestination.testing.Conformance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Vero's webhook payloads, all four sets (../shared/conformance/vero-webhooks). */
class VeroWebhookConformanceTest {

  private static final List<String> SETS = List.of("docs-2015", "vero-site-2021", "activepieces-sampledata", "snowplow-enrich-tests");

  /** The Email Spec's property names, and Vero's campaign fields beside them. */
  private static final Set<String> KNOWN_PROPERTIES = Set.of("email_id", "email_subject", "campaign_id", "campaign_name",
      "campaign_type", "campaign_group", "campaign_channel", "campaign_variation", "campaign_template", "campaign_permalink",
      "campaign_trigger_event", "campaign_locale", "campaign_tags", "sent_to", "link_url", "bounce_type", "bounce_code",
      "bounce_message", "event_name", "event_triggered_at");

  private static List<Path> payloads() {
    List<Path> all = new ArrayList<>();
    SETS.forEach(set -> all.addAll(Conformance.files("vero-webhooks/" + set, ".json")));
    return all;
  }

  @TestFactory
  Stream<DynamicTest> everyPayloadMapsToAValidEmailSpecTrackCallOrIsAcknowledged() {
    return payloads().stream().map(file -> DynamicTest.dynamicTest(file.getParent().getFileName() + "/" + file.getFileName(), () -> {
      byte[] raw = Conformance.read(file);
      JsonNode payload = Json.MAPPER.readTree(raw);
      String type = payload.get("type").asText();
      VeroWebhookMapping.Result result = VeroWebhookMapping.map(payload);
      if (type.startsWith("user_")) {
        assertEquals(new VeroWebhookMapping.Acknowledge(type + " is acknowledged and not forwarded (VERO_PROFILE_WEBHOOKS is ignore)"), result);
        return;
      }
      ObjectNode message = message(result);
      if (MessageRules.check(message) instanceof MessageRules.Invalid(String error)) {
        fail("passes this project's own ingest validation: " + error);
      }
      assertEquals("track", message.get("type").asText());
      assertEquals(VeroWebhookMapping.EVENT_NAMES.get(type), message.get("event").asText());
      assertEquals("123", message.get("userId").asText(), "numeric user ids become strings");
      assertEquals("steve@getvero.com", message.at("/context/traits/email").asText(), "values are trimmed");
      assertFalse(Integrations.veroEnabled(message), "never loops back to Vero");
      assertTrue(message.get("messageId").asText().matches("vero-[0-9a-f]{40}"));
      if (payload.has(type + "_at")) {
        assertEquals("2015-06-22T23:37:18Z", message.get("timestamp").asText());
      }
      JsonNode properties = message.get("properties");
      Set<String> names = new HashSet<>();
      properties.fieldNames().forEachRemaining(names::add);
      assertTrue(KNOWN_PROPERTIES.containsAll(names), "unexpected properties " + names);
      for (Iterator<JsonNode> values = properties.elements(); values.hasNext(); ) {
        JsonNode value = values.next();
        if (value.isTextual()) {
          assertEquals(value.asText().trim(), value.asText(), "trimmed");
        }
      }
      JsonNode campaign = payload.path("campaign");
      if (campaign.has("id")) {
        assertEquals("987", properties.get("campaign_id").asText());
        assertEquals("Order confirmation", properties.get("campaign_name").asText());
        assertTrue(properties.get("email_subject").asText().startsWith("Your order is being processed"));
        assertEquals("purchased item", properties.get("campaign_trigger_event").asText());
      }
      if (campaign.has("campaign_title")) {
        assertEquals("Order confirmation", properties.get("campaign_name").asText());
        assertEquals("Order Tracking", properties.get("campaign_group").asText());
        assertEquals("Control", properties.get("campaign_variation").asText());
        assertEquals("Order Template", properties.get("campaign_template").asText());
        assertEquals("20190730123456.1.1B72E094173067F0F@veromail.com", properties.get("email_id").asText());
      }
      if (payload.has("message_id")) {
        assertEquals(payload.get("message_id").asText(), properties.get("email_id").asText());
      }
      if (type.equals("bounced")) {
        assertEquals("hard", properties.get("bounce_type").asText());
        if (payload.has("bounce_code")) {
          assertTrue(properties.get("bounce_code").isTextual(), "number or string, always a string");
          assertEquals(payload.get("bounce_code").asText(), properties.get("bounce_code").asText());
        }
      }
      if (payload.has("event")) {
        assertEquals("Test event", properties.get("event_name").asText());
        assertEquals("2015-02-15T14:57:18Z", properties.get("event_triggered_at").asText());
      }
      if (payload.has("user_agent")) {
        assertEquals(payload.get("user_agent").asText(), message.at("/context/userAgent").asText());
      }
    }));
  }

  @Test
  void tagsBecomeAListAndTheSameWebhookAlwaysGetsTheSameMessageId() throws Exception {
    byte[] raw = Conformance.read(Conformance.dir("vero-webhooks/snowplow-enrich-tests").resolve("opened.json"));
    ObjectNode first = message(VeroWebhookMapping.map(Json.MAPPER.readTree(raw)));
    byte[] resent = Conformance.read(Conformance.dir("vero-webhooks/snowplow-enrich-tests").resolve("opened.json"));
    ObjectNode again = message(VeroWebhookMapping.map(Json.MAPPER.readTree(resent)));
    assertEquals(Json.MAPPER.readTree("[\"tag 1\",\"tag 2\"]"), first.at("/properties/campaign_tags"));
    assertEquals(first.get("messageId"), again.get("messageId"));
    ObjectNode otherLink = message(mapText(
        "{\"type\":\"clicked\",\"clicked_at\":1,\"user\":{\"id\":1},\"link_url\":\"https://a.test\"}"));
    ObjectNode sameLinkReformatted = message(mapText(
        "{ \"link_url\": \"https://a.test\", \"user\": {\"id\": 1}, \"type\": \"clicked\", \"clicked_at\": 1 }"));
    ObjectNode secondLink = message(mapText(
        "{\"type\":\"clicked\",\"clicked_at\":1,\"user\":{\"id\":1},\"link_url\":\"https://b.test\"}"));
    assertEquals(otherLink.get("messageId"), sameLinkReformatted.get("messageId"), "formatting does not change the event");
    assertFalse(otherLink.get("messageId").equals(secondLink.get("messageId")), "another link is another event");
  }

  /** The forwarded call read back as a tree; its messageId and event are the ones the handler logs. */
  static ObjectNode message(VeroWebhookMapping.Result result) throws Exception {
    SegmentCall call = assertInstanceOf(VeroWebhookMapping.Forward.class, result).call();
    ObjectNode message = (ObjectNode) Json.MAPPER.readTree(call.json());
    assertEquals(message.get("messageId").asText(), call.messageId());
    assertEquals(message.get("event").asText(), call.event());
    return message;
  }

  private static VeroWebhookMapping.Result mapText(String json) throws Exception {
    return VeroWebhookMapping.map(Json.MAPPER.readTree(json));
  }

  @Test
  void unknownTypesAreAcknowledgedAndPayloadsWithoutAPersonCannotBeForwarded() throws Exception {
    assertEquals(new VeroWebhookMapping.Acknowledge("unknown Vero webhook type \"survey_answered\" is acknowledged and not forwarded"),
        mapText("{\"type\":\"survey_answered\"}"));
    assertInstanceOf(VeroWebhookMapping.Unforwardable.class, mapText("{\"type\":\"opened\"}"));
    ObjectNode anonymous = message(mapText(
        "{\"type\":\"complained\",\"user\":{\"email\":\" a@example.com \"},\"link_url\":\"https://x.test\"}"));
    assertEquals("Email Marked as Spam", anonymous.get("event").asText());
    assertEquals("a@example.com", anonymous.get("anonymousId").asText());
    assertFalse(anonymous.has("userId"));
    assertEquals("https://x.test", anonymous.at("/properties/link_url").asText());
  }

  @org.junit.jupiter.api.Test
  void aHugeExponentAsTheUserIdIsParkedWithAReasonNotWrittenOut() throws Exception {
    // issue #11, defect 1: the same 11 characters in a webhook's user.id ran the function out of memory
    assertEquals(new VeroWebhookMapping.Unforwardable("user.id is a number whose digits would be longer than an id can be (255 characters)"),
        VeroWebhookMapping.map(dev.verodestination.json.Json.MAPPER.readTree(
            "{\"type\":\"opened\",\"user\":{\"id\":1e999999999,\"email\":\"a@example.com\"}}")));
  }
}
