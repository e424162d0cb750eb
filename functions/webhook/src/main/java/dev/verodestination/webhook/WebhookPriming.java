package dev.verodestination.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.verodestination.config.Settings;
import dev.verodestination.priming.LoopbackStandIn;
import dev.verodestination.priming.PrimingHook;
import dev.verodestination.priming.PrimingParts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a SnapStart snapshot of the webhook function should hold loaded, linked and compiled: the
 * handler's own intake (token, parse, map to an Email Spec track call or a profile's identify) on
 * made-up events, and the message serialised as the Segment client sends it; then the whole handler, Segment client and JDK
 * HTTP client included, against a stand-in of Segment on 127.0.0.1. Nothing leaves the machine,
 * nothing is kept.
 */
public final class WebhookPriming {

  private static final String TOKEN = "priming-only-token";
  private static final String WEBHOOK = "{\"type\":\"clicked\",\"clicked_at\":1767225600,\"user\":{\"id\":1,\"email\":\" p@example.com\"},"
      + "\"campaign\":{\"id\":2,\"name\":\"P\",\"subject\":\"S\",\"tags\":\"a, b\"},\"message_id\":\"m\",\"link_url\":\"https://p.test\"}";

  /** A profile change, so that forwarding Vero's profiles costs a restored snapshot no first use either. */
  private static final String PROFILE = "{\"type\":\"user_updated\",\"user\":{\"id\":1,\"email\":\"p@example.com\"},"
      + "\"changes\":{\"_tags\":{\"add\":[\"a\"],\"remove\":[\"b\"]}}}";

  private WebhookPriming() {}

  /** What the SnapStart hook runs: the decision until it is compiled, then the whole handler. */
  public static void beforeSnapshot() {
    run(PrimingHook.ROUNDS);
    throughHandler(PrimingHook.HANDLER_ROUNDS);
  }

  /** Returns the bytes serialised, so that a test can see the path was walked whole. */
  public static int run(int rounds) {
    WebhookIntake intake = new WebhookIntake(TOKEN, ProfileWebhooks.FORWARD);
    int bytes = 0;
    for (int i = 0; i < rounds; i++) {
      for (APIGatewayV2HTTPEvent event : List.of(event(WEBHOOK), event(PROFILE))) {
        WebhookDecision.Forward forward = (WebhookDecision.Forward) intake.decide(event);
        bytes += SegmentClient.body(forward.call(), Instant.EPOCH).length;
        new WebhookOutcome.Forwarded(forward.call().messageId(), "primed").answer().response();
      }
    }
    return bytes;
  }

  /**
   * The handler as the Lambda runtime calls it, built by the function's own wiring, forwarding to a
   * stand-in of Segment; returns how many rounds ended forwarded.
   */
  public static int throughHandler(int rounds) {
    int forwarded = 0;
    try (LoopbackStandIn standIn = LoopbackStandIn.start(); SqsClient sqs = PrimingParts.sqs(standIn)) {
      WebhookConfig config = WebhookConfig.from(new Settings(Map.of("SEGMENT_WRITE_KEY", "priming-only-key",
          "SEGMENT_API_URL", standIn.uri() + "/v1", ProfileWebhooks.SETTING, "forward")), TOKEN, standIn.uri() + "/000000000000/priming-webhook-dlq");
      WebhookHandler handler = new WebhookHandler(WebhookWiring.wire(config, sqs, Clock.systemUTC(), PrimingParts.quietLog("webhook")));
      for (int i = 0; i < rounds; i++) {
        forwarded += handler.handleRequest(event(i % 2 == 0 ? WEBHOOK : PROFILE), null).getBody().contains("\"forwarded\":true") ? 1 : 0;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the priming stand-in did not start", e);
    }
    return forwarded;
  }

  private static APIGatewayV2HTTPEvent event(String payload) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(WebhookIntake.ROUTE_PREFIX + TOKEN)
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(payload)
        .withIsBase64Encoded(false)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
        .build();
  }
}
