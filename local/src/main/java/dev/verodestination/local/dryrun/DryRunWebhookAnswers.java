package dev.verodestination.local.dryrun;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.verodestination.json.Json;

/**
 * The webhook function as the runner serves it without a write key: the answer to a webhook whose
 * track call {@link DryRunSegmentSender} printed says {@code "forwarded":false,"dryRun":true}, so
 * that nobody trying it out takes a printed call for one Segment has.
 */
public final class DryRunWebhookAnswers implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> webhook;

  private DryRunWebhookAnswers(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> webhook) {
    this.webhook = webhook;
  }

  /** {@code webhook} as the runner serves it: its answers as they are when Segment is called. */
  public static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> of(
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> webhook, boolean segmentDryRun) {
    return segmentDryRun ? new DryRunWebhookAnswers(webhook) : webhook;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    APIGatewayV2HTTPResponse response = webhook.handleRequest(event, context);
    DryRunLines.object(response.getBody()).filter(answer -> answer.path("forwarded").asBoolean()).ifPresent(answer -> response.setBody(
        Json.string(DryRunLines.inserted(answer, "forwarded", "dryRun", BooleanNode.TRUE).put("forwarded", false))));
    return response;
  }
}
