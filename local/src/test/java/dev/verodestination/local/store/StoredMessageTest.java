package dev.verodestination.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elasticmq.actor.queue.InternalMessage;
import org.junit.jupiter.api.Test;

class StoredMessageTest {

  static StoredMessage message(String id, String group, String created, int orderIndex, long nextDelivery) {
    return new StoredMessage(id, "{\"event\":\"" + id + "\"}",
        List.of(new StoredMessage.Attribute("reason", "String", "vero answered 400", null),
            new StoredMessage.Attribute("attempts", "Number", "3", "int"),
            new StoredMessage.Attribute("raw", "Binary", "AAEC/w==", null)),
        created, orderIndex, nextDelivery, 2, 1_796_554_000_000L, group, group + "/" + id, null, "41", null,
        List.of("receipt-1", "receipt-2"));
  }

  @Test
  void everyFieldSurvivesTheTripThroughElasticMq() {
    StoredMessage stored = message("m1", "user-1", "2026-12-06T10:55:57.151972222Z", 3, 1_000L);
    InternalMessage internal = stored.toInternal(true, 5_000L);
    assertEquals(stored, StoredMessage.of(internal));
    assertTrue(internal.isFifo());
    assertEquals("user-1/m1", internal.messageDeduplicationId().get().id());
  }

  @Test
  void aMessageInFlightOrWaitingOutARetryIsVisibleAtOnceAfterARestart() {
    StoredMessage inFlight = message("m1", "user-1", "2026-12-06T10:55:57Z", 0, 9_000L);
    assertEquals(5_000L, inFlight.toInternal(true, 5_000L).nextDelivery());
    assertEquals(1_000L, message("m2", "user-1", "2026-12-06T10:55:57Z", 0, 1_000L).toInternal(true, 5_000L).nextDelivery());
  }

  @Test
  void aGroupComesBackInTheOrderItWasSentNotInTheOrderItBecomesVisible() {
    // ElasticMQ's own store restored these as non-FIFO, ordered by next delivery: the later message first
    InternalMessage first = message("first", "user-1", "2026-12-06T10:55:57.000000100Z", 0, 9_000L).toInternal(true, 20_000L);
    InternalMessage sameInstantNextInBatch = message("second", "user-1", "2026-12-06T10:55:57.000000100Z", 1, 1_000L)
        .toInternal(true, 20_000L);
    InternalMessage later = message("third", "user-1", "2026-12-06T10:55:57.000000200Z", 0, 500L).toInternal(true, 20_000L);
    // a priority queue serves the greatest first
    assertTrue(first.compareTo(sameInstantNextInBatch) > 0);
    assertTrue(sameInstantNextInBatch.compareTo(later) > 0);
  }
}
