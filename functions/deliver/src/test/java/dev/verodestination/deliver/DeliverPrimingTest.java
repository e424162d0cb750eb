package dev.verodestination.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Priming walks the real mapping: if it broke, the SnapStart snapshot would fail to publish. */
class DeliverPrimingTest {

  @Test
  void primingMapsAndSerialisesEveryMessageByEverySectionOfTheTeamsMapping() {
    assertEquals(1057, DeliverPriming.run(1), "the identify, the track and its tags edit, the email-only lead and its audience's tag edit, "
        + "the order and its two products: eight bodies, token-free");
    assertEquals(3 * 1057, DeliverPriming.run(3));
  }

  @Test
  void theWholeHandlerDeliversItsBatchesThroughTheVeroClientAtTheStandIn() {
    assertEquals(4, DeliverPriming.throughHandler(4), "every batch ended with no failure");
  }
}
