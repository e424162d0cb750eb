package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through the local runner: a Vero webhook becomes one Segment /v1/batch call, and that very call,
 * when Segment sends it on to this project's ingest, is skipped and never reaches Vero.
 */
class WebhookLoopIT {

  private static final String HOOK_TOKEN = "hook_loop_test_31f9";

  @Test
  void aWebhookEventSentBackIntoIngestIsSkippedAndNeverDeliveredToVero() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok());
         FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of(
             "VERO_WEBHOOK_TOKEN", HOOK_TOKEN,
             "SEGMENT_WRITE_KEY", "seg_wk_loop_test",
             "SEGMENT_API_URL", segment.baseUri() + "/v1"))) {
      String opened = "{\"type\":\"opened\",\"opened_at\":1795867060,\"user\":{\"id\":77,\"email\":\"loop@example.com\"},"
          + "\"campaign\":{\"id\":5,\"name\":\"Loop check\",\"subject\":\"Hello\"},\"message_id\":\"<loop-1@mail.example.com>\"}";
      HttpResponse<String> webhook = pipeline.post("/webhooks/vero/" + HOOK_TOKEN, opened);
      assertEquals(200, webhook.statusCode(), webhook.body());

      assertEquals(1, segment.received().size());
      assertEquals("POST /v1/batch", segment.received().get(0).method() + " " + segment.received().get(0).path());
      JsonNode batch = Json.MAPPER.readTree(segment.received().get(0).body());
      JsonNode message = batch.get("batch").get(0);
      assertEquals("Email Opened", message.get("event").asText());
      assertEquals("77", message.get("userId").asText());
      assertEquals("Loop check", message.at("/properties/campaign_name").asText());
      assertEquals(false, message.at("/integrations/Vero").asBoolean(true));

      // Segment forwards what it received to every destination, this project's ingest among them
      HttpResponse<String> ingest = pipeline.post("/v1/batch", segment.received().get(0).body());
      assertEquals(200, ingest.statusCode());
      assertEquals("{\"success\":true,\"accepted\":0,\"skipped\":[{\"index\":0,\"reason\":\"integrations turn Vero off\"}],"
          + "\"rejected\":[]}", ingest.body());
      // a control event behind it does reach Vero, so the silence above is not an idle pipeline
      assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"77\",\"event\":\"Control\"}").statusCode());
      waitFor("the control event", Duration.ofSeconds(30), () -> vero.processed().size() == 1);
      assertTrue(vero.processed().get(0).body().contains("\"event_name\":\"Control\""));
      assertEquals(List.of(), vero.received().stream().filter(r -> r.body().contains("Email Opened")).toList());
    }
  }

  @Test
  void aWrongTokenIsRefusedAndNothingIsForwarded() throws Exception {
    try (FakeHttpServer segment = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create("http://127.0.0.1:9/api/v2"), Map.of(
             "VERO_WEBHOOK_TOKEN", HOOK_TOKEN, "SEGMENT_WRITE_KEY", "k", "SEGMENT_API_URL", segment.baseUri() + "/v1"))) {
      assertEquals(401, pipeline.post("/webhooks/vero/not-it", "{\"type\":\"opened\",\"user\":{\"id\":1}}").statusCode());
      assertEquals(401, pipeline.post("/webhooks/vero/", "{\"type\":\"opened\",\"user\":{\"id\":1}}").statusCode());
      assertEquals(List.of(), segment.received());
    }
  }
}
