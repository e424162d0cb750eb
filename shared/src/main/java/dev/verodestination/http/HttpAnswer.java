package dev.verodestination.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.util.Map;

/** What an HTTP function answers: a status and a JSON body, passed back by API Gateway as is. */
public record HttpAnswer(int status, ObjectNode body) {

  /** {@code {"success":false,"error":...}}: {@code error} names the field and the rule, never a secret. */
  public static HttpAnswer error(int status, String error) {
    ObjectNode body = Json.object();
    body.put("success", false);
    body.put("error", error);
    return new HttpAnswer(status, body);
  }

  /** {@code {"success":true}}, for the caller to add to. */
  public static HttpAnswer ok() {
    ObjectNode body = Json.object();
    body.put("success", true);
    return new HttpAnswer(200, body);
  }

  public APIGatewayV2HTTPResponse response() {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(Json.string(body))
        .build();
  }
}
