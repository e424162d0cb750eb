package dev.verodestination.local.dryrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DryRunLinesTest {

  private static final String HEAD = "{\"timestamp\":\"2026-12-07T11:00:00.000Z\",\"level\":\"INFO\",\"component\":\"deliver\","
      + "\"requestId\":\"0be9d0cf-1111-2222-3333-444455556666\",\"functionVersion\":\"$LATEST\",";
  private static final String OUTAGES = "{\"Namespace\":\"VeroDestination\",\"Dimensions\":[[\"Function\"]],\"Metrics\":["
      + "{\"Name\":\"VeroUnreachable\",\"Unit\":\"Count\"},{\"Name\":\"VeroCredentialRejected\",\"Unit\":\"Count\"},"
      + "{\"Name\":\"VeroRateLimited\",\"Unit\":\"Count\"}]}";
  private static final String CALLS = "{\"Namespace\":\"VeroDestination\",\"Dimensions\":[[\"Call\",\"Function\",\"StatusClass\"]],"
      + "\"Metrics\":[{\"Name\":\"VeroCalls\",\"Unit\":\"Count\"},{\"Name\":\"VeroLatency\",\"Unit\":\"Milliseconds\"}]}";

  private final Function<String, Optional<String>> vero = DryRunLines.of(true, false);
  private final Function<String, Optional<String>> segment = DryRunLines.of(false, true);

  @Test
  void aCallVeroTookIsACallPrintedWithNoStatus() {
    String call = HEAD + "\"message\":\"vero call\",\"messageId\":\"207ba981\",\"segmentMessageId\":\"m-1\",\"call\":\"POST /users/track\","
        + "\"millis\":1,\"attempt\":1,\"outcome\":\"delivered\",\"status\":200}";
    assertEquals(Optional.of(HEAD + "\"message\":\"vero call\",\"messageId\":\"207ba981\",\"segmentMessageId\":\"m-1\","
        + "\"call\":\"POST /users/track\",\"millis\":1,\"attempt\":1,\"outcome\":\"dry-run\"}"), vero.apply(call));
  }

  @Test
  void aBatchsDeliveredMessagesAreItsDryRunWithoutTheirIdsOrTheCallsMetrics() {
    String batch = HEAD + "\"message\":\"batch done\",\"received\":2,\"users\":1,\"delivered\":2,\"deadLettered\":0,\"retrying\":0,"
        + "\"heldBack\":0,\"skipped\":0,\"vero\":\"ok\",\"deliveredIds\":[\"m-1\",\"m-2\"],\"_aws\":{\"Timestamp\":1796643696000,"
        + "\"CloudWatchMetrics\":[" + OUTAGES + "," + CALLS + "]},\"Function\":\"deliver\",\"VeroUnreachable\":0.0,"
        + "\"VeroCredentialRejected\":0.0,\"VeroRateLimited\":0.0,\"Call\":\"POST /users/track\",\"StatusClass\":\"2xx\","
        + "\"VeroCalls\":2.0,\"VeroLatency\":[1,3]}";
    assertEquals(Optional.of(HEAD + "\"message\":\"batch done\",\"received\":2,\"users\":1,\"delivered\":0,\"dryRun\":2,"
        + "\"deadLettered\":0,\"retrying\":0,\"heldBack\":0,\"skipped\":0,\"vero\":\"ok\",\"_aws\":{\"Timestamp\":1796643696000,"
        + "\"CloudWatchMetrics\":[" + OUTAGES + "]},\"Function\":\"deliver\",\"VeroUnreachable\":0.0,\"VeroCredentialRejected\":0.0,"
        + "\"VeroRateLimited\":0.0}"), vero.apply(batch));
  }

  @Test
  void aMetricsLineOfCallsAloneIsDroppedAndAnyOtherIsLeftAsWritten() {
    String calls = HEAD + "\"message\":\"metrics\",\"_aws\":{\"Timestamp\":1796643696000,\"CloudWatchMetrics\":[" + CALLS + "]},"
        + "\"Call\":\"PUT /users/reidentify\",\"Function\":\"deliver\",\"StatusClass\":\"2xx\",\"VeroCalls\":1.0,\"VeroLatency\":2.0}";
    assertEquals(Optional.empty(), vero.apply(calls));
    String retries = HEAD + "\"message\":\"metrics\",\"_aws\":{\"Timestamp\":1796643696000,\"CloudWatchMetrics\":["
        + "{\"Namespace\":\"VeroDestination\",\"Dimensions\":[[\"Function\"]],\"Metrics\":[{\"Name\":\"Retries\",\"Unit\":\"Count\"}]}]},"
        + "\"Function\":\"deliver\",\"Retries\":1.0}";
    assertSame(retries, vero.apply(retries).orElseThrow());
  }

  @Test
  void aWebhookSegmentTookIsOnePrintedNotForwarded() {
    String head = "{\"timestamp\":\"2026-12-07T11:00:00.000Z\",\"level\":\"INFO\",\"component\":\"webhook\",\"message\":\"vero webhook\","
        + "\"status\":200,";
    String tail = "\"_aws\":{\"Timestamp\":1796643696000,\"CloudWatchMetrics\":[{\"Namespace\":\"VeroDestination\","
        + "\"Dimensions\":[[\"Event\",\"Function\",\"Outcome\"]],\"Metrics\":[{\"Name\":\"WebhookEvents\",\"Unit\":\"Count\"}]}]},"
        + "\"Event\":\"Email Opened\",\"Function\":\"webhook\",\"Outcome\":";
    String forwarded = head + "\"forwarded\":true,\"parked\":false,\"reason\":\"\",\"messageId\":\"vero-80cc\",\"event\":\"Email Opened\","
        + tail + "\"forwarded\",\"WebhookEvents\":1.0}";
    assertEquals(Optional.of(head + "\"forwarded\":false,\"parked\":false,\"reason\":\"\",\"messageId\":\"vero-80cc\","
        + "\"event\":\"Email Opened\",\"dryRun\":true," + tail + "\"dry-run\",\"WebhookEvents\":1.0}"), segment.apply(forwarded));
    String parked = head + "\"forwarded\":false,\"parked\":true,\"reason\":\"Segment answered 400\"," + tail + "\"parked\",\"WebhookEvents\":1.0}";
    assertSame(parked, segment.apply(parked).orElseThrow());
  }

  @Test
  void onlyTheSideWithoutACredentialIsRetold() {
    String call = HEAD + "\"message\":\"vero call\",\"call\":\"POST /users/track\",\"outcome\":\"delivered\",\"status\":200}";
    assertSame(call, segment.apply(call).orElseThrow(), "Vero has a credential: its calls were sent");
    String ingest = "{\"level\":\"INFO\",\"component\":\"ingest\",\"message\":\"request\",\"status\":200}";
    assertSame(ingest, vero.apply(ingest).orElseThrow());
    assertSame(call, DryRunLines.of(false, false).apply(call).orElseThrow());
  }

  @Test
  void aLineThatChangedShapeIsRefusedNamingTheFieldRatherThanCalledADryRunsLine() {
    String batch = HEAD + "\"message\":\"batch done\",\"received\":1,\"sent\":1}";
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> vero.apply(batch));
    assertEquals("the runner's dry run cannot show a deliver line \"batch done\" without its field \"delivered\": the function's line "
        + "changed", refused.getMessage());
  }
}
