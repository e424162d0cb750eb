package dev.verodestination.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.verodestination.crypto.Sha256;
import dev.verodestination.log.JsonLog;
import dev.verodestination.log.Metrics;
import dev.verodestination.log.Metrics.Metric;
import dev.verodestination.priming.PrimingHook;
import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.QueueUnavailableException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * POST /webhooks/vero/{token}: Vero's email events to Segment as Email Spec track calls. The intake
 * decides; what Segment does not take is parked in the webhook DLQ before the answer, and only when
 * that fails too does Vero get a 503 and retry.
 */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final WebhookIntake intake;
  private final SegmentSender segment;
  private final DeadLetterQueue parked;
  private final Clock clock;
  private final JsonLog log;

  /** Held so that the SnapStart priming hook lives as long as the handler. */
  private PrimingHook priming;

  /** The Lambda runtime's constructor: settings from the environment, clients built once per container. */
  public WebhookHandler() {
    this(WebhookWiring.forLambda());
    this.priming = PrimingHook.register(WebhookPriming::beforeSnapshot);
  }

  public WebhookHandler(WebhookWiring.Parts parts) {
    this.intake = parts.intake();
    this.segment = parts.segment();
    this.parked = parts.parked();
    this.clock = parts.clock();
    this.log = parts.log();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    JsonLog log = this.log.forInvocation(context);
    WebhookDecision decision = intake.decide(event);
    WebhookOutcome outcome = switch (decision) {
      case WebhookDecision.Refused refused -> new WebhookOutcome.Refused(refused.status(), refused.error());
      case WebhookDecision.Acknowledged acknowledged -> new WebhookOutcome.Acknowledged(acknowledged.reason());
      case WebhookDecision.Park park -> park(park.rawPayload(), park.reason(), 0, "", "");
      case WebhookDecision.Forward forward -> forward(forward, log);
    };
    log.write(Metrics.onto(outcome.logLine(log),
        Map.of("Function", "webhook", "Outcome", outcome.kind(), "Event", outcome.event()),
        Metric.count("WebhookEvents", 1)));
    return outcome.answer().response();
  }

  private WebhookOutcome forward(WebhookDecision.Forward forward, JsonLog log) {
    SegmentCall call = forward.call();
    return switch (segment.send(call, log)) {
      case SegmentOutcome.Sent sent -> new WebhookOutcome.Forwarded(call.messageId(), call.event());
      case SegmentOutcome.Failed failed -> park(forward.rawPayload(), failed.reason(), failed.status(), call.messageId(), call.event());
    };
  }

  private WebhookOutcome park(String rawPayload, String reason, int status, String messageId, String event) {
    try {
      parked.park(rawPayload, Optional.empty(), Sha256.hex(rawPayload),
          new DeadLetterQueue.Parked(reason, status, clock.instant(), "webhook"));
      return new WebhookOutcome.Parked(reason, messageId, event);
    } catch (QueueUnavailableException e) {
      return new WebhookOutcome.Refused(503, "Segment did not take the event and it could not be parked: retry later");
    }
  }
}
