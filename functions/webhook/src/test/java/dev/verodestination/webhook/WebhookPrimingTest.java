package dev.verodestination.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Priming walks the handler's real intake: if it broke, the SnapStart snapshot would fail to publish. */
class WebhookPrimingTest {

  @Test
  void primingForwardsItsClickThroughTheIntakeAndSerialisesIt() {
    int once = WebhookPriming.run(1);
    assertTrue(once > 200, "the Email Link Clicked message serialised: " + once);
    assertTrue(WebhookPriming.run(3) == 3 * once);
  }

  @Test
  void theWholeHandlerForwardsThroughTheSegmentClientAtTheStandIn() {
    assertEquals(4, WebhookPriming.throughHandler(4), "every round forwarded");
  }
}
