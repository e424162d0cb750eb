package dev.verodestination.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming walks the handler's real decision: if it broke, the SnapStart snapshot would fail to publish. */
class IngestPrimingTest {

  @Test
  void primingAcceptsItsIdentifyAndTrackAndSkipsTheRest() {
    List<AcceptedMessage> accepted = IngestPriming.run(3);
    assertEquals(2, accepted.size());
    assertEquals("priming", accepted.get(1).personId());
    assertTrue(accepted.get(1).body().contains("\"event\":\"Primed\""));
  }

  @Test
  void theWholeHandlerQueuesItsMessagesThroughTheSdkAtTheStandIn() {
    assertEquals(5, IngestPriming.throughHandler(5), "every round answered 200: the SDK took the stand-in's answers, digests included");
  }
}
