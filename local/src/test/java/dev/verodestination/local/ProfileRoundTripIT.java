package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The loop a profile webhook could start, closed: an identify reaches Vero through the runner; this fake
 * Vero answers each users/track with a user_updated webhook to the runner, as Vero does; the webhook's
 * identify goes to a fake Segment, which sends it back into the runner's ingest as a Segment source
 * sending to this deployment would. Ingest skips it as Vero's own: one call each way, and no more.
 */
class ProfileRoundTripIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String HOOK_TOKEN = "hook_round_trip_test_7c1e";
  private static final String SEGMENT_KEY = "seg_wk_round_trip_test";

  @Test
  void anIdentifyVeroReportsBackReturnsToIngestOnceAndStopsThere() throws Exception {
    AtomicReference<Pipeline> runner = new AtomicReference<>();
    ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    try (FakeHttpServer vero = new FakeHttpServer(request -> {
          if (VeroFakes.isProbe(request)) {
            return VeroFakes.probeAnswer();
          }
          if (request.path().endsWith("/users/track")) {
            JsonNode user = request.json();
            String tag = user.path("data").path("plan").asText();
            callers.submit(() -> runner.get().post("/webhooks/vero/" + HOOK_TOKEN, "{\"type\":\"user_updated\",\"user\":{\"id\":\""
                + user.path("id").asText() + "\",\"email\":\"" + user.path("email").asText() + "\"},\"changes\":{\"_tags\":{\"add\":[\""
                + tag + "-customer\"]}}}"));
          }
          return Reply.ok();
        });
         FakeHttpServer segment = new FakeHttpServer(request -> {
           callers.submit(() -> runner.get().post("/v1/batch", request.body()));
           return Reply.ok();
         });
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("VERO_WEBHOOK_TOKEN", HOOK_TOKEN,
             "SEGMENT_WRITE_KEY", SEGMENT_KEY, "SEGMENT_API_URL", segment.baseUri() + "/v1", "VERO_PROFILE_WEBHOOKS", "forward"))) {
      runner.set(pipeline);
      assertEquals(200, pipeline.post("/v1/identify", "{\"userId\":\"ada\",\"messageId\":\"m-1\","
          + "\"traits\":{\"email\":\"ada@example.com\",\"plan\":\"pro\"}}").statusCode());

      waitFor("Vero's identify skipped at ingest", PATIENCE, () -> pipeline.log().contains("\"reason\":\"from Vero: a profile change Vero sent"));
      // time for a second lap, had the loop stayed open
      Thread.sleep(2000);
      assertEquals(List.of("POST /api/v2/users/track"),
          VeroFakes.messageCalls(vero.received()).stream().map(r -> r.method() + " " + r.path()).toList(), "Vero got the identify once");
      assertEquals(1, segment.received().size(), "Segment got Vero's change once");
      JsonNode identify = Json.MAPPER.readTree(segment.received().get(0).body()).get("batch").get(0);
      assertEquals(Json.MAPPER.readTree("{\"email\":\"ada@example.com\",\"vero_tag_pro-customer\":true}"), identify.get("traits"));
      assertEquals("ada", identify.get("userId").asText());
      assertEquals(1, pipeline.log().split("\"reason\":\"from Vero: a profile change Vero sent", -1).length - 1,
          "ingest skipped it once: " + pipeline.log());
      assertTrue(pipeline.log().contains("\"Reason\":\"from-vero\""), "counted under its own reason");
      assertEquals(0, pipeline.runner.counters().deadLettered());
      assertEquals(List.of(), dev.verodestination.testing.QueueReader.drain(pipeline.runner.sqs(), pipeline.runner.dlqUrl()));
    } finally {
      callers.shutdownNow();
    }
  }
}
