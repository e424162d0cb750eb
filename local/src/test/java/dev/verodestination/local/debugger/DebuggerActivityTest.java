package dev.verodestination.local.debugger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The debugger's view built from what the queue took and the functions' own log lines. */
class DebuggerActivityTest {

  private static final String TRACK = "{\"type\":\"track\",\"userId\":\"u1\",\"messageId\":\"m1\",\"event\":\"Paid\",\"writeKey\":\"wk_secret\"}";

  @Test
  void aMessagesCallsAndFateFollowItsSqsIdEvenWhenDeliverLogsBeforeTheQueueingIsReported() {
    DebuggerActivity activity = new DebuggerActivity();
    activity.logLine("{\"message\":\"vero call\",\"messageId\":\"sqs-1\",\"call\":\"POST /events/track\",\"outcome\":\"permanent\","
        + "\"status\":400,\"millis\":12,\"attempt\":1,\"timestamp\":\"2026-11-29T10:00:00Z\"}");
    activity.queued("sqs-1", TRACK);
    activity.logLine("{\"message\":\"dead-lettered\",\"messageId\":\"sqs-1\",\"reason\":\"Vero answered 400\",\"status\":400}");
    activity.logLine("not json at all");

    JsonNode message = activity.snapshot().get("messages").get(0);
    assertEquals("m1", message.get("messageId").asText());
    assertEquals("Paid", message.get("event").asText());
    assertEquals("dead-lettered", message.get("fate").asText());
    assertEquals("Vero answered 400", message.get("reason").asText());
    assertEquals("POST", message.at("/calls/0/method").asText());
    assertEquals("/events/track", message.at("/calls/0/path").asText());
    assertEquals(400, message.at("/calls/0/status").asInt());
    assertEquals(false, message.toString().contains("wk_secret"), "no body, so no key a sender put in it");

    assertEquals("sqs-1", activity.sqsIdOf("m1", "u1"));
    activity.logLine("{\"message\":\"vero call\",\"messageId\":\"sqs-2\",\"call\":\"POST /events/track\",\"outcome\":\"delivered\","
        + "\"status\":200,\"millis\":9,\"attempt\":1}");
    activity.redriven("sqs-1", "sqs-2", "from its first Vero call");
    JsonNode redriven = activity.snapshot().get("messages").get(0);
    assertEquals("delivered", redriven.get("fate").asText());
    assertEquals(2, redriven.get("calls").size());
  }

  @Test
  void anIngestRequestGathersTheReasonsOfItsSkippedAndRejectedMessages() {
    DebuggerActivity activity = new DebuggerActivity();
    activity.logLine("{\"message\":\"message skipped\",\"requestId\":\"r1\",\"index\":0,\"kind\":\"integrations-off\","
        + "\"reason\":\"integrations turn Vero off\"}");
    activity.logLine("{\"message\":\"message rejected\",\"requestId\":\"r1\",\"index\":2,\"reason\":\"userId: must be a string\"}");
    activity.logLine("{\"message\":\"ingest request\",\"requestId\":\"r1\",\"path\":\"/v1/batch\",\"status\":200,\"accepted\":1,"
        + "\"skipped\":1,\"rejected\":1}");
    JsonNode request = activity.snapshot().get("requests").get(0);
    assertEquals("/v1/batch", request.get("path").asText());
    assertEquals(1, request.get("rejected").asInt());
    assertEquals("skipped", request.at("/reasons/0/outcome").asText());
    assertEquals("integrations-off", request.at("/reasons/0/kind").asText(), "the page reads the kind the function wrote, not the sentence");
    assertEquals("userId: must be a string", request.at("/reasons/1/reason").asText());
  }

  @Test
  void keepsOnlyTheLatestMessages() {
    DebuggerActivity activity = new DebuggerActivity();
    for (int i = 0; i < DebuggerActivity.KEEP_MESSAGES + 5; i++) {
      activity.queued("sqs-" + i, TRACK);
    }
    JsonNode messages = activity.snapshot().get("messages");
    assertEquals(DebuggerActivity.KEEP_MESSAGES, messages.size());
    assertEquals("sqs-" + (DebuggerActivity.KEEP_MESSAGES + 4), messages.get(0).get("sqsId").asText());
  }
}
