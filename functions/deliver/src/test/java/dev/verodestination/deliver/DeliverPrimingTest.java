package dev.verodestination.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Priming walks the real mapping: if it broke, the SnapStart snapshot would fail to publish. */
class DeliverPrimingTest {

  @Test
  void primingMapsAndSerialisesTheIdentifyTheTrackAndItsTagsCall() {
    assertEquals(279, DeliverPriming.run(1), "the users/track, events/track and tags/edit bodies, token-free");
    assertEquals(3 * 279, DeliverPriming.run(3));
  }

  @Test
  void theWholeHandlerDeliversItsBatchesThroughTheVeroClientAtTheStandIn() {
    assertEquals(4, DeliverPriming.throughHandler(4), "every batch ended with no failure");
  }
}
