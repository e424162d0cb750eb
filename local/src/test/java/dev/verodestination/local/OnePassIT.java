package dev.verodestination.local;

import static dev.verodestination.testing.Eventually.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.local.OperatorCommandsIT.Ran;
import dev.verodestination.testing.FakeHttpServer;
import dev.verodestination.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #24, finding 4: `dlq redrive` and `webhooks resend` walked the queue they refilled, so a
 * letter that failed again came round forever (a bad tags option: 42,775 dead-letter lines in 13
 * minutes). Each now makes one pass over what was there when it started.
 */
class OnePassIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String TOKEN = "hook_one_pass_test_3c1d";

  @Test
  void aRedriveOfALetterThatFailsAgainEndsAfterOnePass() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of())) {
      assertEquals(200, pipeline.post("/v1/track", "{\"userId\":\"dana\",\"messageId\":\"d-1\",\"event\":\"Tagged\","
          + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"bogus\",\"values\":[\"x\"]}}}}").statusCode());
      waitFor("the bad tags option dead-lettered", PATIENCE, () -> pipeline.runner.counters().deadLettered() == 1);

      Ran redrive = assertTimeoutPreemptively(PATIENCE, () -> OperatorCommandsIT.operator(pipeline, "dlq", "redrive", "--json"));
      assertEquals(0, redrive.exit(), redrive.err());
      assertEquals(1, redrive.json().get("redriven").asInt(), redrive.out());
      waitFor("dead-lettered again, once", PATIENCE, () -> pipeline.runner.counters().deadLettered() == 2);
      assertEquals(1, OperatorCommandsIT.operator(pipeline, "dlq", "list", "--json").json().get("deadLetters").size(),
          "the letter is back in the DLQ, once, and nothing holds it");
      Ran again = assertTimeoutPreemptively(PATIENCE, () -> OperatorCommandsIT.operator(pipeline, "dlq", "redrive", "--json"));
      assertEquals(1, again.json().get("redriven").asInt(), "a second pass takes it again: it was released, not held");
    }
  }

  @Test
  void aResendOfAWebhookThatParksAgainEndsAfterOnePass() throws Exception {
    try (FakeHttpServer vero = new FakeHttpServer(r -> Reply.ok());
         FakeHttpServer segment = new FakeHttpServer(r -> Reply.status(400));
         Pipeline pipeline = new Pipeline(URI.create(vero.baseUri() + "/api/v2"), Map.of("VERO_WEBHOOK_TOKEN", TOKEN,
             "SEGMENT_WRITE_KEY", "seg_wk_one_pass_test", "SEGMENT_API_URL", segment.baseUri() + "/v1"))) {
      String payload = "{\"type\":\"opened\",\"opened_at\":1795867060,\"user\":{\"id\":\"ola\",\"email\":\"ola@example.com\"},"
          + "\"campaign\":{\"id\":5,\"name\":\"Once\"},\"message_id\":\"<once-1@mail>\"}";
      assertTrue(pipeline.post("/webhooks/vero/" + TOKEN, payload).body().contains("\"parked\":true"));

      Ran resend = assertTimeoutPreemptively(PATIENCE, () -> OperatorCommandsIT.operator(pipeline, "webhooks", "resend", "--json"));
      assertEquals(0, resend.exit(), resend.err());
      assertEquals(1, resend.json().get("webhooks").size(), resend.out());
      assertEquals(1, resend.json().get("parkedAgain").asInt(), resend.out());
      assertEquals(1, OperatorCommandsIT.operator(pipeline, "webhooks", "list", "--json").json().get("parkedWebhooks").size(),
          "parked again, once");
      assertEquals(2, segment.received().size(), "Segment was asked twice in all: once by the webhook, once by the resend");
    }
  }
}
