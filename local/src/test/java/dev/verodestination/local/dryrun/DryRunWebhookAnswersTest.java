package dev.verodestination.local.dryrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

class DryRunWebhookAnswersTest {

  private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> answering(String body) {
    return (event, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(body).build();
  }

  @Test
  void aWebhookForwardedToTheDryRunSenderIsAnsweredAsPrintedNotForwarded() {
    var webhook = DryRunWebhookAnswers.of(answering(
        "{\"success\":true,\"messageId\":\"vero-80cc\",\"forwarded\":true,\"event\":\"Email Opened\"}"), true);
    APIGatewayV2HTTPResponse answer = webhook.handleRequest(new APIGatewayV2HTTPEvent(), null);
    assertEquals(200, answer.getStatusCode());
    assertEquals("{\"success\":true,\"messageId\":\"vero-80cc\",\"forwarded\":false,\"dryRun\":true,\"event\":\"Email Opened\"}",
        answer.getBody());
  }

  @Test
  void everyOtherAnswerGoesBackAsTheFunctionGaveIt() {
    String acknowledged = "{\"success\":true,\"forwarded\":false,\"reason\":\"user_updated is acknowledged and not forwarded\"}";
    assertEquals(acknowledged, DryRunWebhookAnswers.of(answering(acknowledged), true).handleRequest(new APIGatewayV2HTTPEvent(), null)
        .getBody());
    String refused = "{\"success\":false,\"error\":\"unknown webhook token\"}";
    assertEquals(refused, DryRunWebhookAnswers.of(answering(refused), true).handleRequest(new APIGatewayV2HTTPEvent(), null).getBody());
    var withAKey = answering("{\"success\":true,\"forwarded\":true}");
    assertSame(withAKey, DryRunWebhookAnswers.of(withAKey, false), "with a write key the function answers alone");
  }
}
