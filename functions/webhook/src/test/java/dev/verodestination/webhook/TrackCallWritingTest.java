package dev.verodestination.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.verodestination.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The track call is written straight from the payload: these are the exact bytes Segment receives. */
class TrackCallWritingTest {

  private static SegmentCall call(String payload) throws Exception {
    return assertInstanceOf(VeroWebhookMapping.Forward.class, VeroWebhookMapping.map(Json.MAPPER.readTree(payload))).call();
  }

  @Test
  void aBounceIsWrittenInTheSpecsOrderWithNumbersAsStringsAndTimesInIso() throws Exception {
    SegmentCall call = call("{\"type\":\"bounced\",\"bounced_at\":\"1795867090\",\"bounce_type\":\"hard\",\"bounce_code\":550,"
        + "\"bounce_message\":\"mailbox \\\"unknown\\\"\",\"user\":{\"id\":5150,\"email\":\" grace@example.org\"},"
        + "\"campaign\":{\"id\":\"4412\",\"campaign_title\":\"Été\",\"tags\":\" , a,b \"},"
        + "\"event\":{\"name\":\"signed up\",\"triggered_at\":1795867000}}");
    assertEquals("{\"type\":\"track\",\"event\":\"Email Bounced\",\"userId\":\"5150\",\"messageId\":\"" + call.messageId() + "\","
        + "\"timestamp\":\"2026-11-28T11:58:10Z\",\"properties\":{\"campaign_id\":\"4412\",\"campaign_name\":\"Été\","
        + "\"campaign_tags\":[\"a\",\"b\"],\"bounce_type\":\"hard\",\"bounce_code\":\"550\","
        + "\"bounce_message\":\"mailbox \\\"unknown\\\"\",\"event_name\":\"signed up\",\"event_triggered_at\":\"2026-11-28T11:56:40Z\"},"
        + "\"context\":{\"traits\":{\"email\":\"grace@example.org\"}},\"integrations\":{\"Vero\":false}}",
        new String(call.json(), StandardCharsets.UTF_8));
    assertEquals("Email Bounced", call.event());
    assertEquals(45, call.messageId().length(), "vero- and 40 hex digits");
  }

  @Test
  void withoutAUserIdTheEmailIsTheAnonymousIdAndContextStaysAnObject() throws Exception {
    SegmentCall call = call("{\"type\":\"sent\",\"user\":{\"email\":\"a@example.com\"},\"campaign\":{}}");
    assertEquals("{\"type\":\"track\",\"event\":\"Email Sent\",\"anonymousId\":\"a@example.com\",\"messageId\":\"" + call.messageId()
        + "\",\"properties\":{},\"context\":{\"traits\":{\"email\":\"a@example.com\"}},\"integrations\":{\"Vero\":false}}",
        new String(call.json(), StandardCharsets.UTF_8));
  }

  @Test
  void segmentsBodyIsABatchOfTheCallAsWrittenWithTheTimeOfTheTry() throws Exception {
    SegmentCall call = call("{\"type\":\"opened\",\"user\":{\"id\":\"u\"}}");
    assertEquals("{\"batch\":[" + new String(call.json(), StandardCharsets.UTF_8) + "],\"sentAt\":\"2026-11-29T06:00:00.250Z\"}",
        new String(SegmentClient.body(call, Instant.parse("2026-11-29T06:00:00.250Z")), StandardCharsets.UTF_8));
  }
}
