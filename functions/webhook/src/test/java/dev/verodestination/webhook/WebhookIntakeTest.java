package dev.verodestination.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.verodestination.json.Json;
import dev.verodestination.testing.ApiGatewayEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook intake is pure: each request becomes one decision, tested without any server. */
class WebhookIntakeTest {

  private static final String TOKEN = "hook_token_intake_test";
  private final WebhookIntake intake = new WebhookIntake(TOKEN, ProfileWebhooks.IGNORE);

  private static APIGatewayV2HTTPEvent post(String token, String body) {
    return ApiGatewayEvents.post(WebhookIntake.ROUTE_PREFIX + token, body, Map.of("content-type", "application/json"));
  }

  @Test
  void anEmailEventIsForwardedAsATrackCallAndKeepsItsRawPayloadForParking() throws Exception {
    String raw = "{ \"type\": \"opened\", \"opened_at\": 1795867060, \"user\": {\"id\": 7, \"email\": \"a@example.com\"} }";
    WebhookDecision.Forward forward = assertInstanceOf(WebhookDecision.Forward.class, intake.decide(post(TOKEN, raw)));
    assertEquals("Email Opened", forward.call().event());
    assertEquals("7", Json.MAPPER.readTree(forward.call().json()).get("userId").asText());
    assertEquals(raw, forward.rawPayload(), "byte for byte, spaces included");
  }

  @Test
  void userEventsAreAcknowledgedAndPayloadsWithoutAPersonAreParked() {
    assertEquals(new WebhookDecision.Acknowledged("user_created is acknowledged and not forwarded (VERO_PROFILE_WEBHOOKS is ignore)"),
        intake.decide(post(TOKEN, "{\"type\":\"user_created\",\"user\":{\"id\":1}}")));
    String anonymous = "{\"type\":\"sent\",\"user\":{}}";
    assertEquals(new WebhookDecision.Park(anonymous,
        "payload has neither user.id nor user.email: Segment needs one to identify the person"), intake.decide(post(TOKEN, anonymous)));
  }

  @Test
  void eachRefusalNamesTheProblem() {
    assertEquals(new WebhookDecision.Refused(401, "unknown webhook token"), intake.decide(post("other", "{}")));
    assertEquals(new WebhookDecision.Refused(405, "method GET is not allowed: use POST"),
        intake.decide(ApiGatewayEvents.request("GET", WebhookIntake.ROUTE_PREFIX + TOKEN, null, false, Map.of())));
    assertEquals(new WebhookDecision.Refused(400, "payload must be a JSON object with a \"type\""), intake.decide(post(TOKEN, "[1]")));
    assertEquals(new WebhookDecision.Refused(400, "body is marked base64 but is not valid base64"),
        intake.decide(ApiGatewayEvents.request("POST", WebhookIntake.ROUTE_PREFIX + TOKEN, "%%%", true, Map.of())));
    WebhookDecision.Refused tooLarge = assertInstanceOf(WebhookDecision.Refused.class,
        intake.decide(post(TOKEN, "{\"x\":\"" + "y".repeat(WebhookIntake.MAX_BODY_BYTES) + "\"}")));
    assertEquals(413, tooLarge.status());
  }
}
