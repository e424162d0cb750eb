package dev.verodestination.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.queue.FifoMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priming walks the real hot paths: if one of them broke, the SnapStart snapshot would fail to publish. */
class PrimingTest {

  @Test
  void ingestPrimingAcceptsItsIdentifyAndTrackAndSkipsTheRest() {
    List<FifoMessage> accepted = Priming.ingest(3);
    assertEquals(2, accepted.size());
    assertTrue(accepted.get(1).body().contains("\"event\":\"Primed\""));
  }

  @Test
  void deliverAndWebhookPrimingMapAndSerialise() {
    assertTrue(Priming.deliver(2) > 300, "identify, track and its tags call serialised twice");
    assertTrue(Priming.webhook(2) > 200);
  }

  @Test
  void theHookRegistersOnAJvmWithoutCrac() {
    assertTrue(PrimingHook.register(() -> { }) != null);
  }
}
