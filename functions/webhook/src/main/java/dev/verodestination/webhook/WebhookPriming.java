package dev.verodestination.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.verodestination.json.Json;
import java.util.Map;

/**
 * What a SnapStart snapshot of the webhook function should hold loaded, linked and compiled: the
 * handler's own intake (token, parse, map to an Email Spec track call) on a made-up event, and the
 * message serialised as the Segment client sends it; no network, nothing kept.
 */
public final class WebhookPriming {

  private static final String TOKEN = "priming-only-token";
  private static final String WEBHOOK = "{\"type\":\"clicked\",\"clicked_at\":1767225600,\"user\":{\"id\":1,\"email\":\" p@example.com\"},"
      + "\"campaign\":{\"id\":2,\"name\":\"P\",\"subject\":\"S\",\"tags\":\"a, b\"},\"message_id\":\"m\",\"link_url\":\"https://p.test\"}";

  private WebhookPriming() {}

  /** Returns the bytes serialised, so that a test can see the path was walked whole. */
  public static int run(int rounds) {
    WebhookIntake intake = new WebhookIntake(TOKEN);
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
        .withRawPath(WebhookIntake.ROUTE_PREFIX + TOKEN)
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(WEBHOOK)
        .withIsBase64Encoded(false)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
        .build();
    int bytes = 0;
    for (int i = 0; i < rounds; i++) {
      WebhookDecision.Forward forward = (WebhookDecision.Forward) intake.decide(event);
      bytes += Json.bytes(forward.message()).length;
      WebhookOutcome.forwarded(forward.message().get("messageId").asText(), "primed").answer().response();
    }
    return bytes;
  }
}
